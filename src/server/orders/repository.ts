// SQL for orders, their lines and payments. Visibility follows the account (auth/scope.ts).
import { sql, type Insertable, type RawBuilder, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, OrdersTable, PaymentsTable } from '../db/schema.js';
import type { Actor } from '../auth/rules/permissions.js';
import { accountRelationColumns, accountVisibility } from '../auth/scope.js';
import type { CursorPosition } from '../shared/cursor.js';
import { AGING_BUCKETS, PAID_LATE_WINDOW_DAYS, type AgingBucketKey } from './rules/aging.js';

type Q = Kysely<DB> | Transaction<DB>;

export const ORDER_SORTS = {
  orderDate: { expr: sql`orders.order_date`, cast: 'date' },
  amount: { expr: sql`orders.amount`, cast: 'numeric' },
} as const;
export type OrderSortKey = keyof typeof ORDER_SORTS;

export interface OrderListQuery {
  accountId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  sort: OrderSortKey;
  desc: boolean;
  after?: CursorPosition | undefined;
  limit: number;
}

export type PaymentStatusFilter = 'unpaid' | 'overdue' | 'paid';

export interface PaymentListQuery {
  accountId?: number | undefined;
  orderId?: number | undefined;
  status?: PaymentStatusFilter | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** The date statuses are judged on: unpaid = not paid by then, overdue = also due before it, paid = paid by then. */
  asOf: string;
  desc: boolean;
  after?: CursorPosition | undefined;
  limit: number;
}

export interface NewLine {
  line_no: number;
  product: string;
  quantity: string;
  unit_price: string;
  discount: string;
  amount: string;
  cost: string | null;
}

/** `when <days> <= 0 then 'notDue' … else '90+'`: the buckets of rules/aging.ts over a days-overdue expression. */
function agingBucketCase(days: RawBuilder<unknown>) {
  return sql.join(
    AGING_BUCKETS.map((b) => (b.maxDays === null ? sql`else ${b.key}` : sql`when ${days} <= ${sql.lit(Number(b.maxDays))} then ${b.key}`)),
    sql` `,
  );
}

/** Escapes LIKE wildcards for a prefix match. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function ordersRepository(db: Kysely<DB>) {
  function visibleOrders(actor: Actor, q: Q = db) {
    let qb = q.selectFrom('orders').innerJoin('accounts', 'accounts.id', 'orders.account_id');
    const visible = accountVisibility(actor);
    if (visible) qb = qb.where(visible as never);
    return qb;
  }

  function visiblePayments(actor: Actor, q: Q = db) {
    let qb = q
      .selectFrom('payments')
      .innerJoin('accounts', 'accounts.id', 'payments.account_id')
      .leftJoin('orders', 'orders.id', 'payments.order_id');
    const visible = accountVisibility(actor);
    if (visible) qb = qb.where(visible as never);
    return qb;
  }

  const lineCount = sql<number>`(select count(*)::int from order_lines l where l.order_id = orders.id)`;

  return {
    listOrders(actor: Actor, f: OrderListQuery) {
      const sort = ORDER_SORTS[f.sort];
      let qb = visibleOrders(actor)
        .selectAll('orders')
        .select(['accounts.name as account_name', lineCount.as('line_count'), sql<string>`(${sort.expr})::text`.as('sort_value')]);
      if (f.accountId !== undefined) qb = qb.where('orders.account_id', '=', f.accountId);
      if (f.from) qb = qb.where('orders.order_date', '>=', f.from);
      if (f.to) qb = qb.where('orders.order_date', '<=', f.to);
      if (f.q) {
        // A prefix of the order number, as typed or upper-cased (both use the text_pattern_ops index).
        const variants = [...new Set([f.q, f.q.toUpperCase()])];
        qb = qb.where((eb) => eb.or(variants.map((v) => eb('orders.order_number', 'like', likePrefix(v)))));
      }
      if (f.after) {
        const op = sql.raw(f.desc ? '<' : '>');
        qb = qb.where(sql<boolean>`(${sort.expr}, orders.id) ${op} (cast(${f.after.v} as ${sql.raw(sort.cast)}), ${f.after.id})`);
      }
      const dir = f.desc ? sql`desc` : sql`asc`;
      return qb.orderBy(sql`${sort.expr} ${dir}`).orderBy(sql`orders.id ${dir}`).limit(f.limit + 1).execute();
    },

    /** One order with the actor's relation to its account, if visible. */
    findOrder(actor: Actor, id: number, q: Q = db) {
      return visibleOrders(actor, q)
        .selectAll('orders')
        .select(['accounts.name as account_name', lineCount.as('line_count')])
        .select((eb) => accountRelationColumns(eb as never, actor))
        .where('orders.id', '=', id)
        .executeTakeFirst();
    },

    lines(orderId: number, q: Q = db) {
      return q.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('line_no').execute();
    },

    paymentsOfOrder(orderId: number, q: Q = db) {
      return q.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('due_date').orderBy('id').limit(500).execute();
    },

    findOrderByNumber(orderNumber: string, q: Q = db) {
      return q.selectFrom('orders').select(['id', 'account_id', 'order_number']).where('order_number', '=', orderNumber).executeTakeFirst();
    },

    lockOrder(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    insertOrder(trx: Q, row: Insertable<OrdersTable>) {
      return trx.insertInto('orders').values(row).returningAll().executeTakeFirstOrThrow();
    },

    updateOrderVersioned(trx: Q, id: number, version: number, patch: Updateable<OrdersTable>) {
      return trx
        .updateTable('orders')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async replaceLines(trx: Q, orderId: number, lines: readonly NewLine[]) {
      await trx.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
      if (lines.length === 0) return;
      await trx
        .insertInto('order_lines')
        .values(lines.map((l) => ({ ...l, order_id: orderId })))
        .execute();
    },

    async deleteOrder(trx: Q, id: number) {
      await trx.deleteFrom('orders').where('id', '=', id).execute();
    },

    // ---- payments ----

    listPayments(actor: Actor, f: PaymentListQuery) {
      let qb = visiblePayments(actor)
        .selectAll('payments')
        .select(['accounts.name as account_name', 'orders.order_number', sql<string>`payments.due_date::text`.as('sort_value')]);
      if (f.accountId !== undefined) qb = qb.where('payments.account_id', '=', f.accountId);
      if (f.orderId !== undefined) qb = qb.where('payments.order_id', '=', f.orderId);
      // As the aging (rules/aging.ts): unpaid on asOf = not paid, or paid only after asOf.
      const openOn = sql<boolean>`(payments.paid_date is null or payments.paid_date > cast(${f.asOf} as date))`;
      if (f.status === 'unpaid') qb = qb.where(openOn);
      if (f.status === 'overdue') qb = qb.where(openOn).where('payments.due_date', '<', f.asOf);
      if (f.status === 'paid') qb = qb.where('payments.paid_date', '<=', f.asOf);
      if (f.dueFrom) qb = qb.where('payments.due_date', '>=', f.dueFrom);
      if (f.dueTo) qb = qb.where('payments.due_date', '<=', f.dueTo);
      if (f.after) {
        const op = sql.raw(f.desc ? '<' : '>');
        qb = qb.where(sql<boolean>`(payments.due_date, payments.id) ${op} (cast(${f.after.v} as date), ${f.after.id})`);
      }
      const dir = f.desc ? sql`desc` : sql`asc`;
      return qb.orderBy(sql`payments.due_date ${dir}`).orderBy(sql`payments.id ${dir}`).limit(f.limit + 1).execute();
    },

    findPayment(actor: Actor, id: number, q: Q = db) {
      return visiblePayments(actor, q)
        .selectAll('payments')
        .select(['accounts.name as account_name', 'orders.order_number'])
        .select((eb) => accountRelationColumns(eb as never, actor))
        .where('payments.id', '=', id)
        .executeTakeFirst();
    },

    findPaymentByRef(paymentRef: string, q: Q = db) {
      return q.selectFrom('payments').select(['id', 'account_id', 'payment_ref']).where('payment_ref', '=', paymentRef).executeTakeFirst();
    },

    orderForPayment(orderId: number, q: Q = db) {
      return q.selectFrom('orders').select(['id', 'account_id', 'currency', 'order_number']).where('id', '=', orderId).executeTakeFirst();
    },

    lockPayment(trx: Transaction<DB>, id: number) {
      return trx.selectFrom('payments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    insertPayment(trx: Q, row: Insertable<PaymentsTable>) {
      return trx.insertInto('payments').values(row).returningAll().executeTakeFirstOrThrow();
    },

    updatePaymentVersioned(trx: Q, id: number, version: number, patch: Updateable<PaymentsTable>) {
      return trx
        .updateTable('payments')
        .set({ ...patch, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
    },

    async setPaymentsCurrency(trx: Q, orderId: number, currency: string) {
      await trx.updateTable('payments').set({ currency }).where('order_id', '=', orderId).execute();
    },

    async deletePayment(trx: Q, id: number) {
      await trx.deleteFrom('payments').where('id', '=', id).execute();
    },

    // ---- receivables ----

    /**
     * Aging of one account's receivables in one currency as of `asOf`, aggregated in SQL with the
     * rules of orders/rules/aging.ts: open = unpaid or paid after asOf; a payment whose order is
     * dated after asOf was not yet raised and is left out; days overdue = asOf − due_date.
     */
    async aging(accountId: number, currency: string, asOf: string) {
      const bucketCase = agingBucketCase(sql`d`);
      const open = await sql<{ key: AgingBucketKey; count: number; amount: string }>`
        select case ${bucketCase} end as key, count(*)::int as count, sum(amount)::text as amount
        from (
          select (cast(${asOf} as date) - p.due_date) as d, p.amount
          from payments p left join orders o on o.id = p.order_id
          where p.account_id = ${accountId} and p.currency = ${currency}
            and (p.paid_date is null or p.paid_date > cast(${asOf} as date))
            and (o.id is null or o.order_date <= cast(${asOf} as date))
        ) x
        group by 1`.execute(db);
      const late = await sql<{ count: number; amount: string | null; max_days: number | null }>`
        select count(*)::int as count, sum(amount)::text as amount, max(paid_date - due_date) as max_days
        from payments
        where account_id = ${accountId} and currency = ${currency}
          and paid_date <= cast(${asOf} as date) and paid_date > cast(${asOf} as date) - ${PAID_LATE_WINDOW_DAYS}::int
          and paid_date > due_date`.execute(db);
      const others = await sql<{ currency: string }>`
        select distinct currency from payments
        where account_id = ${accountId} and currency <> ${currency}
          and (paid_date is null or paid_date > cast(${asOf} as date))
        order by 1`.execute(db);
      const l = late.rows[0];
      return {
        buckets: open.rows.map((r) => ({ key: r.key, count: Number(r.count), amount: r.amount })),
        paidLate: { count: Number(l?.count ?? 0), amount: l?.amount ?? '0', maxDaysLate: Number(l?.max_days ?? 0) },
        otherCurrencies: others.rows.map((r) => r.currency),
      };
    },

    /**
     * Aging of the receivables of every account visible to `actor`, in one currency as of
     * `asOf` (same rules as `aging`), and the accounts owing the most overdue money.
     */
    async portfolioAging(actor: Actor, currency: string, asOf: string, top: number) {
      const on = sql<string>`cast(${asOf} as date)`;
      const days = sql<number>`(${on} - payments.due_date)`;
      const open = visiblePayments(actor)
        .where('payments.currency', '=', currency)
        .where((eb) => eb.or([eb('payments.paid_date', 'is', null), eb('payments.paid_date', '>', on)]))
        .where((eb) => eb.or([eb('orders.id', 'is', null), eb('orders.order_date', '<=', on)]));
      const buckets = await open
        .select([
          sql<AgingBucketKey>`case ${agingBucketCase(days)} end`.as('key'),
          sql<number>`count(*)::int`.as('count'),
          sql<string>`sum(payments.amount)::text`.as('amount'),
        ])
        .groupBy(sql`1`)
        .execute();
      const overdue = sql<string>`sum(payments.amount)`;
      const debtors = await open
        .where(sql<boolean>`${days} > 0`)
        .select([
          'accounts.id as account_id',
          'accounts.name as account_name',
          sql<number>`count(*)::int`.as('count'),
          sql<string>`${overdue}::text`.as('amount'),
          sql<number>`max(${days})::int`.as('max_days'),
        ])
        .groupBy(['accounts.id', 'accounts.name'])
        .having(sql<boolean>`${overdue} > 0`)
        .orderBy(overdue, 'desc')
        .orderBy('accounts.id')
        .limit(top)
        .execute();
      return {
        buckets: buckets.map((r) => ({ key: r.key, count: Number(r.count), amount: r.amount })),
        debtors: debtors.map((r) => ({ accountId: r.account_id, accountName: r.account_name, count: Number(r.count), amount: r.amount, maxDaysOverdue: Number(r.max_days) })),
      };
    },
  };
}

export type OrdersRepository = ReturnType<typeof ordersRepository>;
