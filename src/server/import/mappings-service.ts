// Saved import mappings (column header → field) by name per entity, for files that come in the
// same shape every month. Shared by everyone who imports (administrators and directors): any of
// them reads, saves, renames and deletes them; every change is audited.
import type { Kysely } from 'kysely';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canImport, type Actor } from '../auth/rules/permissions.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../shared/errors.js';
import { presentMapping } from './jobs-presenter.js';
import { importJobsRepository, importMappingsRepository as repo, type ImportMappingRow } from './jobs-repository.js';
import { matchHeaders, normaliseHeader } from './rules/headers.js';
import { resolveEntity } from './service.js';

export type MappingColumns = Record<string, string | null>;

function requireImporter(actor: Actor) {
  if (!canImport(actor)) throw AppError.forbidden('Only an administrator or a director imports data');
}

/** Every target must be a field (or alias) of the entity, or null / '-' to ignore the column. */
function checkColumns(entityName: string, columns: MappingColumns): MappingColumns {
  const entity = resolveEntity(entityName);
  const headers = Object.keys(columns);
  const seen = new Set<string>();
  for (const h of headers) {
    const key = normaliseHeader(h);
    if (key === '') throw AppError.validation([{ field: 'columns', reason: 'a column header must not be empty', code: 'required' }]);
    if (seen.has(key)) throw AppError.validation([{ field: `columns.${h}`, reason: 'names the same column as another entry', code: 'duplicate' }]);
    seen.add(key);
  }
  const issues = matchHeaders(headers, entity.fields, columns).issues.filter((i) => i.code === 'unknown_field' || i.code === 'duplicate_column');
  if (issues.length) throw AppError.validation(issues.map((i) => ({ field: 'columns', reason: i.reason, code: i.code })));
  return columns;
}

export function importMappingsService(db: Kysely<DB>) {
  async function present(rows: ImportMappingRow[]) {
    const creators = await importJobsRepository.creatorNames(db, [...new Set(rows.map((r) => r.created_by).filter((id): id is number => id !== null))]);
    return rows.map((r) => presentMapping(r, creators));
  }
  async function found(id: number) {
    const row = await repo.get(db, id);
    if (!row) throw AppError.notFound('Import mapping');
    return row;
  }
  async function nameFree(entity: string, name: string, exceptId: number | null) {
    if (await repo.findByName(db, entity, name, exceptId)) {
      throw new AppError('DUPLICATE', `A mapping named "${name}" already exists for ${entity}`, { fields: [{ field: 'name', reason: 'is already taken for this entity', code: 'duplicate' }] });
    }
  }

  return {
    async list(actor: Actor, entity: string | undefined) {
      requireImporter(actor);
      return { items: await present(await repo.list(db, entity ? resolveEntity(entity).name : null)), nextCursor: null };
    },

    async get(actor: Actor, id: number) {
      requireImporter(actor);
      return (await present([await found(id)]))[0]!;
    },

    async create(ctx: WriteContext, input: { entity: string; name: string; columns: MappingColumns }) {
      requireImporter(ctx.actor);
      const entity = resolveEntity(input.entity).name;
      const columns = checkColumns(entity, input.columns);
      await nameFree(entity, input.name, null);
      const row = await db.transaction().execute(async (trx) => {
        const m = await repo.insert(trx, { entity, name: input.name, columns, createdBy: ctx.actor.id > 0 ? ctx.actor.id : null });
        await recordAudit(trx, ctx, { action: 'create', entity: 'import_mapping', entityId: m.id, after: { entity, name: m.name, columns } });
        return m;
      });
      return (await present([row]))[0]!;
    },

    async update(ctx: WriteContext, id: number, input: { version: number; name?: string | undefined; columns?: MappingColumns | undefined }) {
      requireImporter(ctx.actor);
      const before = await found(id);
      if (input.columns) checkColumns(before.entity, input.columns);
      if (input.name !== undefined) await nameFree(before.entity, input.name, id);
      const row = await db.transaction().execute(async (trx) => {
        const m = await repo.update(trx, id, input.version, { name: input.name, columns: input.columns });
        if (!m) throw AppError.stale('import mapping', before.version);
        await recordAudit(trx, ctx, { action: 'update', entity: 'import_mapping', entityId: id, before: { name: before.name, columns: before.columns }, after: { name: m.name, columns: m.columns } });
        return m;
      });
      return (await present([row]))[0]!;
    },

    async delete(ctx: WriteContext, id: number, version: number) {
      requireImporter(ctx.actor);
      const before = await found(id);
      if (before.version !== version) throw AppError.stale('import mapping', before.version);
      await db.transaction().execute(async (trx) => {
        await repo.delete(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'import_mapping', entityId: id, before: { entity: before.entity, name: before.name, columns: before.columns } });
      });
    },
  };
}

export type ImportMappingsService = ReturnType<typeof importMappingsService>;
