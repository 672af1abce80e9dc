// Use cases of the customer archive: permission checks, transactions, audit and timeline.
import type { Kysely, Transaction } from 'kysely';
import type { AccountPatch, AccountRow, DB } from '../db/schema.js';
import { recordAudit, changedFields, type WriteContext } from '../audit/audit-log.js';
import { putInBin, snapshotOrderLines, snapshotRows } from '../audit/recycle-bin.js';
import {
  canAssignAccount,
  canCreateAccount,
  canDeleteAccount,
  canEditAccount,
  type Actor,
} from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { usersRepository } from '../users/repository.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { decodeCursor, encodeCursor, queryAfterCursor } from '../shared/cursor.js';
import { accountsRepository, type AccountListQuery, type AccountSortKey } from './repository.js';
import { presentAccount, presentAccountListItem } from './presenter.js';
import { looseNameKey, searchText, strictNameKey } from './rules/names.js';
import { checkAccountFields, lifecycleIssue, type AccountFields } from './validation.js';
import { decisionChainParts } from '../relationships/bin-repository.js';
import { tierAndProgramParts } from '../key-accounts/bin-parts.js';

const SPONSOR_ROLES = new Set(['sponsor', 'director', 'admin']);
const OWNER_ROLES = new Set(['kam', 'director', 'admin']);

function toColumns(input: AccountFields): AccountPatch {
  const p: AccountPatch = {};
  const set = <K extends keyof AccountPatch>(k: K, v: AccountPatch[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  if (input.name !== undefined) {
    p.name = input.name.trim();
    p.name_key = strictNameKey(p.name);
    p.name_loose = looseNameKey(p.name);
  }
  set('short_name', input.shortName);
  set('credit_code', input.creditCode === '' ? null : input.creditCode);
  set('external_code', input.externalCode === '' ? null : input.externalCode);
  set('industry', input.industry);
  set('region', input.region);
  set('employees', input.employees);
  set('annual_revenue', input.annualRevenue);
  set('website', input.website);
  set('address', input.address);
  set('classifications', input.classifications ? [...new Set(input.classifications)] : undefined);
  set('segment', input.segment);
  set('parent_id', input.parentId);
  set('lifecycle_status', input.lifecycleStatus);
  set('lifecycle_reason', input.lifecycleReason);
  set('owner_id', input.ownerId);
  set('sponsor_id', input.sponsorId);
  const n = input.needsAnalysis;
  if (n) {
    set('business_situation', n.businessSituation);
    set('technology_goals', n.technologyGoals);
    set('products_in_use', n.productsInUse);
    set('decision_process', n.decisionProcess);
  }
  return p;
}

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export function accountsService(db: Kysely<DB>) {
  const repo = accountsRepository(db);
  const users = usersRepository(db);

  async function loadVisible(actor: Actor, id: number, q: Kysely<DB> | Transaction<DB> = db) {
    const row = await repo.findVisible(actor, id, q);
    if (!row) throw AppError.notFound('Account');
    return { row, rel: relationOf(row) };
  }

  /** Unique keys, parent cycles, owner and sponsor roles: checks that need the database. */
  async function checkReferences(trx: Transaction<DB>, actor: Actor, id: number | null, cols: AccountPatch, issues: FieldIssue[], previousParentId: number | null = null) {
    if (cols.name_key !== undefined) {
      const clash = await repo.findByNameKey(cols.name_key, trx);
      if (clash && clash.id !== id) {
        // Name the existing account only to those who may see it.
        const visible = await repo.findVisible(actor, clash.id, trx);
        throw new AppError(
          'DUPLICATE',
          visible ? `An account named "${clash.name}" already exists` : 'An account with this name already exists (outside your accounts)',
          visible ? { field: 'name', existing: { id: clash.id, name: clash.name } } : { field: 'name' },
        );
      }
    }
    if (cols.credit_code) {
      const clash = await repo.findByCreditCode(cols.credit_code, trx);
      if (clash && clash.id !== id) issues.push({ field: 'creditCode', reason: `is already used by account ${clash.id} (${clash.name})`, code: 'duplicate' });
    }
    if (cols.external_code) {
      const clash = await repo.findByExternalCode(cols.external_code, trx);
      if (clash && clash.id !== id) issues.push({ field: 'externalCode', reason: `is already used by account ${clash.id} (${clash.name})`, code: 'duplicate' });
    }
    if (cols.parent_id != null) {
      // A new parent must be one the actor can see: otherwise its name would show through `parent`.
      const parentVisible = cols.parent_id === previousParentId ? await repo.exists(cols.parent_id, trx) : await repo.findVisible(actor, cols.parent_id, trx);
      if (!parentVisible) issues.push({ field: 'parentId', reason: `account ${cols.parent_id} does not exist or is not visible to you`, code: 'not_found' });
      else if (id !== null && (await repo.isSelfOrDescendant(id, cols.parent_id, trx))) {
        issues.push({ field: 'parentId', reason: 'would make a cycle: the parent is this account or one of its subsidiaries', code: 'cycle' });
      }
    }
    for (const [field, col, roles] of [
      ['ownerId', 'owner_id', OWNER_ROLES],
      ['sponsorId', 'sponsor_id', SPONSOR_ROLES],
    ] as const) {
      const userId = cols[col];
      if (userId == null) continue;
      const u = await users.findById(userId, trx);
      if (!u || !u.active) issues.push({ field, reason: `user ${userId} does not exist or is inactive`, code: 'not_found' });
      else if (!roles.has(u.role)) issues.push({ field, reason: `user ${u.username} has role ${u.role}, which cannot hold this position`, code: 'wrong_role' });
    }
    if (issues.length) throw AppError.validation(issues);
  }

  async function findPresented(actor: Actor, id: number, q: Kysely<DB> | Transaction<DB> = db) {
    const { row, rel } = await loadVisible(actor, id, q);
    return presentAccount(row, actor, rel);
  }

  return {
    async list(actor: Actor, query: Omit<AccountListQuery, 'after' | 'sort' | 'desc'> & { sort?: string | undefined; cursor?: string | undefined }) {
      const sortRaw = query.sort ?? '-updatedAt';
      const desc = sortRaw.startsWith('-');
      const sort = (desc ? sortRaw.slice(1) : sortRaw) as AccountSortKey;
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await queryAfterCursor(query.cursor, () => repo.list(actor, { ...query, sort, desc, after }));
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(presentAccountListItem),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
      };
    },

    get: findPresented,

    async facets() {
      const [industries, regions] = await Promise.all([repo.distinctValues('industry'), repo.distinctValues('region')]);
      return { industries, regions };
    },

    async possibleDuplicates(actor: Actor, name: string, excludeId?: number) {
      return repo.looseDuplicates(actor, looseNameKey(name), excludeId);
    },

    async create(ctx: WriteContext, input: AccountFields & { name: string }) {
      const { actor } = ctx;
      if (!canCreateAccount(actor)) throw AppError.forbidden('Your role cannot create accounts');
      const issues = checkAccountFields(input);
      const lc = lifecycleIssue(input.lifecycleStatus ?? 'prospect', input.lifecycleReason);
      if (lc) issues.push(lc);
      if (!canAssignAccount(actor)) {
        if (input.ownerId != null && input.ownerId !== actor.id) throw AppError.forbidden('Only a director assigns accounts to other managers');
        if (input.sponsorId != null) throw AppError.forbidden('Only a director assigns executive sponsors');
        input.ownerId = actor.id;
      }
      const cols = toColumns(input);
      const id = await db.transaction().execute(async (trx) => {
        await checkReferences(trx, actor, null, cols, issues);
        const row = await repo.insert(trx, {
          ...(cols as Required<Pick<AccountPatch, 'name' | 'name_key' | 'name_loose'>> & AccountPatch),
          name: cols.name!,
          name_key: cols.name_key!,
          name_loose: cols.name_loose!,
          search_text: searchText({ name: cols.name!, short_name: cols.short_name ?? null, credit_code: cols.credit_code ?? null, external_code: cols.external_code ?? null }),
          created_by: actor.id,
        });
        await recordAudit(trx, ctx, { action: 'create', entity: 'account', entityId: row.id, after: row });
        await addTimelineEvent(trx, ctx, { accountId: row.id, kind: 'account.created', summary: row.name, entity: 'account', entityId: row.id });
        return row.id;
      });
      const account = await findPresented(actor, id);
      const dupes = await repo.looseDuplicates(actor, cols.name_loose!, id);
      return { account, warnings: { possibleDuplicates: dupes } };
    },

    async update(ctx: WriteContext, id: number, version: number, input: AccountFields) {
      const { actor } = ctx;
      const { rel } = await loadVisible(actor, id);
      if (!canEditAccount(actor, rel)) throw AppError.forbidden('You cannot edit this account');
      if ((input.ownerId !== undefined || input.sponsorId !== undefined) && !canAssignAccount(actor)) {
        throw AppError.forbidden('Only a director changes the owner or the executive sponsor');
      }
      const issues = checkAccountFields(input);
      const cols = toColumns(input);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Account');
        if (before.version !== version) throw AppError.stale('account', before.version);
        const lc = lifecycleIssue(cols.lifecycle_status ?? before.lifecycle_status, cols.lifecycle_reason !== undefined ? cols.lifecycle_reason : before.lifecycle_reason);
        if (lc && (cols.lifecycle_status !== undefined || cols.lifecycle_reason !== undefined)) issues.push(lc);
        if (cols.lifecycle_status && cols.lifecycle_status !== 'lost' && cols.lifecycle_reason === undefined && before.lifecycle_reason) {
          cols.lifecycle_reason = null;
        }
        await checkReferences(trx, actor, id, cols, issues, before.parent_id);
        const merged = { ...before, ...cols };
        cols.search_text = searchText(merged);
        const after = await repo.updateVersioned(trx, id, version, cols);
        if (!after) throw AppError.stale('account', before.version);
        await writeUpdateTrail(trx, ctx, before, after);
      });
      return findPresented(actor, id);
    },

    async remove(ctx: WriteContext, id: number, version: number) {
      const { actor } = ctx;
      const { rel } = await loadVisible(actor, id);
      if (!canDeleteAccount(actor, rel)) throw AppError.forbidden('You cannot delete this account');
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Account');
        if (before.version !== version) throw AppError.stale('account', before.version);
        const children = await repo.childCount(id, trx);
        if (children > 0) {
          throw new AppError('CONFLICT', `The account has ${children} subsidiaries; move or delete them first`, { subsidiaries: children });
        }
        const parts = [
          { table: 'accounts' as const, rows: await snapshotRows(trx, 'accounts', 'id', id) },
          { table: 'account_team_members' as const, rows: await snapshotRows(trx, 'account_team_members', 'account_id', id) },
          { table: 'contacts' as const, rows: await snapshotRows(trx, 'contacts', 'account_id', id) },
          { table: 'account_needs' as const, rows: await snapshotRows(trx, 'account_needs', 'account_id', id) },
          { table: 'orders' as const, rows: await snapshotRows(trx, 'orders', 'account_id', id) },
          { table: 'order_lines' as const, rows: await snapshotOrderLines(trx, { accountId: id }) },
          { table: 'payments' as const, rows: await snapshotRows(trx, 'payments', 'account_id', id) },
          ...(await decisionChainParts(trx, id)),
          ...(await tierAndProgramParts(trx, id)),
        ];
        await putInBin(trx, { entity: 'account', entityId: id, label: before.name, accountId: id, parts, deletedBy: actor.id });
        await repo.deleteRow(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'account', entityId: id, before });
      });
    },
  };

  async function writeUpdateTrail(trx: Transaction<DB>, ctx: WriteContext, before: AccountRow, after: AccountRow) {
    const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    delete diff.before.search_text;
    delete diff.after.search_text;
    await recordAudit(trx, ctx, { action: 'update', entity: 'account', entityId: after.id, before: diff.before, after: diff.after });
    const fields = Object.keys(diff.after).filter((k) => !['name_key', 'name_loose'].includes(k));
    if (before.lifecycle_status !== after.lifecycle_status) {
      await addTimelineEvent(trx, ctx, {
        accountId: after.id,
        kind: 'account.lifecycle',
        summary: `${before.lifecycle_status} → ${after.lifecycle_status}${after.lifecycle_reason ? `: ${after.lifecycle_reason}` : ''}`,
        data: { from: before.lifecycle_status, to: after.lifecycle_status, reason: after.lifecycle_reason },
      });
    }
    if (before.owner_id !== after.owner_id) {
      await addTimelineEvent(trx, ctx, { accountId: after.id, kind: 'team.owner_changed', summary: String(after.owner_id ?? ''), data: { from: before.owner_id, to: after.owner_id } });
    }
    if (before.sponsor_id !== after.sponsor_id) {
      await addTimelineEvent(trx, ctx, { accountId: after.id, kind: 'team.sponsor_changed', summary: String(after.sponsor_id ?? ''), data: { from: before.sponsor_id, to: after.sponsor_id } });
    }
    const rest = fields.filter((f) => !['lifecycle_status', 'lifecycle_reason', 'owner_id', 'sponsor_id'].includes(f)).map(camelCase);
    if (rest.length) {
      await addTimelineEvent(trx, ctx, { accountId: after.id, kind: 'account.updated', summary: rest.join(', '), data: { fields: rest } });
    }
  }
}

export type AccountsService = ReturnType<typeof accountsService>;
