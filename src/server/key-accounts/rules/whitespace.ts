// The whitespace matrix (白区分析): our product lines × the customer's business units, each cell
// in use (已使用), an opportunity (机会), held by a competitor (竞争对手) or none (空白).
// Pure validation and the summary the plan page shows.
import type { FieldIssue } from '../../shared/errors.js';

export const CELL_STATUSES = ['in_use', 'opportunity', 'competitor', 'none'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export interface WhitespaceCell {
  businessUnit: string;
  productLine: string;
  status: CellStatus;
  note?: string | null | undefined;
}

export interface WhitespaceMatrix {
  businessUnits: string[];
  cells: WhitespaceCell[];
}

/**
 * Field issues of a matrix against the program's product lines: unknown or repeated business
 * units and product lines, cells outside the matrix, a cell given twice. Cells left out are "none".
 */
export function whitespaceIssues(m: WhitespaceMatrix, productLines: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const units = new Set<string>();
  m.businessUnits.forEach((u, i) => {
    if (units.has(u)) issues.push({ field: `businessUnits.${i}`, reason: `"${u}" is listed twice`, code: 'duplicate' });
    units.add(u);
  });
  const lines = new Set(productLines);
  const seen = new Set<string>();
  m.cells.forEach((c, i) => {
    if (!units.has(c.businessUnit)) issues.push({ field: `cells.${i}.businessUnit`, reason: `"${c.businessUnit}" is not one of the business units`, code: 'unknown' });
    if (!lines.has(c.productLine)) issues.push({ field: `cells.${i}.productLine`, reason: `"${c.productLine}" is not one of the program's product lines`, code: 'unknown' });
    const key = `${c.businessUnit}\u0000${c.productLine}`;
    if (seen.has(key)) issues.push({ field: `cells.${i}`, reason: `the cell ${c.businessUnit} × ${c.productLine} is given twice`, code: 'duplicate' });
    seen.add(key);
  });
  return issues;
}

/** Cells per status over the whole matrix (absent cells count as none) and the share in use. */
export function whitespaceSummary(m: WhitespaceMatrix, productLines: readonly string[]) {
  const counts: Record<CellStatus, number> = { in_use: 0, opportunity: 0, competitor: 0, none: 0 };
  const lines = new Set(productLines);
  const units = new Set(m.businessUnits);
  for (const c of m.cells) if (units.has(c.businessUnit) && lines.has(c.productLine)) counts[c.status] += 1;
  const total = units.size * lines.size;
  counts.none = total - counts.in_use - counts.opportunity - counts.competitor;
  return { total, counts, inUseShare: total === 0 ? 0 : Math.round((counts.in_use / total) * 10000) / 10000 };
}
