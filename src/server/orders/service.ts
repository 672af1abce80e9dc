// Orders (订单) and payments (回款) of an account, and its receivables aging (SPEC C6).
// Read as the account; written by admins, directors and account managers in scope. Every write
// is audited and goes on the account's timeline in the same transaction.
import type { Kysely, Transaction } from 'kysely';
import type { DB, OrderRow, PaymentRow } from '../db/schema.js';
import { changedFields, recordAudit, type WriteContext } from '../audit/audit-log.js';
import { putInBin, snapshotOrderLines, snapshotRows } from '../audit/recycle-bin.js';
import { canWriteOrders, type Actor } from '../auth/rules/permissions.js';
import { relationOf } from '../auth/scope.js';
import { accountsRepository } from '../accounts/repository.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import { decodeCursor, encodeCursor, queryAfterCursor } from '../shared/cursor.js';
import type { Clock } from '../shared/clock.js';
import { addTimelineEvent } from '../timeline/timeline.js';
import { ordersRepository, type NewLine, type OrderSortKey, type PaymentStatusFilter } from './repository.js';
import { presentLine, presentOrderSummary, presentPayment } from './presenter.js';
import { agingReport } from './rules/aging.js';
import { localDate } from './rules/dates.js';
import { dec, integerDigits, lineAmount, money, orderTotals } from './rules/money.js';

export interface LineInput {
  product: string;
  quantity: string;
  unitPrice: string;
  discount?: string | undefined;
  cost?: string | null | undefined;
}

export interface OrderFields {
  orderNumber?: string | undefined;
  orderDate?: string | undefined;
  currency?: string | undefined;
  amount?: string | undefined;
  cost?: string | null | undefined;
  notes?: string | null | undefined;
  lines?: LineInput[] | undefined;
}

export interface PaymentFields {
  orderId?: number | null | undefined;
  dueDate?: string | undefined;
  paidDate?: string | null | undefined;
  amount?: string | undefined;
  currency?: string | undefined;
  invoiceRef?: string | null | undefined;
  paymentRef?: string | null | undefined;
  notes?: string | null | undefined;
}

const MAX_INT_DIGITS = 18; // numeric(20,2)

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: unknown } | null)?.code === '23505' && (e as { constraint?: unknown }).constraint === constraint;

export function ordersService(db: Kysely<DB>, opts: { clock: Clock; timezone: string; currency: string }) {
  const repo = ordersRepository(db);
  const accounts = accountsRepository(db);
  const today = () => localDate(opts.clock.now(), opts.timezone);

  // ---------- shared checks ----------

  async function writableAccount(actor: Actor, accountId: number, what: string) {
    const acc = await accounts.findVisible(actor, accountId);
    if (!acc) throw AppError.validation([{ field: 'accountId', reason: `account ${accountId} does not exist or is not visible to you`, code: 'not_found' }]);
    if (!canWriteOrders(actor, relationOf(acc))) throw AppError.forbidden(`You cannot add ${what} to this account`);
    return acc;
  }

  function checkMoney(field: string, value: string, issues: FieldIssue[]) {
    if (integerDigits(dec(value)) > MAX_INT_DIGITS) issues.push({ field, reason: `must be less than 10^${MAX_INT_DIGITS}`, code: 'too_large' });
  }

  /** Lines with their amounts; the order's amount and cost (derived from lines when there are any). */
  function resolveTotals(
    input: { lines?: LineInput[] | undefined; amount?: string | undefined; cost?: string | null | undefined },
    existing: { amount: string; cost: string | null; hasLines: boolean } | null,
    issues: FieldIssue[],
  ): { lines?: NewLine[]; amount?: string; cost?: string | null } {
    if (input.lines !== undefined && input.lines.length > 0) {
      const lines: NewLine[] = input.lines.map((l, i) => {
        const amount = lineAmount(l);
        checkMoney(`lines.${i}.amount`, amount, issues);
        return {
          line_no: i + 1,
          product: l.product,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount: l.discount ?? '0',
          amount,
          cost: l.cost == null ? null : money(dec(l.cost)),
        };
      });
      const totals = orderTotals(lines);
      checkMoney('amount', totals.amount, issues);
      if (input.amount !== undefined && money(dec(input.amount)) !== totals.amount) {
        issues.push({ field: 'amount', reason: `must equal the sum of the lines, ${totals.amount} (or be left out)`, code: 'mismatch' });
      }
      let cost = totals.cost;
      if (input.cost != null) {
        if (totals.cost !== null && money(dec(input.cost)) !== totals.cost) {
          issues.push({ field: 'cost', reason: `must equal the sum of the line costs, ${totals.cost} (or be left out)`, code: 'mismatch' });
        }
        cost = money(dec(input.cost));
      }
      return { lines, amount: totals.amount, cost };
    }
    const out: { lines?: NewLine[]; amount?: string; cost?: string | null } = {};
    if (input.lines !== undefined) out.lines = []; // an empty list removes the lines
    const keepsLines = existing?.hasLines === true && input.lines === undefined;
    if (input.amount !== undefined) {
      if (keepsLines && money(dec(input.amount)) !== existing.amount) {
        issues.push({ field: 'amount', reason: `follows the order's lines (${existing.amount}); change the lines instead`, code: 'mismatch' });
      } else {
        out.amount = money(dec(input.amount));
        checkMoney('amount', out.amount, issues);
      }
    } else if (!existing) {
      issues.push({ field: 'amount', reason: 'is required when the order has no lines', code: 'required' });
    }
    if (input.cost !== undefined) {
      out.cost = input.cost === null ? null : money(dec(input.cost));
      if (out.cost !== null) checkMoney('cost', out.cost, issues);
    }
    return out;
  }

  async function checkOrderNumber(trx: Transaction<DB>, actor: Actor, orderNumber: string, selfId: number | null) {
    const clash = await repo.findOrderByNumber(orderNumber, trx);
    if (clash && clash.id !== selfId) throw await duplicateOrder(actor, orderNumber, clash, trx);
  }

  async function duplicateOrderError(actor: Actor, orderNumber: string, q: Kysely<DB> | Transaction<DB> = db) {
    const clash = await repo.findOrderByNumber(orderNumber, q);
    return clash ? duplicateOrder(actor, orderNumber, clash, q) : new AppError('DUPLICATE', `Order number ${orderNumber} is already used`, { field: 'orderNumber' });
  }

  async function duplicateOrder(actor: Actor, orderNumber: string, clash: { id: number; account_id: number }, q: Kysely<DB> | Transaction<DB>) {
    // Name the existing order only to those who may see its account.
    const visible = await repo.findOrder(actor, clash.id, q);
    return new AppError(
      'DUPLICATE',
      `Order number ${orderNumber} is already used${visible ? ` by order ${clash.id} of ${visible.account_name}` : ' (outside your accounts)'}`,
      visible ? { field: 'orderNumber', existing: { id: clash.id, accountId: clash.account_id } } : { field: 'orderNumber' },
    );
  }

  async function duplicatePaymentError(actor: Actor, paymentRef: string) {
    const clash = await repo.findPaymentByRef(paymentRef);
    const visible = clash ? await repo.findPayment(actor, clash.id) : undefined;
    return new AppError(
      'DUPLICATE',
      `Payment reference ${paymentRef} is already used${visible ? ` by payment ${visible.id}` : ''}`,
      visible ? { field: 'paymentRef', existing: { id: visible.id, accountId: visible.account_id } } : { field: 'paymentRef' },
    );
  }

  // ---------- orders ----------

  async function loadOrder(actor: Actor, id: number) {
    const row = await repo.findOrder(actor, id);
    if (!row) throw AppError.notFound('Order');
    return row;
  }

  async function getOrder(actor: Actor, id: number, asOf = today()) {
    const row = await loadOrder(actor, id);
    const [lines, payments] = await Promise.all([repo.lines(id), repo.paymentsOfOrder(id)]);
    return {
      ...presentOrderSummary(row),
      lines: lines.map(presentLine),
      payments: payments.map((p) => presentPayment({ ...p, account_name: row.account_name, order_number: row.order_number }, asOf)),
    };
  }

  async function loadOrderForWrite(actor: Actor, id: number) {
    const row = await loadOrder(actor, id);
    if (!canWriteOrders(actor, relationOf(row))) throw AppError.forbidden('You cannot change orders of this account');
    return row;
  }

  function orderEventData(o: OrderRow, lines: number) {
    return { orderNumber: o.order_number, orderDate: o.order_date, amount: o.amount, currency: o.currency, lines };
  }

  // ---------- payments ----------

  async function loadPayment(actor: Actor, id: number) {
    const row = await repo.findPayment(actor, id);
    if (!row) throw AppError.notFound('Payment');
    return row;
  }

  /** The order a payment refers to must be of the same account and currency. */
  async function checkPaymentOrder(q: Kysely<DB> | Transaction<DB>, accountId: number, orderId: number, currency: string | undefined, issues: FieldIssue[]) {
    const order = await repo.orderForPayment(orderId, q);
    if (!order || order.account_id !== accountId) {
      issues.push({ field: 'orderId', reason: `order ${orderId} is not an order of account ${accountId}`, code: 'not_found' });
      return undefined;
    }
    if (currency !== undefined && currency !== order.currency) {
      issues.push({ field: 'currency', reason: `must be the order's currency, ${order.currency}`, code: 'mismatch' });
    }
    return order;
  }

  function paymentSummary(p: PaymentRow) {
    return `${p.invoice_ref ?? p.payment_ref ?? `#${p.id}`} ${p.currency} ${p.amount}`;
  }

  return {
    today,

    async listOrders(
      actor: Actor,
      f: { accountId?: number | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined; sort?: string | undefined; cursor?: string | undefined; limit: number },
    ) {
      const sortRaw = f.sort ?? '-orderDate';
      const desc = sortRaw.startsWith('-');
      const sort = (desc ? sortRaw.slice(1) : sortRaw) as OrderSortKey;
      const after = f.cursor ? decodeCursor(f.cursor) : undefined;
      const rows = await queryAfterCursor(f.cursor, () => repo.listOrders(actor, { accountId: f.accountId, from: f.from, to: f.to, q: f.q, sort, desc, after, limit: f.limit }));
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        items: page.map(presentOrderSummary),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
      };
    },

    getOrder: (actor: Actor, id: number) => getOrder(actor, id),

    async createOrder(ctx: WriteContext, accountId: number, input: OrderFields & { orderNumber: string; orderDate: string }) {
      await writableAccount(ctx.actor, accountId, 'orders');
      const issues: FieldIssue[] = [];
      const totals = resolveTotals(input, null, issues);
      if (issues.length) throw AppError.validation(issues);
      try {
        const id = await db.transaction().execute(async (trx) => {
          await checkOrderNumber(trx, ctx.actor, input.orderNumber, null);
          const row = await repo.insertOrder(trx, {
            account_id: accountId,
            order_number: input.orderNumber,
            order_date: input.orderDate,
            currency: input.currency ?? opts.currency,
            amount: totals.amount!,
            cost: totals.cost ?? null,
            notes: input.notes ?? null,
            source: 'manual',
          });
          await repo.replaceLines(trx, row.id, totals.lines ?? []);
          const lines = totals.lines?.length ?? 0;
          await recordAudit(trx, ctx, { action: 'create', entity: 'order', entityId: row.id, after: { ...row, lines: totals.lines ?? [] } });
          await addTimelineEvent(trx, ctx, { accountId, kind: 'order.created', summary: `${row.order_number} ${row.currency} ${row.amount}`, entity: 'order', entityId: row.id, data: orderEventData(row, lines) });
          return row.id;
        });
        return getOrder(ctx.actor, id);
      } catch (e) {
        if (isUniqueViolation(e, 'orders_number_key')) throw await duplicateOrderError(ctx.actor, input.orderNumber);
        throw e;
      }
    },

    async updateOrder(ctx: WriteContext, id: number, version: number, input: OrderFields) {
      await loadOrderForWrite(ctx.actor, id);
      try {
        await db.transaction().execute(async (trx) => {
          const before = await repo.lockOrder(trx, id);
          if (!before) throw AppError.notFound('Order');
          if (before.version !== version) throw AppError.stale('order', before.version);
          const beforeLines = await repo.lines(id, trx);
          const issues: FieldIssue[] = [];
          const totals = resolveTotals(input, { amount: before.amount, cost: before.cost, hasLines: beforeLines.length > 0 }, issues);
          if (issues.length) throw AppError.validation(issues);
          if (input.orderNumber !== undefined && input.orderNumber !== before.order_number) await checkOrderNumber(trx, ctx.actor, input.orderNumber, id);
          const patch = {
            ...(input.orderNumber !== undefined ? { order_number: input.orderNumber } : {}),
            ...(input.orderDate !== undefined ? { order_date: input.orderDate } : {}),
            ...(input.currency !== undefined ? { currency: input.currency } : {}),
            ...(input.notes !== undefined ? { notes: input.notes } : {}),
            ...(totals.amount !== undefined ? { amount: totals.amount } : {}),
            ...(totals.cost !== undefined ? { cost: totals.cost } : {}),
          };
          const after = await repo.updateOrderVersioned(trx, id, version, patch);
          if (!after) throw AppError.stale('order', before.version);
          if (totals.lines !== undefined) await repo.replaceLines(trx, id, totals.lines);
          // The payments of an order are in its currency.
          if (after.currency !== before.currency) await repo.setPaymentsCurrency(trx, id, after.currency);
          const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
          const fields = Object.keys(diff.after).map((k) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));
          if (totals.lines !== undefined) {
            (diff.before as Record<string, unknown>).lines = beforeLines;
            (diff.after as Record<string, unknown>).lines = totals.lines;
            fields.push('lines');
          }
          await recordAudit(trx, ctx, { action: 'update', entity: 'order', entityId: id, ...diff });
          await addTimelineEvent(trx, ctx, {
            accountId: after.account_id,
            kind: 'order.updated',
            summary: `${after.order_number}: ${fields.join(', ') || 'no changes'}`,
            entity: 'order',
            entityId: id,
            data: { fields, ...orderEventData(after, totals.lines?.length ?? beforeLines.length) },
          });
        });
      } catch (e) {
        if (input.orderNumber !== undefined && isUniqueViolation(e, 'orders_number_key')) throw await duplicateOrderError(ctx.actor, input.orderNumber);
        throw e;
      }
      return getOrder(ctx.actor, id);
    },

    async removeOrder(ctx: WriteContext, id: number, version: number) {
      await loadOrderForWrite(ctx.actor, id);
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockOrder(trx, id);
        if (!before) throw AppError.notFound('Order');
        if (before.version !== version) throw AppError.stale('order', before.version);
        const lines = await snapshotOrderLines(trx, { orderId: id });
        const payments = await snapshotRows(trx, 'payments', 'order_id', id);
        const parts = [
          { table: 'orders' as const, rows: await snapshotRows(trx, 'orders', 'id', id) },
          { table: 'order_lines' as const, rows: lines },
          { table: 'payments' as const, rows: payments },
        ];
        await putInBin(trx, { entity: 'order', entityId: id, label: before.order_number, accountId: before.account_id, parts, deletedBy: ctx.actor.id });
        await repo.deleteOrder(trx, id); // lines and payments cascade
        await recordAudit(trx, ctx, { action: 'delete', entity: 'order', entityId: id, before: { ...before, lines: lines.length, payments: payments.length } });
        await addTimelineEvent(trx, ctx, { accountId: before.account_id, kind: 'order.deleted', summary: before.order_number, entity: 'order', entityId: id, data: { ...orderEventData(before, lines.length), payments: payments.length } });
      });
    },

    // ---------- payments ----------

    async listPayments(
      actor: Actor,
      f: {
        accountId?: number | undefined;
        orderId?: number | undefined;
        status?: PaymentStatusFilter | undefined;
        dueFrom?: string | undefined;
        dueTo?: string | undefined;
        asOf?: string | undefined;
        sort?: string | undefined;
        cursor?: string | undefined;
        limit: number;
      },
    ) {
      const asOf = f.asOf ?? today();
      const desc = f.sort === '-dueDate';
      const after = f.cursor ? decodeCursor(f.cursor) : undefined;
      const rows = await queryAfterCursor(f.cursor, () =>
        repo.listPayments(actor, { accountId: f.accountId, orderId: f.orderId, status: f.status, dueFrom: f.dueFrom, dueTo: f.dueTo, asOf, desc, after, limit: f.limit }),
      );
      const page = rows.slice(0, f.limit);
      const last = page[page.length - 1];
      return {
        asOf,
        items: page.map((p) => presentPayment(p, asOf)),
        nextCursor: rows.length > f.limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
      };
    },

    async getPayment(actor: Actor, id: number) {
      return presentPayment(await loadPayment(actor, id), today());
    },

    async createPayment(ctx: WriteContext, accountId: number, input: PaymentFields & { dueDate: string; amount: string }) {
      await writableAccount(ctx.actor, accountId, 'payments');
      const issues: FieldIssue[] = [];
      const amount = money(dec(input.amount));
      checkMoney('amount', amount, issues);
      const order = input.orderId != null ? await checkPaymentOrder(db, accountId, input.orderId, input.currency, issues) : undefined;
      if (issues.length) throw AppError.validation(issues);
      if (input.paymentRef && (await repo.findPaymentByRef(input.paymentRef))) throw await duplicatePaymentError(ctx.actor, input.paymentRef);
      try {
        const id = await db.transaction().execute(async (trx) => {
          const row = await repo.insertPayment(trx, {
            account_id: accountId,
            order_id: order?.id ?? null,
            due_date: input.dueDate,
            paid_date: input.paidDate ?? null,
            amount,
            currency: order?.currency ?? input.currency ?? opts.currency,
            invoice_ref: input.invoiceRef ?? null,
            payment_ref: input.paymentRef ?? null,
            notes: input.notes ?? null,
            source: 'manual',
          });
          await recordAudit(trx, ctx, { action: 'create', entity: 'payment', entityId: row.id, after: row });
          await addTimelineEvent(trx, ctx, {
            accountId,
            kind: 'payment.created',
            summary: paymentSummary(row),
            entity: 'payment',
            entityId: row.id,
            data: { amount: row.amount, currency: row.currency, dueDate: row.due_date, paidDate: row.paid_date, orderId: row.order_id, orderNumber: order?.order_number ?? null },
          });
          return row.id;
        });
        return this.getPayment(ctx.actor, id);
      } catch (e) {
        if (input.paymentRef && isUniqueViolation(e, 'payments_ref_key')) throw await duplicatePaymentError(ctx.actor, input.paymentRef);
        throw e;
      }
    },

    async updatePayment(ctx: WriteContext, id: number, version: number, input: PaymentFields) {
      const current = await loadPayment(ctx.actor, id);
      if (!canWriteOrders(ctx.actor, relationOf(current))) throw AppError.forbidden('You cannot change payments of this account');
      try {
        await db.transaction().execute(async (trx) => {
          const before = await repo.lockPayment(trx, id);
          if (!before) throw AppError.notFound('Payment');
          if (before.version !== version) throw AppError.stale('payment', before.version);
          const issues: FieldIssue[] = [];
          const patch: Record<string, unknown> = {};
          if (input.amount !== undefined) {
            patch.amount = money(dec(input.amount));
            checkMoney('amount', patch.amount as string, issues);
          }
          const orderId = input.orderId !== undefined ? input.orderId : before.order_id;
          if (input.orderId !== undefined) patch.order_id = input.orderId;
          if (orderId !== null && (input.orderId !== undefined || input.currency !== undefined)) {
            const order = await checkPaymentOrder(trx, before.account_id, orderId, input.currency, issues);
            if (order) patch.currency = order.currency;
          } else if (input.currency !== undefined) patch.currency = input.currency;
          if (input.paymentRef !== undefined && input.paymentRef !== before.payment_ref && input.paymentRef !== null) {
            const clash = await repo.findPaymentByRef(input.paymentRef, trx);
            if (clash && clash.id !== id) throw await duplicatePaymentError(ctx.actor, input.paymentRef);
          }
          if (issues.length) throw AppError.validation(issues);
          const set = <K extends keyof PaymentFields>(k: K, col: string) => {
            if (input[k] !== undefined) patch[col] = input[k];
          };
          set('dueDate', 'due_date');
          set('paidDate', 'paid_date');
          set('invoiceRef', 'invoice_ref');
          set('paymentRef', 'payment_ref');
          set('notes', 'notes');
          const after = await repo.updatePaymentVersioned(trx, id, version, patch);
          if (!after) throw AppError.stale('payment', before.version);
          const diff = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
          const fields = Object.keys(diff.after).map((k) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()));
          await recordAudit(trx, ctx, { action: 'update', entity: 'payment', entityId: id, ...diff });
          const markedPaid = before.paid_date === null && after.paid_date !== null;
          await addTimelineEvent(trx, ctx, {
            accountId: after.account_id,
            kind: 'payment.updated',
            summary: markedPaid ? `${paymentSummary(after)} paid ${after.paid_date}` : `${paymentSummary(after)}: ${fields.join(', ') || 'no changes'}`,
            entity: 'payment',
            entityId: id,
            data: { fields, amount: after.amount, currency: after.currency, dueDate: after.due_date, paidDate: after.paid_date, markedPaid },
          });
        });
      } catch (e) {
        if (input.paymentRef && isUniqueViolation(e, 'payments_ref_key')) throw await duplicatePaymentError(ctx.actor, input.paymentRef);
        throw e;
      }
      return this.getPayment(ctx.actor, id);
    },

    async removePayment(ctx: WriteContext, id: number, version: number) {
      const current = await loadPayment(ctx.actor, id);
      if (!canWriteOrders(ctx.actor, relationOf(current))) throw AppError.forbidden('You cannot change payments of this account');
      await db.transaction().execute(async (trx) => {
        const before = await repo.lockPayment(trx, id);
        if (!before) throw AppError.notFound('Payment');
        if (before.version !== version) throw AppError.stale('payment', before.version);
        const parts = [{ table: 'payments' as const, rows: await snapshotRows(trx, 'payments', 'id', id) }];
        await putInBin(trx, { entity: 'payment', entityId: id, label: paymentSummary(before), accountId: before.account_id, parts, deletedBy: ctx.actor.id });
        await repo.deletePayment(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'payment', entityId: id, before });
        await addTimelineEvent(trx, ctx, {
          accountId: before.account_id,
          kind: 'payment.deleted',
          summary: paymentSummary(before),
          entity: 'payment',
          entityId: id,
          data: { amount: before.amount, currency: before.currency, dueDate: before.due_date, paidDate: before.paid_date },
        });
      });
    },

    // ---------- receivables ----------

    async receivables(actor: Actor, accountId: number, q: { asOf?: string | undefined; currency?: string | undefined }) {
      const acc = await accounts.findVisible(actor, accountId);
      if (!acc) throw AppError.notFound('Account');
      const asOf = q.asOf ?? today();
      const currency = q.currency ?? opts.currency;
      const r = await repo.aging(accountId, currency, asOf);
      return { accountId, currency, ...agingReport(asOf, r.buckets, r.paidLate), otherCurrencies: r.otherCurrencies };
    },

    /** Aging over every account the caller sees, with the accounts owing the most overdue money. */
    async portfolioReceivables(actor: Actor, q: { asOf?: string | undefined; currency?: string | undefined; top?: number | undefined }) {
      const asOf = q.asOf ?? today();
      const currency = q.currency ?? opts.currency;
      const r = await repo.portfolioAging(actor, currency, asOf, q.top ?? 10);
      const { paidLate: _unused, ...report } = agingReport(asOf, r.buckets, { count: 0, amount: '0', maxDaysLate: 0 });
      return { currency, ...report, debtors: r.debtors };
    },
  };
}

export type OrdersService = ReturnType<typeof ordersService>;
