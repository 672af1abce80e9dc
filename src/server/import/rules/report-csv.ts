// The validation report of an import as a CSV file to download: one line per issue (row,
// column, field, code, reason), UTF-8 with a BOM so Excel reads Chinese, and every text cell a
// spreadsheet would run as a formula neutralised with a leading quote (export/rules/cells.ts).
import { CSV_EOL, csvEscape, neutraliseText, UTF8_BOM } from '../../export/rules/cells.js';

export interface ReportIssueLike {
  row: number | null;
  column: string | null;
  field: string | null;
  code: string;
  reason: string;
}

const HEADERS = { zh: ['行号', '列', '字段', '代码', '原因'], en: ['row', 'column', 'field', 'code', 'reason'] } as const;
const FILE_LEVEL = { zh: '整个文件', en: 'file' } as const;

export function reportCsv(issues: readonly ReportIssueLike[], lang: 'zh' | 'en', omitted = 0): string {
  const line = (cells: string[]) => cells.map((c) => csvEscape(c)).join(',') + CSV_EOL;
  let out = UTF8_BOM + line([...HEADERS[lang]]);
  for (const i of issues) {
    out += line([i.row === null ? FILE_LEVEL[lang] : String(i.row), neutraliseText(i.column ?? ''), neutraliseText(i.field ?? ''), neutraliseText(i.code), neutraliseText(i.reason)]);
  }
  if (omitted > 0) {
    out += line(['', '', '', '', lang === 'zh' ? `另有 ${omitted} 个问题未列出` : `${omitted} more issues not listed`]);
  }
  return out;
}
