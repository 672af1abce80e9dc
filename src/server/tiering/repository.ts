// SQL for scoring models, ratings, overrides, entitlements, snapshots' headers and the
// per-account explanation. (The recompute and the aggregates are in results-repository.ts.)
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, TierEntitlementsTable, TierModelsTable } from '../db/schema.js';
import type { Insertable } from 'kysely';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';
import type { Criterion, WeightedCriterion } from './rules/model.js';

type Q = Kysely<DB> | Transaction<DB>;
export type TierModelRow = Selectable<TierModelsTable> & { criteria: WeightedCriterion[] };
export type EntitlementRow = Selectable<TierEntitlementsTable>;

const MODEL_COLUMNS = [
  'id',
  'version_no',
  'name',
  'status',
  'window_months',
  'normalisation',
  'tier_rule',
  'shares_bp',
  'thresholds',
  'tier_names',
  'consolidate_groups',
  'based_on_id',
  'notes',
  'created_by',
  'created_at',
  'updated_at',
  'published_by',
  'published_at',
  'version',
] as const;

export function tieringRepository(db: Kysely<DB>) {
  async function withCriteria(q: Q, rows: Selectable<TierModelsTable>[]): Promise<TierModelRow[]> {
    if (rows.length === 0) return [];
    const crit = await q.selectFrom('tier_model_criteria').selectAll().where('model_id', 'in', rows.map((r) => r.id)).orderBy('model_id').orderBy('position').execute();
    return rows.map((r) => ({
      ...normaliseModel(r),
      criteria: crit.filter((c) => c.model_id === r.id).map((c) => ({ criterion: c.criterion as Criterion, weightBp: c.weight_bp })),
    }));
  }

  // Arrays come back as arrays from both drivers, numbers of numeric[] as strings; keep them tidy.
  function normaliseModel(r: Selectable<TierModelsTable>): Selectable<TierModelsTable> {
    return { ...r, shares_bp: r.shares_bp.map(Number), thresholds: r.thresholds.map((t) => String(Number(t))), tier_names: r.tier_names.map(String) };
  }

  return {
    async listModels() {
      const rows = await db.selectFrom('tier_models').select(MODEL_COLUMNS).orderBy('version_no', 'desc').execute();
      return withCriteria(db, rows);
    },

    async findModel(id: number, q: Q = db, lock = false) {
      let qb = q.selectFrom('tier_models').select(MODEL_COLUMNS).where('id', '=', id);
      if (lock) qb = qb.forUpdate();
      const row = await qb.executeTakeFirst();
      return row ? (await withCriteria(q, [row]))[0] : undefined;
    },

    async publishedModel(q: Q = db) {
      const row = await q.selectFrom('tier_models').select(MODEL_COLUMNS).where('status', '=', 'published').executeTakeFirst();
      return row ? (await withCriteria(q, [row]))[0] : undefined;
    },

    async nextVersionNo(trx: Transaction<DB>) {
      // Serialise draft creation so version numbers never clash.
      await sql`lock table tier_models in share row exclusive mode`.execute(trx);
      const r = await trx.selectFrom('tier_models').select((eb) => eb.fn.max('version_no').as('m')).executeTakeFirstOrThrow();
      return Number(r.m ?? 0) + 1;
    },

    async insertModel(trx: Transaction<DB>, values: Insertable<TierModelsTable>) {
      return trx.insertInto('tier_models').values(values).returning('id').executeTakeFirstOrThrow();
    },

    async updateModel(trx: Transaction<DB>, id: number, version: number, patch: Record<string, unknown>) {
      return trx
        .updateTable('tier_models')
        .set({ ...patch, updated_at: sql`now()`, version: sql`version + 1` } as never)
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst();
    },

    async replaceCriteria(trx: Transaction<DB>, modelId: number, criteria: WeightedCriterion[]) {
      await trx.deleteFrom('tier_model_criteria').where('model_id', '=', modelId).execute();
      if (criteria.length) {
        await trx
          .insertInto('tier_model_criteria')
          .values(criteria.map((c, i) => ({ model_id: modelId, position: i + 1, criterion: c.criterion, weight_bp: c.weightBp })))
          .execute();
      }
    },

    async retirePublished(trx: Transaction<DB>) {
      return trx.updateTable('tier_models').set({ status: 'retired', updated_at: sql`now()` }).where('status', '=', 'published').returning(['id', 'version_no']).execute();
    },

    async markPublished(trx: Transaction<DB>, id: number, actorId: number | null) {
      return trx
        .updateTable('tier_models')
        .set({ status: 'published', published_at: sql`now()`, published_by: actorId, updated_at: sql`now()`, version: sql`version + 1` })
        .where('id', '=', id)
        .returning('version')
        .executeTakeFirstOrThrow();
    },

    // ---------- accounts: visibility, explanation, ratings, overrides ----------

    /** The account if the actor may see it, with the relation facts for write checks. */
    findVisibleAccount(actor: Actor, id: number, q: Q = db) {
      let qb = q
        .selectFrom('accounts')
        .select((eb) => ['accounts.id', 'accounts.name', 'accounts.parent_id', ...accountRelationColumns(eb, actor)])
        .where('accounts.id', '=', id);
      const v = accountVisibility(actor);
      if (v) qb = qb.where(v);
      return qb.executeTakeFirst();
    },

    /** The account's result, override, ratings and the run it came from; visibility inside the query. */
    async explanation(actor: Actor, id: number) {
      let qb = db
        .selectFrom('accounts')
        .leftJoin('tier_results as r', 'r.account_id', 'accounts.id')
        .leftJoin('tier_overrides as ov', 'ov.account_id', 'accounts.id')
        .leftJoin('users as ou', 'ou.id', 'ov.set_by')
        // The current run is the latest: a result row is rewritten only when its figures change.
        .leftJoin('tier_runs as run', (j) => j.on(sql<boolean>`run.id = (select max(id) from tier_runs)`))
        .select((eb) => [
          'accounts.id',
          'accounts.name',
          'r.model_id',
          'r.tier',
          sql<string | null>`r.score::text`.as('score'),
          'r.insufficient_data',
          sql<string | null>`r.revenue::text`.as('revenue'),
          sql<string | null>`r.gross_profit::text`.as('gross_profit'),
          sql<string | null>`array_to_string(r.raw, ',')`.as('raw'),
          sql<string | null>`array_to_string(r.pct, ',')`.as('pct'),
          'run.computed_at',
          'run.as_of',
          'run.window_start',
          'run.scored',
          sql<string | null>`array_to_string(run.cutoffs, ',', '')`.as('cutoffs'),
          'ov.tier as override_tier',
          'ov.reason as override_reason',
          'ov.set_at as override_at',
          'ov.set_by as override_by',
          'ou.display_name as override_by_name',
          ...accountRelationColumns(eb, actor),
        ])
        .where('accounts.id', '=', id);
      const v = accountVisibility(actor);
      if (v) qb = qb.where(v);
      return qb.executeTakeFirst();
    },

    ratings(accountId: number, q: Q = db) {
      return q
        .selectFrom('tier_ratings as t')
        .leftJoin('users as u', 'u.id', 't.rated_by')
        .select(['t.criterion', 't.rating', 't.rated_at', 't.rated_by', 'u.display_name as rated_by_name'])
        .where('t.account_id', '=', accountId)
        .orderBy('t.criterion')
        .execute();
    },

    async upsertRating(trx: Transaction<DB>, accountId: number, criterion: string, rating: number, actorId: number | null) {
      await trx
        .insertInto('tier_ratings')
        .values({ account_id: accountId, criterion, rating, rated_by: actorId })
        .onConflict((oc) => oc.columns(['account_id', 'criterion']).doUpdateSet({ rating, rated_by: actorId, rated_at: sql`now()` }))
        .execute();
    },

    async deleteRating(trx: Transaction<DB>, accountId: number, criterion: string) {
      await trx.deleteFrom('tier_ratings').where('account_id', '=', accountId).where('criterion', '=', criterion).execute();
    },

    lockOverride(trx: Transaction<DB>, accountId: number) {
      return trx.selectFrom('tier_overrides').selectAll().where('account_id', '=', accountId).forUpdate().executeTakeFirst();
    },

    async setOverride(trx: Transaction<DB>, accountId: number, tier: number, reason: string, actorId: number | null) {
      return trx
        .insertInto('tier_overrides')
        .values({ account_id: accountId, tier, reason, set_by: actorId })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ tier, reason, set_by: actorId, set_at: sql`now()` }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async deleteOverride(trx: Transaction<DB>, accountId: number) {
      await trx.deleteFrom('tier_overrides').where('account_id', '=', accountId).execute();
    },

    computedTier(accountId: number, q: Q = db) {
      return q.selectFrom('tier_results').select('tier').where('account_id', '=', accountId).executeTakeFirst();
    },

    // ---------- entitlements ----------

    entitlements() {
      return db.selectFrom('tier_entitlements').selectAll().orderBy('tier').execute();
    },

    lockEntitlement(trx: Transaction<DB>, tier: number) {
      return trx.selectFrom('tier_entitlements').selectAll().where('tier', '=', tier).forUpdate().executeTakeFirst();
    },

    updateEntitlement(trx: Transaction<DB>, tier: number, patch: Partial<Omit<EntitlementRow, 'tier' | 'version' | 'updated_at'>>) {
      return trx
        .updateTable('tier_entitlements')
        .set({ ...patch, updated_at: sql`now()`, version: sql`version + 1` })
        .where('tier', '=', tier)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    // ---------- snapshots ----------

    listSnapshots(limit: number) {
      return db
        .selectFrom('tier_snapshots as s')
        .leftJoin('tier_models as m', 'm.id', 's.model_id')
        .leftJoin('users as u', 'u.id', 's.created_by')
        .select(['s.id', 's.label', 's.kind', 's.as_of', 's.model_id', 'm.version_no', 's.accounts', 's.created_at', 's.created_by', 'u.display_name as created_by_name'])
        .orderBy('s.as_of', 'desc')
        .orderBy('s.id', 'desc')
        .limit(limit)
        .execute();
    },

    findSnapshot(id: number) {
      return db
        .selectFrom('tier_snapshots as s')
        .leftJoin('tier_models as m', 'm.id', 's.model_id')
        .leftJoin('users as u', 'u.id', 's.created_by')
        .select(['s.id', 's.label', 's.kind', 's.as_of', 's.model_id', 'm.version_no', 'm.tier_names', 's.accounts', 's.created_at', 's.created_by', 'u.display_name as created_by_name'])
        .where('s.id', '=', id)
        .executeTakeFirst();
    },
  };
}
