// The decision chain of an account (SPEC C4): stakeholders, links, the relationship map with its
// measures, and the periodic sweep that keeps measures and alerts current.
import type { Kysely, Transaction } from 'kysely';
import type { Attitude, AttitudeKind, BuyingRole, DB } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { canEditStakeholders, canManagePipelineStages, canSeeStakeholderAssessments, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { accountsRepository } from '../accounts/repository.js';
import type { Clock } from '../shared/clock.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { hasTiering, relationshipsRepository } from './repository.js';
import { measuresService } from './measures-service.js';
import { mapDocument } from './map-document.js';
import { presentLink, presentStakeholder } from './presenter.js';
import { staleAfterDays } from './rules/measures.js';

export interface StakeholderInput {
  name?: string | undefined;
  title?: string | null | undefined;
  contactId?: number | null | undefined;
  opportunityId?: number | null | undefined;
  buyingRole?: BuyingRole | null | undefined;
  attitude?: Attitude | undefined;
  attitudeKind?: AttitudeKind | null | undefined;
  influence?: number | undefined;
  relationshipLevel?: number | undefined;
  personalNeeds?: string | null | undefined;
  interests?: string | null | undefined;
  lastContactDate?: string | null | undefined;
  coveredBy?: number[] | undefined;
}

export interface LinkInput {
  fromId: number;
  toId: number;
  kind: 'reports_to' | 'influences';
  hidden?: boolean | undefined;
  note?: string | null | undefined;
}

const SWEEP_PAGE = 500;

export function relationshipsService(db: Kysely<DB>, opts: { clock: Clock; timezone: string }) {
  const repo = relationshipsRepository(db);
  const accounts = accountsRepository(db);
  const measures = measuresService(db, opts);

  async function accountForWrite(actor: Actor, accountId: number, field?: string) {
    const acc = await accounts.findVisible(actor, accountId);
    if (!acc) {
      if (field) throw AppError.validation([{ field, reason: `account ${accountId} does not exist or is not visible to you` }]);
      throw AppError.notFound('Account');
    }
    const rel = relationOf(acc);
    if (!canEditStakeholders(actor, rel)) throw AppError.forbidden('Only the account team, directors and admins change the decision chain');
    return acc;
  }

  async function readableAccount(actor: Actor, accountId: number) {
    const acc = await accounts.findVisible(actor, accountId);
    if (!acc) throw AppError.notFound('Account');
    return relationOf(acc);
  }

  /** References in the input must belong to the same account; coverers must be active users. */
  async function checkRefs(q: Kysely<DB> | Transaction<DB>, accountId: number, input: StakeholderInput) {
    const issues: FieldIssue[] = [];
    if (input.contactId != null) {
      const c = await repo.contactAccount(q, input.contactId);
      if (!c || c.account_id !== accountId) issues.push({ field: 'contactId', code: 'not_found', reason: `contact ${input.contactId} is not a contact of this account` });
    }
    if (input.opportunityId != null) {
      const o = await repo.opportunityAccount(q, input.opportunityId);
      if (!o || o.account_id !== accountId) issues.push({ field: 'opportunityId', code: 'not_found', reason: `opportunity ${input.opportunityId} is not an opportunity of this account` });
    }
    if (input.coveredBy?.length) {
      const ids = [...new Set(input.coveredBy)];
      const found = new Set((await repo.activeUsers(q, ids)).map((u) => u.id));
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) issues.push({ field: 'coveredBy', code: 'not_found', reason: `no active user ${missing.join(', ')}` });
    }
    if (input.lastContactDate && input.lastContactDate > measures.today()) {
      issues.push({ field: 'lastContactDate', code: 'future', reason: `the last contact cannot be after today (${measures.today()})` });
    }
    if (issues.length) throw AppError.validation(issues);
  }

  function checkAttitude(attitude: Attitude, kind: AttitudeKind | null) {
    if (kind !== null && attitude !== 'neutral' && attitude !== 'opponent') {
      throw AppError.validation([{ field: 'attitudeKind', code: 'not_allowed', reason: 'the kind (skeptic, misunderstanding, regressor) is for non-supporters: neutral or opponent' }]);
    }
  }

  async function get(actor: Actor, id: number) {
    const row = await repo.findVisible(actor, id);
    if (!row) throw AppError.notFound('Stakeholder');
    return presentStakeholder(row.person, canSeeStakeholderAssessments(actor, relationOf(row)));
  }

  const columns = (input: StakeholderInput) => {
    const out: Record<string, unknown> = {};
    const map: [keyof StakeholderInput, string][] = [
      ['name', 'name'], ['title', 'title'], ['contactId', 'contact_id'], ['opportunityId', 'opportunity_id'], ['buyingRole', 'buying_role'],
      ['attitude', 'attitude'], ['attitudeKind', 'attitude_kind'], ['influence', 'influence'], ['relationshipLevel', 'relationship_level'],
      ['personalNeeds', 'personal_needs'], ['interests', 'interests'], ['lastContactDate', 'last_contact_date'],
    ];
    for (const [k, col] of map) if (input[k] !== undefined) out[col] = input[k];
    return out;
  };

  return {
    get,

    /** The relationship map as JSON text, ready to send (map-document.ts says why it is built in SQL). */
    async map(actor: Actor, accountId: number, opportunityId?: number): Promise<string> {
      const acc = await repo.mapAccess(actor, accountId, await hasTiering(db));
      if (!acc) throw AppError.notFound('Account');
      const rel = relationOf(acc);
      return mapDocument(db, {
        accountId: acc.id,
        accountName: acc.name,
        opportunityId: opportunityId ?? null,
        tier: acc.tier,
        assessments: canSeeStakeholderAssessments(actor, rel),
        canEdit: canEditStakeholders(actor, rel),
        today: measures.today(),
        staleAfterDays: staleAfterDays(acc.visits_per_year),
      });
    },

    async list(actor: Actor, accountId: number, f: { cursor?: string | undefined; limit: number; opportunityId?: number | undefined }) {
      await readableAccount(actor, accountId);
      const afterId = f.cursor ? decodeCursor(f.cursor).id : undefined;
      const rows = await repo.list(actor, accountId, { afterId, limit: f.limit, opportunityId: f.opportunityId });
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => presentStakeholder(r.person, canSeeStakeholderAssessments(actor, relationOf(r)))),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: null, id: last.id }) : null,
      };
    },

    async create(ctx: WriteContext, accountId: number, input: StakeholderInput & { name: string }) {
      await accountForWrite(ctx.actor, accountId);
      checkAttitude(input.attitude ?? 'neutral', input.attitudeKind ?? null);
      const withTiering = await hasTiering(db);
      const id = await db.transaction().execute(async (trx) => {
        await checkRefs(trx, accountId, input);
        const row = await repo.insert(trx, {
          account_id: accountId,
          opportunity_id: input.opportunityId ?? null,
          contact_id: input.contactId ?? null,
          name: input.name,
          title: input.title ?? null,
          buying_role: input.buyingRole ?? null,
          attitude: input.attitude ?? 'neutral',
          attitude_kind: input.attitudeKind ?? null,
          influence: input.influence ?? 5,
          relationship_level: input.relationshipLevel ?? 1,
          personal_needs: input.personalNeeds ?? null,
          interests: input.interests ?? null,
          last_contact_date: input.lastContactDate ?? null,
        });
        if (input.coveredBy) await repo.setCoverers(trx, row.id, [...new Set(input.coveredBy)]);
        await recordAudit(trx, ctx, { action: 'create', entity: 'stakeholder', entityId: row.id, after: { ...row, covered_by: input.coveredBy ?? [] } });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'stakeholder.created', summary: row.name, entity: 'stakeholder', entityId: row.id, data: { buyingRole: row.buying_role } });
        await measures.refresh(trx, accountId, 'change', withTiering);
        return row.id;
      });
      return get(ctx.actor, id);
    },

    async update(ctx: WriteContext, id: number, version: number, input: StakeholderInput) {
      const found = await repo.findVisible(ctx.actor, id);
      if (!found) throw AppError.notFound('Stakeholder');
      if (!canEditStakeholders(ctx.actor, relationOf(found))) throw AppError.forbidden('Only the account team, directors and admins change the decision chain');
      const withTiering = await hasTiering(db);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Stakeholder');
        if (before.version !== version) throw AppError.stale('stakeholder', before.version);
        checkAttitude(input.attitude ?? before.attitude, input.attitudeKind !== undefined ? input.attitudeKind : input.attitude && input.attitude !== before.attitude && !['neutral', 'opponent'].includes(input.attitude) ? null : before.attitude_kind);
        await checkRefs(trx, before.account_id, input);
        const patch = columns(input);
        // A supporter has no non-supporter kind: moving to one clears it.
        if (input.attitude && !['neutral', 'opponent'].includes(input.attitude) && input.attitudeKind === undefined) patch.attitude_kind = null;
        const after = await repo.updateVersioned(trx, id, version, patch);
        if (!after) throw AppError.stale('stakeholder', before.version);
        const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
        if (input.coveredBy) {
          const old = (await repo.coverersOf(trx, [id])).map((c) => c.user_id).sort((a, b) => a - b);
          const next = [...new Set(input.coveredBy)].sort((a, b) => a - b);
          if (JSON.stringify(old) !== JSON.stringify(next)) {
            await repo.setCoverers(trx, id, next);
            diff.before = { ...diff.before, covered_by: old } as never;
            diff.after = { ...diff.after, covered_by: next } as never;
          }
        }
        await recordAudit(trx, ctx, { action: 'update', entity: 'stakeholder', entityId: id, ...diff });
        await addTimelineEvent(trx, ctx, { accountId: after.account_id, kind: 'stakeholder.updated', summary: after.name, entity: 'stakeholder', entityId: id, data: { fields: Object.keys(diff.after) } });
        await measures.refresh(trx, after.account_id, 'change', withTiering);
      });
      return get(ctx.actor, id);
    },

    async remove(ctx: WriteContext, id: number, version: number) {
      const found = await repo.findVisible(ctx.actor, id);
      if (!found) throw AppError.notFound('Stakeholder');
      if (!canEditStakeholders(ctx.actor, relationOf(found))) throw AppError.forbidden('Only the account team, directors and admins change the decision chain');
      const withTiering = await hasTiering(db);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockRow(trx, id);
        if (!before) throw AppError.notFound('Stakeholder');
        if (before.version !== version) throw AppError.stale('stakeholder', before.version);
        const coveredBy = (await repo.coverersOf(trx, [id])).map((c) => c.user_id);
        await repo.deleteRow(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'stakeholder', entityId: id, before: { ...before, covered_by: coveredBy } });
        await addTimelineEvent(trx, ctx, { accountId: before.account_id, kind: 'stakeholder.deleted', summary: before.name, entity: 'stakeholder', entityId: id });
        await measures.refresh(trx, before.account_id, 'change', withTiering);
      });
    },

    // ---- links ----
    async listLinks(actor: Actor, accountId: number) {
      await readableAccount(actor, accountId);
      return { items: (await repo.listLinks(accountId)).map(presentLink) };
    },

    async createLink(ctx: WriteContext, accountId: number, input: LinkInput) {
      await accountForWrite(ctx.actor, accountId);
      if (input.fromId === input.toId) throw AppError.validation([{ field: 'toId', code: 'self_link', reason: 'a person cannot be linked to themselves' }]);
      if (input.hidden && input.kind !== 'reports_to') throw AppError.validation([{ field: 'hidden', code: 'not_allowed', reason: 'only reports-to links belong to the hidden organisation' }]);
      const row = await db.transaction().execute(async (trx) => {
        await repo.lockAccount(trx, accountId);
        const ends = await repo.stakeholderAccounts(trx, [input.fromId, input.toId]);
        const issues: FieldIssue[] = [];
        for (const f of ['fromId', 'toId'] as const) {
          if (!ends.some((e) => e.id === input[f] && e.account_id === accountId)) issues.push({ field: f, code: 'not_found', reason: `stakeholder ${input[f]} is not on this account's map` });
        }
        if (issues.length) throw AppError.validation(issues);
        if (input.kind === 'reports_to' && (await repo.reportsToPath(trx, input.fromId, input.toId))) {
          throw AppError.validation([{ field: 'toId', code: 'cycle', reason: `stakeholder ${input.toId} already reports (directly or through others) to ${input.fromId}: the link would close a cycle` }]);
        }
        const link = await repo.insertLink(trx, { account_id: accountId, from_id: input.fromId, to_id: input.toId, kind: input.kind, hidden: input.hidden ?? false, note: input.note ?? null, created_by: ctx.actor.id > 0 ? ctx.actor.id : null });
        if (!link) throw new AppError('CONFLICT', 'This link already exists', { field: 'toId' });
        await recordAudit(trx, ctx, { action: 'create', entity: 'stakeholder_link', entityId: link.id, after: link });
        await addTimelineEvent(trx, ctx, { accountId, kind: 'stakeholder.linked', summary: `${input.kind === 'reports_to' ? '汇报' : '影响'}`, entity: 'stakeholder_link', entityId: link.id, data: { fromId: link.from_id, toId: link.to_id, kind: link.kind, hidden: link.hidden } });
        return link;
      });
      return presentLink(row);
    },

    async updateLink(ctx: WriteContext, id: number, version: number, input: { hidden?: boolean | undefined; note?: string | null | undefined }) {
      const found = await repo.findLinkVisible(ctx.actor, id);
      if (!found) throw AppError.notFound('Link');
      if (!canEditStakeholders(ctx.actor, relationOf(found))) throw AppError.forbidden('Only the account team, directors and admins change the decision chain');
      if (input.hidden && found.kind !== 'reports_to') throw AppError.validation([{ field: 'hidden', code: 'not_allowed', reason: 'only reports-to links belong to the hidden organisation' }]);
      const after = await db.transaction().execute(async (trx) => {
        const before = await repo.lockLink(trx, id);
        if (!before) throw AppError.notFound('Link');
        if (before.version !== version) throw AppError.stale('link', before.version);
        const patch: { hidden?: boolean; note?: string | null } = {};
        if (input.hidden !== undefined) patch.hidden = input.hidden;
        if (input.note !== undefined) patch.note = input.note;
        const row = await repo.updateLink(trx, id, version, patch);
        if (!row) throw AppError.stale('link', before.version);
        await recordAudit(trx, ctx, { action: 'update', entity: 'stakeholder_link', entityId: id, ...changedFields(before as unknown as Record<string, unknown>, row as unknown as Record<string, unknown>) });
        return row;
      });
      return presentLink(after);
    },

    async removeLink(ctx: WriteContext, id: number, version: number) {
      const found = await repo.findLinkVisible(ctx.actor, id);
      if (!found) throw AppError.notFound('Link');
      if (!canEditStakeholders(ctx.actor, relationOf(found))) throw AppError.forbidden('Only the account team, directors and admins change the decision chain');
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockLink(trx, id);
        if (!before) throw AppError.notFound('Link');
        if (before.version !== version) throw AppError.stale('link', before.version);
        await repo.deleteLink(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'stakeholder_link', entityId: id, before });
        await addTimelineEvent(trx, ctx, { accountId: before.account_id, kind: 'stakeholder.unlinked', summary: `${before.kind === 'reports_to' ? '汇报' : '影响'}`, entity: 'stakeholder_link', entityId: id, data: { fromId: before.from_id, toId: before.to_id, kind: before.kind } });
      });
    },

    /**
     * Recomputes every map's measures (the clock moves: relationships go stale, the decision
     * maker's 90 days run out) and syncs their alerts. Each account in its own short transaction.
     * From the API only for directors and admins; the server runs it periodically as the system.
     */
    async sweep(ctx: WriteContext | null, accountId?: number) {
      if (ctx && !(ctx.actor.role === 'director' || canManagePipelineStages(ctx.actor))) throw AppError.forbidden('Only directors and admins run the sweep');
      const out = { accounts: 0, changed: 0, raised: 0, resolved: 0 };
      const withTiering = await hasTiering(db);
      if (accountId !== undefined) {
        if (ctx) await readableAccount(ctx.actor, accountId);
        const r = await db.transaction().execute((trx) => measures.refresh(trx, accountId, 'sweep', withTiering));
        const one = { accounts: 1, changed: r.changed ? 1 : 0, raised: r.raised, resolved: r.resolved };
        if (ctx) await recordAudit(db, ctx, { action: 'sweep', entity: 'reminders', entityId: accountId, after: one });
        return one;
      }
      let after = 0;
      for (;;) {
        const page = await repo.accountsWithStakeholders(db, after, SWEEP_PAGE);
        if (!page.length) break;
        for (const { account_id } of page) {
          const r = await db.transaction().execute((trx) => measures.refresh(trx, account_id, 'sweep', withTiering));
          out.accounts++;
          if (r.changed) out.changed++;
          out.raised += r.raised;
          out.resolved += r.resolved;
        }
        after = page[page.length - 1]!.account_id;
      }
      if (ctx) await recordAudit(db, ctx, { action: 'sweep', entity: 'reminders', entityId: null, after: out });
      return out;
    },
  };
}

export type RelationshipsService = ReturnType<typeof relationshipsService>;
