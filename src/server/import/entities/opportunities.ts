// Import of opportunities (商机 / 项目). Key: the opportunity number (商机编号) when the file has
// one — re-import updates that opportunity; rows without a number always create one.
// The stage column takes a stage number 1–8, its Chinese or English name or key, or a CRM's words:
// won / 赢单 / 成交 (contract execution, won), lost / 输单 / 丢单 (closed lost), prospecting /
// qualification (initiation), engaging (deep engagement). Imported history is taken as given:
// a won or lost row is closed on its close date; a lost row without a reason gets
// "未注明（导入）"; the exit-criteria rules apply to moves made in KAM, not to history.
// A row must name its customer (a lead without one is rejected, naming the field).
import type { OpportunityRow } from '../../db/schema.js';
import type { FieldDef } from '../rules/fields.js';
import type { BatchOutcome, BatchRow, FieldProblem, ImportContext, ImportEntity, UniqueKey, Values } from '../registry.js';
import { decToString, type Dec } from '../rules/decimal.js';
import { ACCOUNT_REF_FIELDS, ACCOUNT_REF_GROUP, accountRefOf, missingAccount, resolveAccountRefs, type AccountRef } from './account-refs.js';
import { CURRENCY_FIELD, currencyProblem } from './currency.js';
import { userByName } from './users.js';
import { opportunitiesImportRepository as repo } from './opportunities-repository.js';

const STAGE_WORDS: Record<string, string> = {
  项目立项: '1', 立项: '1', initiation: '1', 'project initiation': '1', prospecting: '1', prospect: '1', qualification: '1', lead: '1',
  方案设定: '2', 方案: '2', solution_design: '2', 'solution design': '2',
  深度接触: '3', deep_engagement: '3', 'deep engagement': '3', engaging: '3', engagement: '3',
  产品确定: '4', product_decision: '4', 'product decision': '4',
  商务公关: '5', business_negotiation: '5', 'business negotiation': '5', negotiation: '5',
  签约成交: '6', contract_signing: '6', 'contract signing': '6',
  合同执行: '7', contract_execution: '7', 'contract execution': '7', won: '7', 赢单: '7', 成交: '7', 'closed won': '7',
  客户服务: '8', customer_service: '8', 'customer service': '8',
  lost: 'lost', 输单: 'lost', 丢单: 'lost', 'closed lost': 'lost',
};
for (let i = 1; i <= 8; i++) STAGE_WORDS[String(i)] = String(i);

export const OPPORTUNITY_FIELDS: readonly FieldDef[] = [
  { name: 'externalRef', aliases: ['商机编号', '项目编号', '机会编号', '商机号', 'opportunity id', 'opportunity no', 'opportunity number', 'deal id'], type: 'text', maxLength: 64 },
  ...ACCOUNT_REF_FIELDS,
  { name: 'name', aliases: ['商机名称', '项目名称', '机会名称', '商机', 'opportunity', 'opportunity name', 'deal name', 'project'], type: 'text', maxLength: 200 },
  { name: 'amount', aliases: ['金额', '商机金额', '预计金额', '合同金额', '成交金额', 'amount', 'deal value', 'close value', 'value'], type: 'money' },
  { name: 'stage', aliases: ['阶段', '销售阶段', '项目阶段', '商机阶段', 'stage', 'deal stage', 'sales stage'], type: 'enum', values: STAGE_WORDS },
  { name: 'expectedCloseDate', aliases: ['预计成交日期', '预计签约日期', '成交日期', '关闭日期', '结单日期', 'close date', 'expected close date', 'closing date'], type: 'date' },
  { name: 'openedOn', aliases: ['立项日期', '开始日期', '接触日期', '创建日期', 'engage date', 'open date', 'created date', 'start date'], type: 'date' },
  { name: 'owner', aliases: ['负责人', '商机负责人', '销售', '销售代表', 'owner', 'sales agent', 'sales rep', 'account manager'], type: 'text', maxLength: 100 },
  { name: 'products', aliases: ['产品', '产品名称', '涉及产品', 'products', 'product'], type: 'text', maxLength: 2000 },
  { name: 'probability', aliases: ['赢率', '成功率', '概率', 'probability', 'win probability'], type: 'integer', min: 0, max: 200 },
  { name: 'lostReason', aliases: ['输单原因', '丢单原因', '失败原因', 'lost reason', 'loss reason'], type: 'text', maxLength: 1000 },
  { name: 'winningCompetitor', aliases: ['赢单对手', '中标对手', '竞争对手', 'winning competitor', 'competitor', 'lost to'], type: 'text', maxLength: 200 },
  CURRENCY_FIELD,
  { name: 'notes', aliases: ['备注', '说明', 'note', 'notes', 'remarks', 'comment'], type: 'text', maxLength: 4000 },
];

export interface OpportunityRecord {
  ref: AccountRef;
  externalRef: string | null;
  owner: string | null;
  /** Fields with a non-empty cell: on re-import only these change (empty cells keep what is stored). */
  given: string[];
  cols: {
    name: string;
    amount: string;
    stage: number;
    max_stage: number;
    status: 'open' | 'won' | 'lost';
    expected_close_date: string | null;
    opened_on: string | null;
    closed_on: string | null;
    products: string[];
    probability: number | null;
    lost_reason: string | null;
    winning_competitor: string | null;
    currency: string;
    notes: string | null;
  };
}

function prepare(v: Values): { record: OpportunityRecord; uniques: UniqueKey[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const ref = accountRefOf(v);
  if (!ref) problems.push({ ...missingAccount, reason: 'the customer is empty: an opportunity belongs to an account (a lead without one cannot be imported)' });
  const currency = currencyProblem(v.currency, problems);
  const externalRef = (v.externalRef as string | null) ?? null;
  const products = ((v.products as string | null) ?? '').split(/[,，;；、|]+/).map((p) => p.trim()).filter(Boolean);
  const name = (v.name as string | null) ?? ([products.join('、'), externalRef].filter(Boolean).join(' · ') || null);
  if (!name) problems.push({ field: 'name', code: 'required', reason: 'the opportunity has no name (nor a number or product to name it by)' });
  const stageWord = (v.stage as string | null) ?? '1';
  const lost = stageWord === 'lost';
  const stage = lost ? 1 : Number(stageWord);
  const won = stage >= 7;
  const close = (v.expectedCloseDate as string | null) ?? null;
  const opened = (v.openedOn as string | null) ?? null;
  if (opened && close && close < opened) problems.push({ field: 'expectedCloseDate', code: 'before_start', reason: `the close date ${close} is before the start ${opened}` });
  if (problems.length || !ref || !name) return { problems };
  const record: OpportunityRecord = {
    ref,
    externalRef,
    owner: (v.owner as string | null) ?? null,
    given: Object.keys(v).filter((k) => v[k] != null && !(k === 'products' && products.length === 0)),
    cols: {
      name,
      amount: v.amount == null ? '0.00' : decToString(v.amount as Dec, 2),
      stage,
      max_stage: stage,
      status: lost ? 'lost' : won ? 'won' : 'open',
      expected_close_date: close,
      opened_on: opened,
      closed_on: lost || won ? close : null,
      products,
      probability: (v.probability as number | null) ?? null,
      lost_reason: lost ? ((v.lostReason as string | null) ?? '未注明（导入）') : null,
      winning_competitor: lost ? ((v.winningCompetitor as string | null) ?? null) : null,
      currency: currency ?? 'CNY',
      notes: (v.notes as string | null) ?? null,
    },
  };
  return { record, uniques: externalRef ? [{ kind: 'opportunity', value: externalRef, label: 'opportunity number' }] : [] };
}

async function write(ctx: ImportContext, rows: BatchRow<OpportunityRecord>[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const accounts = await resolveAccountRefs(ctx, rows.map((r) => ({ row: r.row, ref: r.record.ref })));
  out.rejected.push(...accounts.rejected);
  const existing = new Map((await repo.byRefs(ctx.trx, rows.flatMap((r) => (r.record.externalRef ? [r.record.externalRef] : [])))).map((o) => [o.external_ref, o]));
  const inserts: Record<string, unknown>[] = [];
  for (const { row, record } of rows) {
    const accountId = accounts.rows.get(row);
    if (accountId === undefined) continue;
    let ownerId: number | null = null;
    if (record.owner) {
      const u = await userByName(ctx, record.owner, ['admin', 'director', 'kam', 'sponsor']);
      if ('code' in u) {
        out.rejected.push({ row, field: 'owner', code: u.code, reason: u.reason });
        continue;
      }
      ownerId = u.id;
    }
    const values = { ...record.cols, account_id: accountId, owner_id: ownerId, external_ref: record.externalRef, source: 'import' };
    const ex = record.externalRef ? existing.get(record.externalRef) : undefined;
    if (!ex) {
      inserts.push(values);
      ctx.touch(accountId, 'created');
      out.created++;
      continue;
    }
    if (await repo.updateIfChanged(ctx.trx, ex, mergeForUpdate(ex, record, values))) {
      ctx.touch(accountId, 'updated');
      out.updated++;
    } else out.unchanged++;
  }
  await repo.insert(ctx.trx, inserts, ctx.write.actor.id > 0 ? ctx.write.actor.id : null);
  return out;
}

/** The stored opportunity with the row's non-empty cells applied (the stage column brings status, close and loss with it). */
function mergeForUpdate(ex: OpportunityRow, r: OpportunityRecord, values: Record<string, unknown>): Record<string, unknown> {
  const has = (f: string) => r.given.includes(f);
  const m: Record<string, unknown> = { ...ex, account_id: values.account_id, source: 'import' };
  if (has('name')) m.name = values.name;
  if (has('amount')) m.amount = values.amount;
  if (has('expectedCloseDate')) m.expected_close_date = values.expected_close_date;
  if (has('openedOn')) m.opened_on = values.opened_on;
  if (has('products')) m.products = values.products;
  if (has('probability')) m.probability = values.probability;
  if (has('currency')) m.currency = values.currency;
  if (has('notes')) m.notes = values.notes;
  if (has('owner')) m.owner_id = values.owner_id;
  if (has('stage')) {
    for (const k of ['stage', 'status', 'closed_on', 'lost_reason', 'winning_competitor'] as const) m[k] = values[k];
    if (!values.closed_on && values.status !== 'open') m.closed_on = ex.closed_on ?? ex.expected_close_date;
  }
  m.max_stage = Math.max(ex.max_stage, m.stage as number);
  return m;
}

export const opportunitiesImport: ImportEntity<OpportunityRecord> = {
  name: 'opportunities',
  aliases: ['opportunity', 'deals', 'deal', 'pipeline', '商机', '项目', '销售机会'],
  label: '商机',
  keyDescription: 'opportunity number (商机编号) when given: re-import updates it; rows without one are created',
  fields: OPPORTUNITY_FIELDS,
  requireAny: [ACCOUNT_REF_GROUP],
  prepare,
  write: write as ImportEntity<OpportunityRecord>['write'],
};
