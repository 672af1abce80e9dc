// SQL of the project pipeline: opportunities (visibility through their account), stage
// definitions and history, information points, competitors, and the aggregates of the pipeline views.
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, OpportunitiesTable } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';
import { likeContains, type CursorPosition } from '../shared/cursor.js';
import { tierColumns } from '../relationships/repository.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface OpportunityFilters {
  accountId?: number | undefined;
  ownerId?: number | undefined;
  status?: 'open' | 'won' | 'lost' | undefined;
  stage?: number | undefined;
  q?: string | undefined;
  closeFrom?: string | undefined;
  closeTo?: string | undefined;
  /** Tier number 1–4 of the account (override, else computed); matches nothing without tiering. */
  tier?: number | undefined;
}

/** Keyset sorts of the opportunity list; no expected close date sorts last. */
export const OPPORTUNITY_SORTS = {
  amount: { expr: sql`o.amount`, cast: 'numeric' },
  expectedCloseDate: { expr: sql`coalesce(o.expected_close_date, date '9999-12-31')`, cast: 'date' },
  stage: { expr: sql`o.stage`, cast: 'int' },
} as const;
export type OpportunitySortKey = keyof typeof OPPORTUNITY_SORTS;

export function pipelineRepository(db: Kysely<DB>) {
  function visibleOpps(actor: Actor, q: Q = db) {
    let qb = q
      .selectFrom('opportunities as o')
      .innerJoin('accounts', 'accounts.id', 'o.account_id');
    const visible = accountVisibility(actor);
    if (visible) qb = qb.where(visible as never);
    return qb;
  }

  function filtered(actor: Actor, f: OpportunityFilters & { withTiering?: boolean | undefined }) {
    let qb = visibleOpps(actor);
    if (f.accountId !== undefined) qb = qb.where('o.account_id', '=', f.accountId);
    if (f.ownerId !== undefined) qb = qb.where('o.owner_id', '=', f.ownerId);
    if (f.status) qb = qb.where('o.status', '=', f.status);
    if (f.stage !== undefined) qb = qb.where('o.stage', '=', f.stage);
    if (f.q) qb = qb.where('o.name', 'ilike', likeContains(f.q));
    if (f.closeFrom) qb = qb.where('o.expected_close_date', '>=', f.closeFrom);
    if (f.closeTo) qb = qb.where('o.expected_close_date', '<=', f.closeTo);
    if (f.tier !== undefined) qb = f.withTiering ? qb.where(sql<boolean>`${tierColumns(true)[0].expression} = ${f.tier}`) : qb.where(sql<boolean>`false`);
    return qb;
  }

  const detailColumns = (actor: Actor) =>
    visibleOpps(actor)
      .innerJoin('pipeline_stages as ps', 'ps.stage', 'o.stage')
      .leftJoin('users as ow', 'ow.id', 'o.owner_id')
      .selectAll('o')
      .select((eb) => ['accounts.name as account_name', 'ow.display_name as owner_name', 'ps.probability as stage_probability', ...accountRelationColumns(eb as never, actor)]);

  return {
    /** Without `sort`: by id (the cursor's `v` unused); with it: keyset over (sort value, id). */
    list(actor: Actor, f: OpportunityFilters & { withTiering: boolean; sort?: OpportunitySortKey | undefined; desc?: boolean | undefined; after?: CursorPosition | undefined; limit: number }) {
      const sort = f.sort ? OPPORTUNITY_SORTS[f.sort] : null;
      let qb = filtered(actor, f)
        .innerJoin('pipeline_stages as ps', 'ps.stage', 'o.stage')
        .leftJoin('users as ow', 'ow.id', 'o.owner_id')
        .selectAll('o')
        .select((eb) => [
          'accounts.name as account_name',
          'ow.display_name as owner_name',
          'ps.probability as stage_probability',
          ...accountRelationColumns(eb as never, actor),
          sql<string | null>`${sort ? sql`(${sort.expr})::text` : sql`null::text`}`.as('sort_value'),
        ]);
      if (!sort) {
        if (f.after) qb = qb.where('o.id', '>', f.after.id);
        return qb.orderBy('o.id').limit(f.limit + 1).execute();
      }
      if (f.after) {
        const op = sql.raw(f.desc ? '<' : '>');
        qb = qb.where(sql<boolean>`(${sort.expr}, o.id) ${op} (cast(${f.after.v} as ${sql.raw(sort.cast)}), ${f.after.id})`);
      }
      const dir = f.desc ? sql`desc` : sql`asc`;
      return qb.orderBy(sql`${sort.expr} ${dir}`).orderBy(sql`o.id ${dir}`).limit(f.limit + 1).execute();
    },

    findVisible(actor: Actor, id: number) {
      return detailColumns(actor).where('o.id', '=', id).executeTakeFirst();
    },

    history(opportunityId: number) {
      return db
        .selectFrom('opportunity_stage_history as h')
        .leftJoin('users as u', 'u.id', 'h.by_id')
        .select(['h.id', 'h.from_stage', 'h.to_stage', 'h.to_status', 'h.at', 'h.by_id', 'u.display_name as by_name', 'h.overridden', 'h.reason', 'h.unmet'])
        .where('h.opportunity_id', '=', opportunityId)
        .orderBy('h.id')
        .execute();
    },

    stages(q: Q = db) {
      return q.selectFrom('pipeline_stages').selectAll().orderBy('stage').execute();
    },

    lockStages(trx: Transaction<DB>) {
      return trx.selectFrom('pipeline_stages').selectAll().orderBy('stage').forUpdate().execute();
    },

    async updateStage(trx: Q, stage: number, version: number, patch: Updateable<DB['pipeline_stages']>) {
      return trx
        .updateTable('pipeline_stages')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('stage', '=', stage)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    insert(trx: Q, row: Omit<OpportunitiesTable, 'id' | 'created_at' | 'updated_at' | 'version' | 'stage_entered_at'> | Record<string, unknown>) {
      return trx.insertInto('opportunities').values(row as never).returningAll().executeTakeFirstOrThrow();
    },

    async insertHistory(trx: Q, row: { opportunity_id: number; from_stage: number | null; to_stage: number; to_status: 'open' | 'won' | 'lost'; by_id: number | null; overridden: boolean; reason: string | null; unmet: string[]; at?: Date }) {
      await trx.insertInto('opportunity_stage_history').values(row).execute();
    },

    lockRow(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('opportunities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    updateVersioned(trx: Q, id: number, version: number, patch: Record<string, unknown>) {
      return trx
        .updateTable('opportunities')
        .set({ ...(patch as Updateable<OpportunitiesTable>), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteRow(trx: Q, id: number) {
      await trx.deleteFrom('opportunities').where('id', '=', id).execute();
    },

    userRoles(q: Q, ids: readonly number[]) {
      if (!ids.length) return Promise.resolve([]);
      return q.selectFrom('users').select(['id', 'role', 'active', 'display_name']).where('id', 'in', ids).execute();
    },

    // ---- information points and competitors ----
    infoPoints(opportunityId: number) {
      return db
        .selectFrom('opportunity_info_points as p')
        .leftJoin('users as u', 'u.id', 'p.updated_by')
        .select(['p.point', 'p.status', 'p.notes', 'p.updated_at', 'u.display_name as updated_by_name', 'p.version'])
        .where('p.opportunity_id', '=', opportunityId)
        .orderBy('p.point')
        .execute();
    },

    lockInfoPoint(trx: Transaction<DB>, opportunityId: number, point: number) {
      return trx.selectFrom('opportunity_info_points').selectAll().where('opportunity_id', '=', opportunityId).where('point', '=', point).forUpdate().executeTakeFirst();
    },

    /** Inserts version 1 if absent; returns null if someone else inserted it first. */
    insertInfoPoint(trx: Q, row: { opportunity_id: number; point: number; status: 'unknown' | 'partial' | 'known'; notes: string | null; updated_by: number | null }) {
      return trx.insertInto('opportunity_info_points').values(row).onConflict((oc) => oc.columns(['opportunity_id', 'point']).doNothing()).returningAll().executeTakeFirst();
    },

    updateInfoPoint(trx: Q, opportunityId: number, point: number, version: number, patch: { status: 'unknown' | 'partial' | 'known'; notes: string | null; updated_by: number | null }) {
      return trx
        .updateTable('opportunity_info_points')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('opportunity_id', '=', opportunityId)
        .where('point', '=', point)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    competitors(opportunityId: number) {
      return db.selectFrom('opportunity_competitors').selectAll().where('opportunity_id', '=', opportunityId).orderBy('id').execute();
    },

    insertCompetitor(trx: Q, row: { opportunity_id: number; name: string; strengths: string | null; weaknesses: string | null; threat: number; outcome: 'pending' | 'won' | 'lost' }) {
      return trx.insertInto('opportunity_competitors').values(row).returningAll().executeTakeFirstOrThrow();
    },

    lockCompetitor(trx: Transaction<DB>, opportunityId: number, id: number) {
      return trx.selectFrom('opportunity_competitors').selectAll().where('opportunity_id', '=', opportunityId).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    updateCompetitor(trx: Q, id: number, version: number, patch: Record<string, unknown>) {
      return trx
        .updateTable('opportunity_competitors')
        .set({ ...(patch as Updateable<DB['opportunity_competitors']>), version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteCompetitor(trx: Q, id: number) {
      await trx.deleteFrom('opportunity_competitors').where('id', '=', id).execute();
    },

    // ---- aggregates (visibility applied) ----
    forecastGroups(actor: Actor, f: OpportunityFilters, withTiering: boolean) {
      const tier = tierColumns(withTiering)[0];
      return filtered(actor, { ...f, status: 'open' })
        .innerJoin('pipeline_stages as ps', 'ps.stage', 'o.stage')
        .select([
          sql<string | null>`to_char(date_trunc('month', o.expected_close_date), 'YYYY-MM-DD')`.as('close_month'),
          'o.owner_id',
          tier,
          sql<number>`coalesce(o.probability, ps.probability)::int`.as('probability'),
          sql<string>`sum(o.amount)::text`.as('amount'),
          sql<number>`count(*)::int`.as('n'),
        ])
        .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
        .execute();
    },

    async closedCounts(actor: Actor, f: OpportunityFilters) {
      return filtered(actor, f)
        .select([
          sql<number>`count(*) filter (where o.status = 'won')::int`.as('won'),
          sql<number>`count(*) filter (where o.status = 'lost')::int`.as('lost'),
          sql<number>`count(*) filter (where o.status = 'open')::int`.as('open'),
          sql<string>`coalesce(sum(o.amount) filter (where o.status = 'won'), 0)::text`.as('won_value'),
          sql<string>`coalesce(sum(o.amount) filter (where o.status = 'open'), 0)::text`.as('open_value'),
        ])
        .executeTakeFirstOrThrow();
    },

    cycleDays(actor: Actor, f: OpportunityFilters) {
      return filtered(actor, { ...f, status: 'won' })
        .select(sql<number>`(o.closed_on - o.opened_on)::int`.as('days'))
        .where('o.closed_on', 'is not', null)
        .execute();
    },

    /**
     * Win/loss against each competitor over the opportunities the actor sees: competitors are the
     * same when their names match ignoring case and outer spaces. `won` / `lost` / `pending`: our
     * outcome against them as recorded on each opportunity; `lost_to`: lost deals they won.
     */
    async competitorRecord(actor: Actor, f: OpportunityFilters, limit: number) {
      const opps = filtered(actor, f).select(['o.id', 'o.status', 'o.winning_competitor']);
      const r = await sql<{ name: string; faced: number; won: number; lost: number; pending: number; avg_threat: string | null; lost_to: number }>`
        with opps as (${opps}),
        c as (
          select lower(btrim(oc.name)) as key, min(btrim(oc.name) collate "C") as name, count(distinct oc.opportunity_id)::int as faced,
                 count(*) filter (where oc.outcome = 'won')::int as won, count(*) filter (where oc.outcome = 'lost')::int as lost,
                 count(*) filter (where oc.outcome = 'pending')::int as pending, round(avg(oc.threat), 1)::text as avg_threat
          from opportunity_competitors oc join opps on opps.id = oc.opportunity_id
          group by 1
        ),
        w as (
          select lower(btrim(winning_competitor)) as key, min(btrim(winning_competitor) collate "C") as name, count(*)::int as lost_to
          from opps where status = 'lost' and btrim(coalesce(winning_competitor, '')) <> ''
          group by 1
        )
        select coalesce(c.name, w.name) as name, coalesce(c.faced, 0) as faced, coalesce(c.won, 0) as won, coalesce(c.lost, 0) as lost,
               coalesce(c.pending, 0) as pending, c.avg_threat, coalesce(w.lost_to, 0) as lost_to
        from c full join w on w.key = c.key
        order by coalesce(c.won, 0) + coalesce(c.lost, 0) + coalesce(w.lost_to, 0) desc, coalesce(c.faced, 0) desc, coalesce(c.name, w.name) collate "C"
        limit ${limit}`.execute(db);
      return r.rows;
    },

    maxStageCounts(actor: Actor, f: OpportunityFilters) {
      return filtered(actor, f).select(['o.max_stage', sql<number>`count(*)::int`.as('n')]).groupBy('o.max_stage').execute();
    },

    stalled(actor: Actor, f: OpportunityFilters, before: Date, limit: number) {
      return filtered(actor, { ...f, status: 'open' })
        .innerJoin('pipeline_stages as ps', 'ps.stage', 'o.stage')
        .leftJoin('users as ow', 'ow.id', 'o.owner_id')
        .selectAll('o')
        .select((eb) => ['accounts.name as account_name', 'ow.display_name as owner_name', 'ps.probability as stage_probability', ...accountRelationColumns(eb as never, actor)])
        .where('o.stage_entered_at', '<', before)
        .orderBy('o.stage_entered_at')
        .orderBy('o.id')
        .limit(limit)
        .execute();
    },

    userNames(ids: readonly number[]) {
      if (!ids.length) return Promise.resolve([]);
      return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
    },
  };
}
