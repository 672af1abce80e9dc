// Reminders as the API shows them.
type ReminderRow = {
  id: number;
  kind: string;
  account_id: number | null;
  account_name: string | null;
  subject: string;
  facts: unknown;
  entity: string | null;
  entity_id: string | null;
  due_on: string | null;
  read_at: Date | null;
  done_at: Date | null;
  resolved: boolean;
  created_at: Date;
  version: number;
};
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentReminder(r: ReminderRow) {
  return {
    id: r.id,
    kind: r.kind,
    accountId: r.account_id,
    accountName: r.account_name,
    subject: r.subject,
    facts: (r.facts ?? {}) as Record<string, string | number | null>,
    entity: r.entity,
    entityId: r.entity_id,
    dueOn: r.due_on,
    read: r.read_at !== null,
    readAt: iso(r.read_at),
    done: r.done_at !== null,
    doneAt: iso(r.done_at),
    /** Done by the system because the condition cleared, not by the user. */
    resolved: r.resolved,
    createdAt: new Date(r.created_at).toISOString(),
    version: r.version,
  };
}
