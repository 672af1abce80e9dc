// Exports of lists to CSV and XLSX. Permission: whoever may read a list may export it, and gets
// exactly the rows the list shows them (the list's own query and scope). One audit row per export
// (entity, format, filters, row count), written when the file is complete or the reader went away.
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import type { RawValue } from './rules/cells.js';
import { localDate } from './rules/cells.js';
import { contentDisposition, EXPORT_CONTENT_TYPE, type ExportFormat } from './rules/disposition.js';
import { EXPORT_ENTITIES, type ExportEntityName, type ExportFiltersOf } from './entities/index.js';
import { openSheetWriter, OutputClosedError } from './writers.js';
import type { ExportEntity } from './entities/types.js';

export const EXPORT_PAGE_SIZE = 5000;

export interface ExportRequest<N extends ExportEntityName> {
  entity: N;
  format: ExportFormat;
  /** Language of the header row and the file name. */
  lang: 'zh' | 'en';
  filters: ExportFiltersOf<N>;
}

export interface OpenedExport {
  filename: string;
  contentType: string;
  contentDisposition: string;
  /** Writes the file to `out` (and ends it); resolves with the number of data rows. */
  writeTo(out: Writable): Promise<number>;
}

export function exportService(db: Kysely<DB>, opts: { timezone: string; now?: () => Date; pageSize?: number }) {
  const pageSize = opts.pageSize ?? EXPORT_PAGE_SIZE;
  const now = opts.now ?? (() => new Date());

  return {
    /**
     * Reads the first page before anything is sent, so a failing query is an ordinary error
     * response and not a broken download; the rest is read while the file is written.
     */
    async open<N extends ExportEntityName>(ctx: WriteContext, req: ExportRequest<N>): Promise<OpenedExport> {
      const entity = EXPORT_ENTITIES[req.entity] as unknown as ExportEntity<ExportFiltersOf<N>>;
      const at = now();
      const pages = entity.pages(db, ctx.actor, req.filters, pageSize, { now: at, timeZone: opts.timezone });
      const first = await pages.next();
      const day = localDate(at, opts.timezone);
      const filename = `${entity.fileStem[req.lang]}-${day}.${req.format}`;
      return {
        filename,
        contentType: EXPORT_CONTENT_TYPE[req.format],
        contentDisposition: contentDisposition(filename, `${entity.fileStem.en}-${day}.${req.format}`),
        async writeTo(out) {
          const writer = openSheetWriter(req.format, out, { columns: entity.columns, lang: req.lang, timeZone: opts.timezone, sheetName: entity.fileStem[req.lang] });
          let rows = 0;
          let audited = false;
          // The trail of who took which data out: written before the last byte leaves, so it is
          // there when the download completes — and also when the download was abandoned.
          const audit = async (complete: boolean) => {
            audited = true;
            await recordAudit(db, ctx, { action: 'export', entity: entity.auditEntity, entityId: null, after: { format: req.format, filters: req.filters, rows, complete } });
          };
          try {
            let page: IteratorResult<RawValue[][]> = first;
            while (!page.done) {
              await writer.writeRows(page.value);
              rows += page.value.length;
              page = await pages.next();
            }
            await audit(true);
            await writer.finish();
            return rows;
          } catch (e) {
            await pages.return(undefined).catch(() => undefined);
            if (!audited) await audit(false).catch(() => undefined);
            throw e;
          }
        },
      };
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;
export { OutputClosedError };
