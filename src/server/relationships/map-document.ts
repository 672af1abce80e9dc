// The relationship map as the API sends it, written by PostgreSQL as one JSON text: people (with
// assessments hidden for those who may not see them), links, the measures of C4 and their history.
// Why in SQL: a 200-person map is ~100 KB, and parsing, reshaping and re-serialising it in
// JavaScript cost as much as the query itself (docs/BENCHMARKS.md). Lists are aggregated from
// rows (row-to-JSON is compact; json_build_object pads every key with spaces, +15 %). The measures here mirror
// rules/measures.ts (the pure rule, used by the sweep and the alerts); map-document tests hold
// the two equal on hand-worked and generated maps.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { peopleFilter } from './repository.js';
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

export function mapDocumentQuery(d: MapDocumentInput) {
  const see = sql`${d.assessments}::boolean`;
  const today = sql`${d.today}::date`;
  const people = sql`select * from stakeholders s where s.account_id = ${d.accountId}::int and ${peopleFilter(d.opportunityId ?? undefined)}`;
  // With an opportunity, only links whose both ends are on its map.
  const linkFilter =
    d.opportunityId === null
      ? sql`true`
      : sql`exists (select 1 from people f where f.id = l.from_id) and exists (select 1 from people t where t.id = l.to_id)`;
  const hidden = (col: string) => sql`case when ${see} then ${sql.raw(col)} end`;
  return sql<{ body: string }>`
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
      'nodes', coalesce((select json_agg(n order by n.id) from (
          select p.id, p.account_id as "accountId", p.opportunity_id as "opportunityId", p.contact_id as "contactId", p.name, p.title,
            p.buying_role as "buyingRole", ${hidden('p.attitude')} as attitude, ${hidden('p.attitude_kind')} as "attitudeKind",
            ${hidden('p.influence')} as influence, ${hidden('p.relationship_level')} as "relationshipLevel",
            ${hidden('p.personal_needs')} as "personalNeeds", ${hidden('p.interests')} as interests,
            p.last_contact_date as "lastContactDate",
            coalesce((select json_agg(c order by c.id) from (select u.id, u.display_name as name
                      from stakeholder_coverers sc join users u on u.id = sc.user_id where sc.stakeholder_id = p.id) c), '[]'::json) as "coveredBy",
            not ${see} as "assessmentsHidden", p.version, ${iso('p.updated_at')} as "updatedAt"
          from people p) n), '[]'::json),
      'links', coalesce((select json_agg(k order by k.id) from (
          select l.id, l.from_id as "fromId", l.to_id as "toId", l.kind, l.hidden, l.note, l.version
          from stakeholder_links l where l.account_id = ${d.accountId}::int and ${linkFilter}) k), '[]'::json),
      'measures', case when ${see} then (select json_build_object(
          'stakeholders', m.n,
          'supportCoverage', ${fraction('m.support', 'm.total')},
          'opposition', ${fraction('m.opposed', 'm.total')},
          'coachPresent', m.coach,
          'decisionMaker', (select json_build_object('id', dm.id, 'name', dm.name, 'lastContactDate', dm.last_contact_date, 'daysSinceContact', dm.since) from dm),
          'decisionMakerContacted', coalesce((select dm.since <= ${DECISION_MAKER_CONTACT_DAYS}::int from dm), false),
          'staleAfterDays', ${d.staleAfterDays}::int,
          'staleIds', to_json(m.stale)) from m) end,
      'history', case when ${see} then coalesce((select json_agg(h order by h.id desc) from (
          select sm.id, ${iso('sm.measured_at')} as "measuredAt", sm.stakeholders, sm.total_influence as "totalInfluence",
            sm.support_influence as "supportInfluence", sm.opposition_influence as "oppositionInfluence", sm.coach_present as "coachPresent",
            sm.decision_maker_contacted as "decisionMakerContacted", sm.stale, sm.stale_after_days as "staleAfterDays", sm.trigger
          from stakeholder_measures sm where sm.account_id = ${d.accountId}::int order by sm.id desc limit 30) h), '[]'::json) else '[]'::json end
    )::text as body`;
}

export async function mapDocument(q: Q, d: MapDocumentInput): Promise<string> {
  return (await mapDocumentQuery(d).execute(q)).rows[0]!.body;
}
