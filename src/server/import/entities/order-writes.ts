// Writing batches of imported orders: order files upsert one order per row; line files create
// or reopen each order, replace its lines the first time the import meets it, and add lines in
// later batches. A new order is inserted with its batch's totals; an order met again (reopened,
// or continued from an earlier batch) gets the batch's totals set or added by one update.
import { add, compare, decFromString, decToString, ZERO } from '../rules/decimal.js';
import type { BatchOutcome, BatchRow, ImportContext, RowRejection } from '../registry.js';
import { importRepository } from '../repository.js';
import { resolveAccountRefs } from './account-refs.js';
import type { OrderRecord } from './orders.js';
import { LINE_COLUMNS, ORDER_COLUMNS, ordersImportRepository as repo } from './orders-repository.js';

type Existing = Awaited<ReturnType<typeof repo.byNumbers>>[number];

const sameMoney = (a: string | null, b: string | null) => (a === null || b === null ? a === b : compare(decFromString(a)!, decFromString(b)!) === 0);

function newOrder(accountId: number, r: OrderRecord, amount: string | null) {
  return { account_id: accountId, order_number: r.number, order_date: r.date, amount: amount ?? '0', cost: r.cost, currency: r.currency ?? 'CNY', notes: r.notes, source: 'import' };
}

/** The stored order with the row's non-empty order-level cells applied; null when nothing changes. */
function merged(ex: Existing, r: OrderRecord, accountId: number | undefined, withTotals: boolean): Record<string, unknown> | null {
  const m = { ...ex, account_id: accountId ?? ex.account_id, order_date: r.date ?? ex.order_date, currency: r.currency ?? ex.currency, notes: r.notes ?? ex.notes };
  if (withTotals) Object.assign(m, { amount: r.amount ?? ex.amount, cost: r.cost ?? ex.cost });
  const changed = m.account_id !== ex.account_id || m.order_date !== ex.order_date || m.currency !== ex.currency || m.notes !== ex.notes || !sameMoney(m.amount, ex.amount) || !sameMoney(m.cost, ex.cost);
  return changed ? { ...m, source: 'import' } : null;
}

async function prepareBatch(ctx: ImportContext, rows: BatchRow<OrderRecord>[], out: BatchOutcome) {
  const accounts = await resolveAccountRefs(ctx, rows.flatMap((r) => (r.record.ref ? [{ row: r.row, ref: r.record.ref }] : [])));
  out.rejected.push(...accounts.rejected);
  const bad = new Set(accounts.rejected.map((r) => r.row));
  const existing = new Map((await repo.byNumbers(ctx.trx, [...new Set(rows.map((r) => r.record.number))])).map((o) => [o.order_number, o]));
  return { accounts: accounts.rows, existing, good: rows.filter((r) => !bad.has(r.row)) };
}

function needsNew(r: BatchRow<OrderRecord>, accountId: number | undefined): RowRejection | null {
  if (accountId === undefined) return { row: r.row, field: 'account', code: 'required', reason: `order ${r.record.number} does not exist yet: a new order needs a customer` };
  if (!r.record.date) return { row: r.row, field: 'orderDate', code: 'required', reason: `order ${r.record.number} does not exist yet: a new order needs an order date` };
  return null;
}

async function writeOrderRows(ctx: ImportContext, rows: BatchRow<OrderRecord>[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const { accounts, existing, good } = await prepareBatch(ctx, rows, out);
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const r of good) {
    const accountId = accounts.get(r.row);
    const ex = existing.get(r.record.number);
    if (!ex) {
      const problem = needsNew(r, accountId);
      if (problem) out.rejected.push(problem);
      else {
        inserts.push(newOrder(accountId!, r.record, r.record.amount));
        ctx.touch(accountId!, 'created');
        out.created++;
      }
      continue;
    }
    if (ex.has_lines && r.record.amount !== null && !sameMoney(r.record.amount, ex.amount)) {
      out.rejected.push({ row: r.row, field: 'amount', code: 'has_lines', reason: `order ${ex.order_number} has lines: its amount is their sum (${ex.amount}), not ${r.record.amount}` });
      continue;
    }
    const m = merged(ex, r.record, accountId, !ex.has_lines);
    if (!m) out.unchanged++;
    else {
      updates.push(m);
      ctx.touch(m.account_id as number, 'updated');
      out.updated++;
    }
  }
  await importRepository.insertMany(ctx.trx, 'orders', ORDER_COLUMNS, inserts);
  await importRepository.updateMany(ctx.trx, 'orders', ORDER_COLUMNS, updates);
  return out;
}

async function writeLineRows(ctx: ImportContext, rows: BatchRow<OrderRecord>[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [], extra: { orders: 0, lines: 0 } };
  const { accounts, existing, good } = await prepareBatch(ctx, rows, out);
  const groups = new Map<string, BatchRow<OrderRecord>[]>();
  for (const r of good) groups.set(r.record.number, [...(groups.get(r.record.number) ?? []), r]);
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const replace: number[] = [];
  const waiting: BatchRow<OrderRecord>[] = [];
  const written: BatchRow<OrderRecord>[][] = [];
  /** Orders inserted by this batch: their totals are in the insert, their lines number from 1. */
  const fresh = new Set<string>();
  for (const [number, group] of groups) {
    const first = group[0]!;
    const accountId = group.map((r) => accounts.get(r.row)).find((id) => id !== undefined);
    const ex = existing.get(number);
    if (!ex) {
      const problem = needsNew({ ...first, record: { ...first.record, date: group.find((r) => r.record.date)?.record.date ?? null } }, accountId);
      if (problem) {
        out.rejected.push(...group.map((r) => ({ ...problem, row: r.row })));
        continue;
      }
      // A new order is inserted with its totals (no update after): later batches add to them.
      const t = totals(0, group);
      inserts.push({ ...newOrder(accountId!, { ...first.record, date: group.find((r) => r.record.date)!.record.date }, t.amount), cost: t.cost });
      fresh.add(number);
      ctx.touch(accountId!, 'created');
      out.created += group.length;
    } else {
      if (!first.continues) replace.push(ex.id);
      const m = merged(ex, first.record, accountId, false);
      if (m) updates.push(m);
      if (!first.continues) ctx.touch(m ? (m.account_id as number) : ex.account_id, 'updated');
      out[ex.created_here ? 'created' : 'updated'] += group.length;
    }
    waiting.push(...group);
    written.push(group);
  }
  const created = await importRepository.insertMany<{ id: number; order_number: string }>(ctx.trx, 'orders', ORDER_COLUMNS, inserts, ['id', 'order_number']);
  const ids = new Map([...[...existing.values()].map((o) => [o.order_number, o.id] as const), ...created.map((o) => [o.order_number, o.id] as const)]);
  await importRepository.updateMany(ctx.trx, 'orders', ORDER_COLUMNS, updates);
  await repo.deleteLines(ctx.trx, replace);
  // Lines of orders that start afresh here (new, or whose lines were just replaced) are numbered
  // 1, 2, … in file order; lines continuing an order of an earlier batch number after its last.
  const numbered: Record<string, unknown>[] = [];
  const continuing: Record<string, unknown>[] = [];
  for (const g of written) {
    const id = ids.get(g[0]!.record.number)!;
    if (g[0]!.continues) for (const r of g) continuing.push({ order_id: id, ...r.record.line! });
    else g.forEach((r, i) => numbered.push({ order_id: id, line_no: i + 1, ...r.record.line! }));
  }
  await importRepository.insertMany(ctx.trx, 'order_lines', LINE_COLUMNS, numbered);
  await repo.addLines(ctx.trx, continuing);
  await repo.addTotals(ctx.trx, written.filter((g) => !fresh.has(g[0]!.record.number)).map((g) => totals(ids.get(g[0]!.record.number)!, g)));
  out.extra!.orders = [...groups.values()].filter((g) => !g[0]!.continues).length;
  out.extra!.lines = waiting.length;
  return out;
}

/** A group's line totals: exact sums of the rounded line amounts (and costs, while every line has one). */
function totals(id: number, group: BatchRow<OrderRecord>[]) {
  const lines = group.map((r) => r.record.line!);
  const amount = lines.reduce((s, l) => add(s, decFromString(l.amount)!), ZERO);
  const costs = lines.every((l) => l.cost !== null) ? lines.reduce((s, l) => add(s, decFromString(l.cost!)!), ZERO) : null;
  return { id, amount: decToString(amount, 2), cost: costs && decToString(costs, 2), reset: !group[0]!.continues };
}

export const writeOrders = {
  async write(ctx: ImportContext, rows: BatchRow<OrderRecord>[]): Promise<BatchOutcome> {
    return rows[0]?.record.line ? writeLineRows(ctx, rows) : writeOrderRows(ctx, rows);
  },

};
