// Which column holds which field: by header name (Chinese or English aliases, ignoring case,
// spaces, underscores, full/half width and a trailing required-marker *), or by explicit mapping.

export interface HeaderField {
  name: string;
  aliases: readonly string[];
  required?: boolean | undefined;
}

/** Explicit mapping: file column header → field name (or alias); null, '' or '-' ignores the column. */
export type ColumnMapping = Record<string, string | null>;

export interface HeaderIssue {
  code: string;
  reason: string;
}

export interface HeaderMatch {
  /** Per column (by index): the field it fills, or null when ignored. */
  fields: (string | null)[];
  /** Headers that matched no field (ignored, reported as a warning). */
  unknown: string[];
  issues: HeaderIssue[];
}

export function normaliseHeader(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '')
    .replace(/^\*|\*$/g, '');
}

/** Letters of a spreadsheet column: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function fieldIndex(fields: readonly HeaderField[]): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const f of fields) {
    for (const name of [f.name, ...f.aliases]) {
      const key = normaliseHeader(name);
      const other = byKey.get(key);
      if (other && other !== f.name) throw new Error(`Header alias "${name}" is used by fields ${other} and ${f.name}`);
      byKey.set(key, f.name);
    }
  }
  return byKey;
}

export function matchHeaders(
  headers: readonly string[],
  fields: readonly HeaderField[],
  mapping: ColumnMapping = {},
  requireAny: readonly (readonly string[])[] = [],
): HeaderMatch {
  const byKey = fieldIndex(fields);
  const issues: HeaderIssue[] = [];
  const explicit = new Map<string, string | null>();
  for (const [column, target] of Object.entries(mapping)) {
    const key = normaliseHeader(column);
    if (target === null || target.trim() === '' || target.trim() === '-') {
      explicit.set(key, null);
      continue;
    }
    const field = byKey.get(normaliseHeader(target));
    if (!field) issues.push({ code: 'unknown_field', reason: `the mapping sends column "${column}" to "${target}", which is not a field (fields: ${fields.map((f) => f.name).join(', ')})` });
    else explicit.set(key, field);
    if (!headers.some((h) => normaliseHeader(h) === key)) issues.push({ code: 'unknown_column', reason: `the mapping names column "${column}", which the file does not have` });
  }

  const result: (string | null)[] = [];
  const unknown: string[] = [];
  const taken = new Map<string, number>();
  // A field mapped explicitly from one column is not also filled by a column that only matches its name.
  const mappedFields = new Set(headers.map((h) => explicit.get(normaliseHeader(h))).filter((f): f is string => !!f));
  headers.forEach((header, i) => {
    const key = normaliseHeader(header);
    let field: string | null | undefined = explicit.has(key) ? explicit.get(key) : byKey.get(key);
    if (!explicit.has(key) && field && mappedFields.has(field)) field = undefined;
    if (key === '' || field === undefined) {
      if (key !== '') unknown.push(header);
      field = null;
    }
    if (field !== null) {
      const first = taken.get(field);
      if (first !== undefined) {
        issues.push({
          code: 'duplicate_column',
          reason: `columns "${headers[first]}" (${columnLetter(first)}) and "${header}" (${columnLetter(i)}) both fill field ${field}; map one of them to another field or to -`,
        });
      } else taken.set(field, i);
    }
    result.push(field);
  });

  for (const f of fields) {
    if (f.required && !taken.has(f.name)) {
      issues.push({ code: 'missing_column', reason: `no column for the required field ${f.name} (headers it accepts: ${[f.name, ...f.aliases].join(', ')})` });
    }
  }
  for (const group of requireAny) {
    if (!group.some((name) => taken.has(name))) issues.push({ code: 'missing_column', reason: `no column for any of the fields ${group.join(' / ')}` });
  }
  return { fields: result, unknown, issues };
}
