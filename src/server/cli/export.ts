// `kam export <entity>`: a list as CSV or XLSX, to stdout or a file.
// The CLI acts as the system (CLI_CONTEXT, an admin actor): whoever can run it on the server can
// read the database directly anyway, so it exports every record, PII included. Filters are the
// list API's, checked by the same schemas.
import fs from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { z } from 'zod';
import { accountListFilters } from '../accounts/routes.js';
import { contactListFilters } from '../contacts/routes.js';
import { orderListFilters, paymentListFilters } from '../orders/routes.js';
import { exportService } from '../export/service.js';
import { AppError } from '../shared/errors.js';
import { CLI_CONTEXT, withDatabase } from './common.js';

export const EXPORT_CLI_ENTITIES = ['accounts', 'contacts', 'orders', 'payments'] as const;
export type ExportCliEntity = (typeof EXPORT_CLI_ENTITIES)[number];

export interface ExportCommandOptions {
  format: 'csv' | 'xlsx';
  out?: string | undefined;
  lang: 'zh' | 'en';
  q?: string | undefined;
  sort?: string | undefined;
  lifecycleStatus?: string | undefined;
  industry?: string | undefined;
  region?: string | undefined;
  classification?: string | undefined;
  ownerId?: string | undefined;
  sponsorId?: string | undefined;
  parentId?: string | undefined;
  accountId?: string | undefined;
  orderId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  asOf?: string | undefined;
}

const SCHEMAS: Record<ExportCliEntity, z.ZodType> = { accounts: accountListFilters, contacts: contactListFilters, orders: orderListFilters, payments: paymentListFilters };
const OPTION_OF: Record<string, string> = {
  lifecycleStatus: '--lifecycle-status',
  ownerId: '--owner-id',
  sponsorId: '--sponsor-id',
  parentId: '--parent-id',
  accountId: '--account-id',
  orderId: '--order-id',
  dueFrom: '--due-from',
  dueTo: '--due-to',
  asOf: '--as-of',
};

function parseFilters(entity: ExportCliEntity, opts: ExportCommandOptions): Record<string, unknown> {
  const { format: _f, out: _o, lang: _l, ...given } = opts;
  const schema = SCHEMAS[entity];
  const known = Object.keys((schema as unknown as { shape: Record<string, unknown> }).shape);
  const unknown = Object.entries(given).filter(([k, v]) => v !== undefined && !known.includes(k));
  if (unknown.length) {
    throw AppError.validation(unknown.map(([k]) => ({ field: OPTION_OF[k] ?? `--${k}`, reason: `is not a filter of ${entity}` })), `Unknown filters for ${entity}`);
  }
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        return { field: OPTION_OF[key] ?? `--${key}`, reason: i.message };
      }),
      'Invalid filters',
    );
  }
  return parsed.data as Record<string, unknown>;
}

export async function exportCommand(entity: ExportCliEntity, opts: ExportCommandOptions): Promise<void> {
  const filters = parseFilters(entity, opts);
  if (!opts.out && opts.format === 'xlsx' && process.stdout.isTTY) {
    throw new AppError('BAD_REQUEST', 'XLSX is binary: give --out FILE or redirect stdout to a file');
  }
  await withDatabase(async (database, config) => {
    const service = exportService(database.db, { timezone: config.timezone });
    const opened = await service.open(CLI_CONTEXT, { entity, format: opts.format, lang: opts.lang, filters } as Parameters<typeof service.open>[1]);
    let out: Writable;
    let done: Promise<void>;
    if (opts.out) {
      const file = fs.createWriteStream(opts.out);
      out = file;
      done = finished(file);
    } else {
      // The writer ends its output; stdout must stay open, so a pass-through feeds it.
      const pass = new PassThrough();
      pass.pipe(process.stdout);
      out = pass;
      done = finished(pass);
    }
    const rows = await opened.writeTo(out);
    await done;
    console.error(`Exported ${rows.toLocaleString('en')} ${entity}${opts.out ? ` to ${opts.out}` : ''}.`);
  });
}
