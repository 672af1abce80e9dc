// The relationship map as the API sends it, written by PostgreSQL as one JSON text: people (with
// assessments hidden for those who may not see them), links, the measures of C4 and their history.
// Why in SQL: a 200-person map is ~100 KB, and parsing, reshaping and re-serialising it in
// JavaScript cost as much as the query itself (docs/BENCHMARKS.md). The measures here mirror
// rules/measures.ts (the pure rule, used by the sweep and the alerts); map-document tests hold
// the two equal on hand-worked and generated maps.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { DECISION_MAKER_CONTACT_DAYS } from './rules/measures.js';

type Q = Kysely<DB> | Transaction<DB>;

export interface MapDocumentInput {
  accountId: number;
  accountName: string;
  opportunityId: number | null;
  tier: number | null;
  /** The caller sees assessments and measures (canSeeStakeholderAssessments). */
  assessments: boolean;
  canEdit: boolean;
  /** Today in the business time zone (YYYY-MM-DD), from the injected clock. */
  today: string;
  staleAfterDays: number;
}

/** Instants as JavaScript's toISOString writes them (UTC, milliseconds). */
const iso = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const SUPPORT = sql.raw(`('coach', 'ally', 'supporter')`);

/** numerator ÷ denominator rounded half-up to 4 places, as rules/measures.ts `fraction`. */
const fraction = (num: string, den: string) =>
  sql.raw(`json_build_object('numerator', ${num}, 'denominator', ${den}, 'value', case when ${den} > 0 then (round(${num} * 10000.0 / ${den}) / 10000)::float8 end)`);

export async function mapDocument(q: Q, d: MapDocumentInput): Promise<string> {
  const see = sql`${d.assessments}::boolean`;
  const today = sql`${d.today}::date`;
  const people =
    d.opportunityId === null
      ? sql`select * from stakeholders s where s.account_id = ${d.accountId}::int`
      : sql`select * from stakeholders s where s.account_id = ${d.accountId}::int and (s.opportunity_id is null or s.opportunity_id = ${d.opportunityId}::int)`;
  // With an opportunity, only links whose both ends are on its map.
  const linkFilter =
    d.opportunityId === null
      ? sql`true`
      : sql`exists (select 1 from people f where f.id = l.from_id) and exists (select 1 from people t where t.id = l.to_id)`;
  const hidden = (col: string) => sql`case when ${see} then ${sql.raw(col)} end`;
  const result = await sql<{ body: string }>`
    with people as (${people}),
    m as (
      select count(*)::int as n,
        coalesce(sum(influence), 0)::int as total,
        coalesce(sum(influence) filter (where attitude in ${SUPPORT}), 0)::int as support,
        coalesce(sum(influence) filter (where attitude not in ${SUPPORT} and (attitude = 'opponent' or attitude_kind is not null)), 0)::int as opposed,
        coalesce(bool_or(attitude = 'coach'), false) as coach,
        coalesce(array_agg(id order by id) filter (where last_contact_date is null or ${today} - last_contact_date > ${d.staleAfterDays}::int), '{}') as stale
      from people
    ),
    dm as (
      select id, name, last_contact_date, ${today} - last_contact_date as since
      from people where buying_role = 'decision_maker' order by influence desc, id limit 1
    )
    select json_build_object(
      'accountId', ${d.accountId}::int,
      'accountName', ${d.accountName}::text,
      'opportunityId', ${d.opportunityId}::int,
      'tier', ${d.tier}::int,
      'assessmentsHidden', not ${see},
      'canEdit', ${d.canEdit}::boolean,
      'nodes', coalesce((select json_agg(json_build_object(
          'id', p.id, 'accountId', p.account_id, 'opportunityId', p.opportunity_id, 'contactId', p.contact_id, 'name', p.name, 'title', p.title,
          'buyingRole', p.buying_role, 'attitude', ${hidden('p.attitude')}, 'attitudeKind', ${hidden('p.attitude_kind')}, 'influence', ${hidden('p.influence')},
          'relationshipLevel', ${hidden('p.relationship_level')}, 'personalNeeds', ${hidden('p.personal_needs')}, 'interests', ${hidden('p.interests')},
          'lastContactDate', p.last_contact_date,
          'coveredBy', coalesce((select json_agg(json_build_object('id', u.id, 'name', u.display_name) order by u.id)
                                 from stakeholder_coverers c join users u on u.id = c.user_id where c.stakeholder_id = p.id), '[]'::json),
          'assessmentsHidden', not ${see},
          'version', p.version, 'updatedAt', ${iso('p.updated_at')}) order by p.id) from people p), '[]'::json),
      'links', coalesce((select json_agg(json_build_object('id', l.id, 'fromId', l.from_id, 'toId', l.to_id, 'kind', l.kind, 'hidden', l.hidden, 'note', l.note, 'version', l.version) order by l.id)
          from stakeholder_links l
          where l.account_id = ${d.accountId}::int and ${linkFilter}), '[]'::json),
      'measures', case when ${see} then (select json_build_object(
          'stakeholders', m.n,
          'supportCoverage', ${fraction('m.support', 'm.total')},
          'opposition', ${fraction('m.opposed', 'm.total')},
          'coachPresent', m.coach,
          'decisionMaker', (select json_build_object('id', dm.id, 'name', dm.name, 'lastContactDate', dm.last_contact_date, 'daysSinceContact', dm.since) from dm),
          'decisionMakerContacted', coalesce((select dm.since <= ${DECISION_MAKER_CONTACT_DAYS}::int from dm), false),
          'staleAfterDays', ${d.staleAfterDays}::int,
          'staleIds', to_json(m.stale)) from m) end,
      'history', case when ${see} then coalesce((select json_agg(json_build_object(
          'id', h.id, 'measuredAt', ${iso('h.measured_at')}, 'stakeholders', h.stakeholders, 'totalInfluence', h.total_influence,
          'supportInfluence', h.support_influence, 'oppositionInfluence', h.opposition_influence, 'coachPresent', h.coach_present,
          'decisionMakerContacted', h.decision_maker_contacted, 'stale', h.stale, 'staleAfterDays', h.stale_after_days, 'trigger', h.trigger) order by h.id desc)
          from (select * from stakeholder_measures where account_id = ${d.accountId}::int order by id desc limit 30) h), '[]'::json) else '[]'::json end
    )::text as body`.execute(q);
  return result.rows[0]!.body;
}
