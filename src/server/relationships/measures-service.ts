// Recomputes an account's decision-chain measures inside a write's transaction (or a sweep),
// records them in the history when they changed, and turns their alerts into reminders for the
// account owner (and the people covering a stale key person). Formulas: rules/measures.ts.
import type { Kysely, Transaction } from 'kysely';
import type { DB, ReminderFacts } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { localDate } from '../orders/rules/dates.js';
import { remindersRepository, type NewAlert } from '../reminders/repository.js';
import { hasTiering, relationshipsRepository } from './repository.js';
import { alertConditions, clearedEvents, type AlertCondition } from './rules/alerts.js';
import { computeMeasures, staleAfterDays, type MapPerson, type Measures } from './rules/measures.js';

type Q = Kysely<DB> | Transaction<DB>;
const STATE_KINDS = ['decision_maker_uncontacted', 'relationship_stale'];

export interface RefreshOutcome {
  changed: boolean;
  raised: number;
  resolved: number;
}

/** The facts of an alert: what its sentence says, in numbers and names any language can word. */
function alertFacts(c: AlertCondition, m: Measures, people: Map<number, MapPerson>): ReminderFacts {
  const person = c.stakeholderId === null ? null : (people.get(c.stakeholderId)?.name ?? null);
  switch (c.kind) {
    case 'coverage_dropped':
      return { coverage: m.supportCoverage.value ?? 0 };
    case 'coach_left':
      return {};
    case 'decision_maker_uncontacted':
      return { person, days: m.decisionMaker?.daysSinceContact ?? null };
    case 'relationship_stale':
      return { person, staleAfterDays: m.staleAfterDays };
  }
}

/** The Chinese sentence kept with the reminder (exports, logs, clients that do not know the kind). */
function subject(accountName: string, c: AlertCondition, f: ReminderFacts): string {
  switch (c.kind) {
    case 'coverage_dropped':
      return `${accountName}：支持度下降至 ${(Number(f.coverage) * 100).toFixed(1)}%`;
    case 'coach_left':
      return `${accountName}：决策链中已没有内线`;
    case 'decision_maker_uncontacted':
      return f.days === null ? `${accountName}：高层决策者 ${f.person ?? ''} 从未联系` : `${accountName}：高层决策者 ${f.person ?? ''} 已 ${f.days} 天未联系`;
    case 'relationship_stale':
      return `${accountName}：关键人 ${f.person ?? ''} 超过 ${f.staleAfterDays} 天未联系`;
  }
}

export function measuresService(db: Kysely<DB>, opts: { clock: Clock; timezone: string }) {
  const repo = relationshipsRepository(db);
  const reminders = remindersRepository(db);
  const today = () => localDate(opts.clock.now(), opts.timezone);

  /** `withTiering` comes from hasTiering(db), asked before the transaction (PGlite has one connection). */
  async function measure(q: Q, accountId: number, withTiering: boolean) {
    const facts = await repo.accountFacts(q, accountId, withTiering);
    if (!facts) return null;
    const rows = await repo.peopleOf(q, accountId);
    const people: MapPerson[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      buyingRole: r.buying_role,
      attitude: r.attitude,
      attitudeKind: r.attitude_kind,
      influence: r.influence,
      lastContactDate: r.last_contact_date,
    }));
    return { facts, people, measures: computeMeasures(people, { today: today(), staleAfterDays: staleAfterDays(facts.visits_per_year) }) };
  }

  return {
    today,

    /** Measures of one account now; records them if they changed and syncs the alerts. */
    async refresh(q: Q, accountId: number, trigger: 'change' | 'sweep', withTiering: boolean): Promise<RefreshOutcome> {
      const got = await measure(q, accountId, withTiering);
      if (!got) return { changed: false, raised: 0, resolved: 0 };
      const { facts, people, measures: m } = got;
      const prev = await repo.lastMeasure(q, accountId);
      const row = {
        account_id: accountId,
        stakeholders: m.stakeholders,
        total_influence: m.supportCoverage.denominator,
        support_influence: m.supportCoverage.numerator,
        opposition_influence: m.opposition.numerator,
        coach_present: m.coachPresent,
        decision_maker_id: m.decisionMaker?.id ?? null,
        decision_maker_contacted: m.decisionMakerContacted,
        stale: m.staleIds.length,
        stale_after_days: m.staleAfterDays,
      };
      const changed =
        !prev ||
        (Object.keys(row) as (keyof typeof row)[]).some((k) => prev[k] !== row[k]);
      if (changed && (prev || m.stakeholders > 0)) await repo.insertMeasure(q, { ...row, trigger });
      const conditions = alertConditions(accountId, people, m, prev ?? null);
      const byId = new Map(people.map((p) => [p.id, p]));
      const coverers = await repo.coverersOf(q, conditions.filter((c) => c.kind === 'relationship_stale').map((c) => c.stakeholderId!));
      const alerts: NewAlert[] = [];
      for (const c of conditions) {
        const users = new Set<number>();
        if (facts.owner_id !== null) users.add(facts.owner_id);
        if (c.kind === 'relationship_stale') for (const cv of coverers) if (cv.stakeholder_id === c.stakeholderId) users.add(cv.user_id);
        const said = alertFacts(c, m, byId);
        for (const user_id of users) {
          alerts.push({
            user_id,
            kind: c.kind,
            account_id: accountId,
            subject: subject(facts.name, c, said),
            facts: said,
            entity: c.stakeholderId === null ? 'account' : 'stakeholder',
            entity_id: String(c.stakeholderId ?? accountId),
            condition_key: c.key,
            due_on: today(),
          });
        }
      }
      const raised = await reminders.insertOpen(q, alerts);
      const resolved = await reminders.resolve(q, accountId, {
        kinds: STATE_KINDS,
        keep: conditions.filter((c) => c.state).map((c) => c.key),
        clear: clearedEvents(accountId, m),
      });
      return { changed, raised, resolved };
    },

    measure,
    hasTiering: () => hasTiering(db),
  };
}
