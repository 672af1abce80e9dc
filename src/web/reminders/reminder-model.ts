// Pure helpers of the reminders inbox: what a reminder links to and which words describe it.
// The text is built from the reminder's kind (translated), not from the server's Chinese subject;
// kinds the web app does not know yet fall back to that subject.

export interface ReminderLike {
  kind: string;
  accountId: number | null;
  entity: string | null;
  entityId: string | null;
}

/** The kinds raised today (relationships/rules/alerts.ts), with words in ns-reminders.ts. */
export const KNOWN_KINDS = ['coverage_dropped', 'coach_left', 'decision_maker_uncontacted', 'relationship_stale'] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];
export const isKnownKind = (kind: string): kind is KnownKind => (KNOWN_KINDS as readonly string[]).includes(kind);

/** Decision-chain alerts open the account's 决策链 tab; an opportunity its page; else the account. */
export function reminderLink(r: ReminderLike): string | null {
  if (r.entity === 'opportunity' && r.entityId && /^\d+$/.test(r.entityId)) return `/opportunities/${r.entityId}`;
  if (r.accountId === null) return null;
  if (r.entity === 'stakeholder' || isKnownKind(r.kind)) return `/accounts/${r.accountId}?tab=relationships`;
  return `/accounts/${r.accountId}`;
}

export type InboxFilter = 'unread' | 'open' | 'done' | 'all';

/** The API's status for a filter (unread = open ones not yet read, filtered on the page). */
export const statusOf = (f: InboxFilter): 'open' | 'done' | 'all' => (f === 'unread' ? 'open' : f);

export function matchesFilter(r: { read: boolean; done: boolean }, f: InboxFilter): boolean {
  if (f === 'unread') return !r.read && !r.done;
  if (f === 'open') return !r.done;
  if (f === 'done') return r.done;
  return true;
}

/**
 * The translation key and values of a known reminder's sentence, from its facts; null for kinds
 * the web app has no words for (their server sentence is shown instead).
 */
export function reminderSentence(
  r: { kind: string; facts: Record<string, string | number | null> },
  account: string,
): { key: string; values: Record<string, string | number> } | null {
  if (!isKnownKind(r.kind)) return null;
  const f = r.facts;
  const person = typeof f.person === 'string' ? f.person : '';
  switch (r.kind) {
    case 'coverage_dropped':
      return { key: 'reminders.text.coverage_dropped', values: { account, coverage: `${(Number(f.coverage ?? 0) * 100).toFixed(1)}%` } };
    case 'coach_left':
      return { key: 'reminders.text.coach_left', values: { account } };
    case 'decision_maker_uncontacted':
      return typeof f.days === 'number'
        ? { key: 'reminders.text.decision_maker_uncontacted', values: { account, person, days: f.days } }
        : { key: 'reminders.text.decision_maker_never', values: { account, person } };
    case 'relationship_stale':
      return { key: 'reminders.text.relationship_stale', values: { account, person, staleAfterDays: Number(f.staleAfterDays ?? 0) } };
  }
}
