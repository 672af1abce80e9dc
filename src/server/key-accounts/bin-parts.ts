// What an account's deletion must put in the recycle bin of its tier assessment and its place in
// the key-account program (their rows cascade with the account), so a restore brings back the
// manager's 0–5 ratings, a director's override, the designation with its decisions, the account
// plans and the whitespace matrix as they were. Tier results are not kept: the next recompute
// scores the restored account again.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { snapshotWhere as rows, type BinPart } from '../audit/recycle-bin.js';

export async function tierAndProgramParts(trx: Transaction<DB>, accountId: number): Promise<BinPart[]> {
  const ofAccount = sql`t.account_id = ${accountId}`;
  return [
    { table: 'tier_ratings', rows: await rows(trx, 'tier_ratings', ofAccount) },
    { table: 'tier_overrides', rows: await rows(trx, 'tier_overrides', ofAccount) },
    { table: 'key_accounts', rows: await rows(trx, 'key_accounts', ofAccount) },
    { table: 'key_account_decisions', rows: await rows(trx, 'key_account_decisions', ofAccount) },
    { table: 'account_plans', rows: await rows(trx, 'account_plans', ofAccount) },
    { table: 'account_plan_actions', rows: await rows(trx, 'account_plan_actions', sql`t.plan_id in (select p.id from account_plans p where p.account_id = ${accountId})`) },
    { table: 'account_whitespace', rows: await rows(trx, 'account_whitespace', ofAccount) },
  ];
}
