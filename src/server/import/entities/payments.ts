// Import of payments (回款 / 应收). Key: the payment reference (付款单号). Re-import upserts on
// it: non-empty cells overwrite, empty cells keep what is stored. The customer comes from the
// row or from the order it names; when both are given they must agree.
import { decToString, type Dec } from '../rules/decimal.js';
import type { FieldDef } from '../rules/fields.js';
import type { BatchOutcome, BatchRow, FieldProblem, ImportContext, ImportEntity, UniqueKey, Values } from '../registry.js';
import { importRepository } from '../repository.js';
import { ACCOUNT_REF_FIELDS, accountRefOf, resolveAccountRefs, type AccountRef } from './account-refs.js';
import { CURRENCY_FIELD, currencyProblem } from './currency.js';
import { ordersImportRepository as orders, PAYMENT_COLUMNS } from './orders-repository.js';

export const PAYMENT_FIELDS: readonly FieldDef[] = [
  { name: 'paymentRef', aliases: ['付款单号', '回款单号', '收款单号', '流水号', '付款编号', 'payment ref', 'payment reference', 'payment no', 'payment id', 'payment number'], type: 'text', required: true, maxLength: 64 },
  ...ACCOUNT_REF_FIELDS,
  { name: 'orderNumber', aliases: ['订单号', '订单编号', 'order number', 'order no', 'order id'], type: 'text', maxLength: 64 },
  { name: 'invoiceRef', aliases: ['发票号', '发票号码', '发票编号', 'invoice', 'invoice no', 'invoice number', 'invoice ref'], type: 'text', maxLength: 64 },
  { name: 'dueDate', aliases: ['到期日', '应收日期', '应付日期', '到期日期', 'due date', 'due'], type: 'date' },
  { name: 'paidDate', aliases: ['付款日期', '回款日期', '收款日期', '实收日期', 'paid date', 'payment date', 'paid on'], type: 'date' },
  { name: 'amount', aliases: ['金额', '回款金额', '应收金额', '付款金额', 'payment amount'], type: 'money', negative: true },
  CURRENCY_FIELD,
  { name: 'notes', aliases: ['备注', '说明', 'note', 'remarks', 'comment'], type: 'text', maxLength: 2000 },
];

export interface PaymentRecord {
  ref: string;
  account: AccountRef | null;
  cols: { order_number: string | null; invoice_ref: string | null; due_date: string | null; paid_date: string | null; amount: string | null; currency: string | null; notes: string | null };
}

function prepare(v: Values): { record: PaymentRecord; uniques: UniqueKey[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const ref = v.paymentRef as string | null;
  if (!ref) problems.push({ field: 'paymentRef', code: 'required', reason: 'the payment reference is empty' });
  const currency = currencyProblem(v.currency, problems);
  const s = (f: string) => (v[f] as string | null) ?? null;
  if (problems.length || !ref) return { problems };
  const cols = { order_number: s('orderNumber'), invoice_ref: s('invoiceRef'), due_date: s('dueDate'), paid_date: s('paidDate'), amount: v.amount == null ? null : decToString(v.amount as Dec, 2), currency, notes: s('notes') };
  return { record: { ref, account: accountRefOf(v), cols }, uniques: [{ kind: 'payment', value: ref, label: 'payment reference' }] };
}

const KEYS = ['account_id', 'order_id', 'due_date', 'paid_date', 'amount', 'currency', 'invoice_ref', 'notes'] as const;

async function write(ctx: ImportContext, rows: BatchRow<PaymentRecord>[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const accounts = await resolveAccountRefs(ctx, rows.flatMap((r) => (r.record.account ? [{ row: r.row, ref: r.record.account }] : [])));
  out.rejected.push(...accounts.rejected);
  const bad = new Set(accounts.rejected.map((r) => r.row));
  const numbers = [...new Set(rows.flatMap((r) => (r.record.cols.order_number ? [r.record.cols.order_number] : [])))];
  const orderBy = new Map((await orders.byNumbers(ctx.trx, numbers)).map((o) => [o.order_number, o]));
  const existing = new Map((await orders.paymentsByRefs(ctx.trx, rows.map((r) => r.record.ref))).map((p) => [p.payment_ref!, p]));
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const { row, record } of rows) {
    if (bad.has(row)) continue;
    const reject = (field: string, code: string, reason: string) => out.rejected.push({ row, field, code, reason });
    const c = record.cols;
    const order = c.order_number ? orderBy.get(c.order_number) : undefined;
    if (c.order_number && !order) {
      reject('orderNumber', 'unknown_order', `unknown order "${c.order_number}"`);
      continue;
    }
    let accountId = accounts.rows.get(row);
    if (order && accountId !== undefined && order.account_id !== accountId) {
      reject('orderNumber', 'account_mismatch', `order ${order.order_number} belongs to another customer`);
      continue;
    }
    const ex = existing.get(record.ref);
    accountId ??= order?.account_id ?? ex?.account_id;
    if (accountId === undefined) {
      reject('account', 'required', 'the customer is empty (give a customer or an order number)');
      continue;
    }
    if (!ex) {
      if (!c.due_date) reject('dueDate', 'required', 'a new payment needs a due date');
      else if (c.amount === null) reject('amount', 'required', 'a new payment needs an amount');
      else {
        inserts.push({ ...c, account_id: accountId, order_id: order?.id ?? null, currency: c.currency ?? 'CNY', payment_ref: record.ref, source: 'import' });
        ctx.touch(accountId, 'created');
        out.created++;
      }
      continue;
    }
    const m: Record<string, unknown> = { ...ex, account_id: accountId, order_id: order?.id ?? ex.order_id };
    for (const k of ['due_date', 'paid_date', 'amount', 'currency', 'invoice_ref', 'notes'] as const) if (c[k] !== null) m[k] = c[k];
    const same = (k: (typeof KEYS)[number]) => (k === 'amount' ? Number(m[k]) === Number(ex[k]) : m[k] === ex[k]);
    if (KEYS.every(same)) out.unchanged++;
    else {
      updates.push({ ...m, source: 'import' });
      ctx.touch(accountId, 'updated');
      out.updated++;
    }
  }
  await importRepository.insertMany(ctx.trx, 'payments', PAYMENT_COLUMNS, inserts);
  await importRepository.updateMany(ctx.trx, 'payments', PAYMENT_COLUMNS, updates);
  return out;
}

export const paymentsImport: ImportEntity<PaymentRecord> = {
  name: 'payments',
  aliases: ['payment', 'receivables', '回款', '付款', '应收'],
  label: '回款',
  keyDescription: 'payment reference (付款单号)',
  fields: PAYMENT_FIELDS,
  prepare,
  write,
};
