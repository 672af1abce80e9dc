// What an account's deletion must put in the recycle bin of the decision chain and the pipeline,
// and the users' reminders about the account (their rows cascade with the account): the
// snapshots a restore re-inserts, ids unchanged, read and done as they were.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { snapshotWhere as rows, type BinPart } from '../audit/recycle-bin.js';

export async function decisionChainParts(trx: Transaction<DB>, accountId: number): Promise<BinPart[]> {
  const ofOpps = sql`t.opportunity_id in (select o.id from opportunities o where o.account_id = ${accountId})`;
  const ofPeople = sql`t.stakeholder_id in (select s.id from stakeholders s where s.account_id = ${accountId})`;
  return [
    { table: 'opportunities', rows: await rows(trx, 'opportunities', sql`t.account_id = ${accountId}`) },
    { table: 'opportunity_stage_history', rows: await rows(trx, 'opportunity_stage_history', ofOpps) },
    { table: 'opportunity_info_points', rows: await rows(trx, 'opportunity_info_points', ofOpps) },
    { table: 'opportunity_competitors', rows: await rows(trx, 'opportunity_competitors', ofOpps) },
    { table: 'stakeholders', rows: await rows(trx, 'stakeholders', sql`t.account_id = ${accountId}`) },
    { table: 'stakeholder_coverers', rows: await rows(trx, 'stakeholder_coverers', ofPeople) },
    { table: 'stakeholder_links', rows: await rows(trx, 'stakeholder_links', sql`t.account_id = ${accountId}`) },
    { table: 'stakeholder_measures', rows: await rows(trx, 'stakeholder_measures', sql`t.account_id = ${accountId}`) },
    { table: 'reminders', rows: await rows(trx, 'reminders', sql`t.account_id = ${accountId}`) },
  ];
}
