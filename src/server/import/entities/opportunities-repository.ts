// SQL of the opportunities and stakeholders imports.
import { sql, type Transaction } from 'kysely';
import type { DB, OpportunityRow } from '../../db/schema.js';
import { importRepository, type Columns } from '../repository.js';

type Trx = Transaction<DB>;

const OPP_COLUMNS: Columns = [
  ['account_id', 'int'], ['name', 'text'], ['amount', 'numeric'], ['stage', 'int'], ['max_stage', 'int'], ['status', 'text'],
  ['expected_close_date', 'date'], ['opened_on', 'date'], ['closed_on', 'date'], ['products', 'text[]'], ['probability', 'int'],
  ['lost_reason', 'text'], ['winning_competitor', 'text'], ['currency', 'text'], ['notes', 'text'], ['owner_id', 'int'],
  ['external_ref', 'text'], ['source', 'text'],
];
const COMPARED = ['account_id', 'name', 'amount', 'stage', 'status', 'expected_close_date', 'opened_on', 'closed_on', 'probability', 'lost_reason', 'winning_competitor', 'currency', 'notes', 'owner_id'] as const;

export const opportunitiesImportRepository = {
  async byRefs(trx: Trx, refs: string[]): Promise<OpportunityRow[]> {
    if (!refs.length) return [];
    return trx.selectFrom('opportunities').selectAll().where('external_ref', 'in', refs).forUpdate().execute();
  },

  /** Inserts the rows (opened_on defaults to today where the file has none) and their first stage-history entry. */
  async insert(trx: Trx, rows: Record<string, unknown>[], actorId: number | null): Promise<void> {
    if (!rows.length) return;
    const dated = rows.filter((r) => r.opened_on != null);
    const undated = rows.filter((r) => r.opened_on == null);
    const created = [
      ...(await importRepository.insertMany<{ id: number; stage: number; status: 'open' | 'won' | 'lost' }>(trx, 'opportunities', OPP_COLUMNS, dated, ['id', 'stage', 'status'])),
      ...(await importRepository.insertMany<{ id: number; stage: number; status: 'open' | 'won' | 'lost' }>(trx, 'opportunities', OPP_COLUMNS.filter(([n]) => n !== 'opened_on'), undated, ['id', 'stage', 'status'])),
    ];
    const cols: Columns = [['opportunity_id', 'int'], ['to_stage', 'int'], ['to_status', 'text'], ['by_id', 'int'], ['reason', 'text']];
    await importRepository.insertMany(trx, 'opportunity_stage_history', cols, created.map((c) => ({ opportunity_id: c.id, to_stage: c.stage, to_status: c.status, by_id: actorId, reason: '导入' })));
  },

  /** Updates one opportunity when a compared field differs; true if it changed. */
  async updateIfChanged(trx: Trx, current: OpportunityRow, v: Record<string, unknown>): Promise<boolean> {
    const id = current.id;
    const norm = (x: unknown) => (x === null || x === undefined ? null : String(x));
    const moneyEq = Number(current.amount) === Number(v.amount);
    const changed = !moneyEq || COMPARED.some((k) => k !== 'amount' && norm((current as Record<string, unknown>)[k]) !== norm(v[k])) || JSON.stringify(current.products) !== JSON.stringify(v.products);
    if (!changed) return false;
    const set: Record<string, unknown> = {};
    for (const k of COMPARED) set[k] = v[k];
    set.products = v.products;
    set.max_stage = v.max_stage;
    if (current.stage !== v.stage || current.status !== v.status) set.stage_entered_at = sql`now()`;
    await trx
      .updateTable('opportunities')
      .set({ ...(set as Record<string, never>), source: 'import', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    if (current.stage !== v.stage || current.status !== v.status) {
      await trx.insertInto('opportunity_stage_history').values({ opportunity_id: id, from_stage: current.stage, to_stage: v.stage as number, to_status: v.status as 'open' | 'won' | 'lost', reason: '导入' }).execute();
    }
    return true;
  },
};
