// The Content-Disposition of a download: a UTF-8 file name (RFC 6266 / RFC 5987 filename*) and an
// ASCII fallback for old clients, so 客户档案-2026-11-23.csv arrives with its Chinese name.

/** RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ stay; every other byte is %-encoded. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(filename: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(filename)}`;
}

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
