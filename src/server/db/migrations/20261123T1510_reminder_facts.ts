// Reminders carry the facts their sentence is made of (a coverage share, a person, a number of
// days), so that the web app words them in the reader's language; `subject` stays the Chinese
// sentence for exports, logs and kinds a client does not know.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table reminders add column facts jsonb not null default '{}'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table reminders drop column facts`.execute(db);
}
