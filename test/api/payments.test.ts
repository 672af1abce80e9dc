// Payments and receivables aging through the API, on a fixed "today" (2026-03-31 in Shanghai):
// the SQL aggregate gives the hand-worked figures of test/support/aging-cases.ts, which the pure
// rule gives too; status filters; marking paid; references; recycle bin.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageReceivables, daysOverdue, isOpenAt } from '../../src/server/orders/rules/aging.js';
import { AGING_CASES } from '../support/aging-cases.js';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

const AS_OF = '2026-03-31';
let t: TestApp;
let director: Session;
let kam1: Session;
let kam2: Session;
let analyst: Session;
let accountId: number;
const ids = new Map<string, number>();

interface Payment {
  id: number;
  accountId: number;
  orderId: number | null;
  orderNumber: string | null;
  invoiceRef: string | null;
  paymentRef: string | null;
  dueDate: string;
  paidDate: string | null;
  amount: string;
  currency: string;
  status: 'paid' | 'overdue' | 'notDue';
  daysLate: number;
  version: number;
}
interface Receivables {
  accountId: number;
  currency: string;
  asOf: string;
  buckets: { key: string; minDays: number | null; maxDays: number | null; count: number; amount: string }[];
  total: { count: number; amount: string };
  overdue: { count: number; amount: string };
  paidLate: { count: number; amount: string; maxDaysLate: number };
  otherCurrencies: string[];
}

function body<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function newAccount(name: string, owner: Session = kam1): Promise<number> {
  return body<{ account: { id: number } }>(await t.call(director, 'POST', '/api/v1/accounts', { name, ownerId: owner.userId }), 201).account.id;
}

async function newOrder(account: number, orderNumber: string, orderDate: string, amount: string, currency?: string): Promise<number> {
  return body<{ id: number }>(await t.call(kam1, 'POST', '/api/v1/orders', { accountId: account, orderNumber, orderDate, amount, ...(currency ? { currency } : {}) }), 201).id;
}

beforeAll(async () => {
  // 12:00 in Shanghai on 2026-03-31
  t = await createTestApp({ clock: { now: () => new Date('2026-03-31T04:00:00Z') } });
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
  analyst = await t.login('analyst');
  accountId = await newAccount('中国远洋海运集团有限公司');
  for (const [i, c] of AGING_CASES.entries()) {
    const orderId = c.raisedOn ? await newOrder(accountId, `AG-${i}`, c.raisedOn, c.amount) : null;
    const p = body<Payment>(
      await t.call(kam1, 'POST', '/api/v1/payments', { accountId, orderId, dueDate: c.dueDate, paidDate: c.paidDate, amount: c.amount, invoiceRef: `INV-${i}`, paymentRef: `PAY-${i}` }),
      201,
    );
    ids.set(c.name, p.id);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('receivables aging', () => {
  it('as of 2026-03-31: the hand-worked buckets, SQL-aggregated, equal to the pure rule', async () => {
    const r = body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/receivables?asOf=${AS_OF}`), 200);
    expect(r.buckets).toEqual([
      { key: 'notDue', minDays: null, maxDays: 0, count: 2, amount: '1200.00' },
      { key: '1-30', minDays: 1, maxDays: 30, count: 4, amount: '589.50' }, // 300 + 400 − 120.50 + 10
      { key: '31-60', minDays: 31, maxDays: 60, count: 3, amount: '1150.00' },
      { key: '61-90', minDays: 61, maxDays: 90, count: 2, amount: '1500.00' },
      { key: '90+', minDays: 91, maxDays: null, count: 1, amount: '900.00' },
    ]);
    expect(r.total).toEqual({ count: 12, amount: '5339.50' });
    expect(r.overdue).toEqual({ count: 10, amount: '4139.50' });
    expect(r.paidLate).toEqual({ count: 1, amount: '60.00', maxDaysLate: 44 });
    expect([r.accountId, r.currency, r.asOf, r.otherCurrencies]).toEqual([accountId, 'CNY', AS_OF, []]);
    const { asOf, buckets, total, overdue, paidLate } = ageReceivables(AGING_CASES, AS_OF);
    expect({ asOf, buckets, total, overdue, paidLate }).toEqual({ asOf: r.asOf, buckets: r.buckets, total: r.total, overdue: r.overdue, paidLate: r.paidLate });
  });

  it('over the portfolio: the same buckets for the caller\'s accounts, the biggest debtors first, nothing out of scope', async () => {
    interface Portfolio {
      currency: string;
      asOf: string;
      buckets: Receivables['buckets'];
      total: { count: number; amount: string };
      overdue: { count: number; amount: string };
      debtors: { accountId: number; accountName: string; count: number; amount: string; maxDaysOverdue: number }[];
    }
    const mine = body<Portfolio>(await t.call(kam1, 'GET', `/api/v1/receivables?asOf=${AS_OF}`), 200);
    const { buckets, total, overdue } = ageReceivables(AGING_CASES, AS_OF);
    expect({ buckets: mine.buckets, total: mine.total, overdue: mine.overdue }).toEqual({ buckets, total, overdue });
    // The oldest open item: I, 900.00 due 2025-12-30, 91 days overdue on 2026-03-31.
    const oldest = Math.max(...AGING_CASES.filter((c) => isOpenAt(c, AS_OF)).map((c) => daysOverdue(c, AS_OF)));
    expect(mine.debtors).toEqual([{ accountId, accountName: '中国远洋海运集团有限公司', count: 10, amount: '4139.50', maxDaysOverdue: oldest }]);
    const other = body<Portfolio>(await t.call(kam2, 'GET', `/api/v1/receivables?asOf=${AS_OF}`), 200);
    expect([other.total, other.overdue, other.debtors]).toEqual([{ count: 0, amount: '0.00' }, { count: 0, amount: '0.00' }, []]);
    expect((await t.call(kam1, 'GET', '/api/v1/receivables?top=0')).statusCode).toBe(400);
  });

  it('on other dates too, SQL and rule agree (J paid on 04-05 leaves, O raised on 04-01 enters)', async () => {
    for (const asOf of ['2026-04-01', '2026-04-05', '2025-12-31', '2024-02-15', '2027-01-01']) {
      const r = body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/receivables?asOf=${asOf}`), 200);
      const { buckets, total, overdue, paidLate } = ageReceivables(AGING_CASES, asOf);
      expect({ buckets: r.buckets, total: r.total, overdue: r.overdue, paidLate: r.paidLate }, asOf).toEqual({ buckets, total, overdue, paidLate });
    }
  });

  it('defaults to today in the office time zone', async () => {
    const r = body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/receivables`), 200);
    expect([r.asOf, r.total.amount]).toEqual([AS_OF, '5339.50']);
  });

  it('is per currency, and names the other currencies with open items', async () => {
    const acc = await newAccount('中国中车股份有限公司');
    const usdOrder = await newOrder(acc, 'USD-1', '2026-01-01', '1000.00', 'USD');
    body(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId: usdOrder, dueDate: '2026-02-01', amount: '1000.00' }), 201);
    body(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, dueDate: '2026-02-01', amount: '88.88' }), 201);
    const cny = body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/receivables?asOf=${AS_OF}`), 200);
    expect([cny.total, cny.otherCurrencies]).toEqual([{ count: 1, amount: '88.88' }, ['USD']]);
    const usd = body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/receivables?asOf=${AS_OF}&currency=USD`), 200);
    expect([usd.currency, usd.total, usd.buckets[2]!.amount, usd.otherCurrencies]).toEqual(['USD', { count: 1, amount: '1000.00' }, '1000.00', ['CNY']]);
  });

  it('is read as the account: 404 out of scope, analysts see it', async () => {
    expect((await t.call(kam2, 'GET', `/api/v1/accounts/${accountId}/receivables`)).statusCode).toBe(404);
    expect(body<Receivables>(await t.call(analyst, 'GET', `/api/v1/accounts/${accountId}/receivables?asOf=${AS_OF}`), 200).total.amount).toBe('5339.50');
    expect((await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/receivables?asOf=2026-02-30`)).statusCode).toBe(400);
  });
});

describe('listing payments', () => {
  async function all(query: string): Promise<Payment[]> {
    const out: Payment[] = [];
    let cursor: string | null = null;
    do {
      const page: { asOf: string; items: Payment[]; nextCursor: string | null } = body(
        await t.call(kam1, 'GET', `/api/v1/payments?accountId=${accountId}&limit=4${query}${cursor ? `&cursor=${cursor}` : ''}`),
        200,
      );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
  const names = (ps: Payment[]) => ps.map((p) => AGING_CASES.find((c) => ids.get(c.name) === p.id)!.name.slice(0, 1)).join('');

  it('by due date, ascending by default, descending on request, over keyset pages', async () => {
    expect(names(await all(''))).toBe('NIHGFJKEDOMLCPBA');
    expect(names(await all('&sort=-dueDate'))).toBe('ABPCLMODEKJFGHIN');
  });

  it('status unpaid, overdue and paid, judged on asOf (default today) as the aging is', async () => {
    // J is paid on 04-05, after today: still unpaid today
    expect(names(await all('&status=unpaid'))).toBe('IHGFJEDOLCPBA');
    expect(names(await all('&status=overdue'))).toBe('IHGFJEDOLCP');
    expect(names(await all('&status=paid'))).toBe('NKM');
    // on 03-01, K (paid 03-31) was still open and overdue; M (due 03-10) was not due yet
    expect(names(await all('&status=overdue&asOf=2026-03-01'))).toBe('IHGFJKE');
    expect(names(await all('&status=paid&asOf=2026-03-01'))).toBe('N');
  });

  it('due-date range, inclusive', async () => {
    expect(names(await all('&dueFrom=2026-02-15&dueTo=2026-03-01'))).toBe('JKEDO');
  });

  it('each payment says its status and lateness as of asOf', async () => {
    const byName = new Map((await all('')).map((p) => [AGING_CASES.find((c) => ids.get(c.name) === p.id)!.name.slice(0, 1), p]));
    expect(['A', 'B', 'C', 'I', 'J', 'K', 'M'].map((n) => [n, byName.get(n)!.status, byName.get(n)!.daysLate])).toEqual([
      ['A', 'notDue', 0],
      ['B', 'notDue', 0],
      ['C', 'overdue', 1],
      ['I', 'overdue', 91],
      ['J', 'overdue', 44], // paid only after today
      ['K', 'paid', 44],
      ['M', 'paid', 0],
    ]);
    expect(byName.get('L')!.amount).toBe('-120.50');
    expect(byName.get('O')!.orderNumber).toMatch(/^AG-/);
  });

  it('shows nothing of accounts out of scope', async () => {
    const r = body<{ items: Payment[] }>(await t.call(kam2, 'GET', `/api/v1/payments?accountId=${accountId}`), 200);
    expect(r.items).toEqual([]);
  });
});

describe('writing payments', () => {
  let acc: number;
  let orderId: number;
  beforeAll(async () => {
    acc = await newAccount('中国石油化工股份有限公司');
    orderId = await newOrder(acc, 'PW-1', '2026-01-05', '3000.00');
  });

  it('marking paid: version checked, audited, on the timeline, and out of the receivables', async () => {
    const p = body<Payment>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId, invoiceRef: 'FP-0001', dueDate: '2026-02-04', amount: '3000.00' }), 201);
    expect([p.status, p.daysLate, p.currency, p.orderNumber]).toEqual(['overdue', 55, 'CNY', 'PW-1']);
    expect(body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/receivables?asOf=${AS_OF}`), 200).overdue).toEqual({ count: 1, amount: '3000.00' });
    const paid = body<Payment>(await t.call(kam1, 'PATCH', `/api/v1/payments/${p.id}`, { version: 1, paidDate: '2026-03-20' }), 200);
    expect([paid.status, paid.daysLate, paid.paidDate, paid.version]).toEqual(['paid', 44, '2026-03-20', 2]);
    expect((await t.call(kam1, 'PATCH', `/api/v1/payments/${p.id}`, { version: 1, paidDate: '2026-03-21' })).json().error.code).toBe('STALE_VERSION');
    const r = body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/receivables?asOf=${AS_OF}`), 200);
    expect([r.total, r.paidLate]).toEqual([{ count: 0, amount: '0.00' }, { count: 1, amount: '3000.00', maxDaysLate: 44 }]);
    // as of a date before the payment it was still overdue
    expect(body<Receivables>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/receivables?asOf=2026-03-19`), 200).overdue.amount).toBe('3000.00');
    const tl = body<{ items: { kind: string; summary: string; data: Record<string, unknown> }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/timeline`), 200);
    expect(tl.items.slice(0, 2).map((e) => e.kind)).toEqual(['payment.updated', 'payment.created']);
    expect(tl.items[0]).toMatchObject({ summary: 'FP-0001 CNY 3000.00 paid 2026-03-20', data: { markedPaid: true, fields: ['paidDate'] } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'payment').where('entity_id', '=', String(p.id)).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.before, a.after && (a.after as { paid_date?: unknown }).paid_date])).toEqual([
      ['create', null, null],
      ['update', { paid_date: null }, '2026-03-20'],
    ]);
  });

  it('a payment reference is an external key: a duplicate is 409 DUPLICATE naming paymentRef', async () => {
    body(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, dueDate: '2026-04-01', amount: '1.00', paymentRef: 'BANK-778899' }), 201);
    const dup = body<{ error: { code: string; details: { field: string } } }>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, dueDate: '2026-04-02', amount: '2.00', paymentRef: 'BANK-778899' }), 409);
    expect(dup.error).toMatchObject({ code: 'DUPLICATE', details: { field: 'paymentRef' } });
  });

  it('the order must be of the same account, and the currency the order’s', async () => {
    const other = await newAccount('中国建筑股份有限公司');
    const otherOrder = await newOrder(other, 'PW-X', '2026-01-05', '10.00');
    const wrong = body<{ error: { details: { fields: { field: string }[] } } }>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId: otherOrder, dueDate: '2026-04-01', amount: '1.00' }), 400);
    expect(wrong.error.details.fields.map((f) => f.field)).toEqual(['orderId']);
    const cur = body<{ error: { details: { fields: { field: string }[] } } }>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId, currency: 'USD', dueDate: '2026-04-01', amount: '1.00' }), 400);
    expect(cur.error.details.fields.map((f) => f.field)).toEqual(['currency']);
  });

  it('a refund is a negative payment', async () => {
    const p = body<Payment>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, dueDate: '2026-05-01', amount: '-45.10' }), 201);
    expect([p.amount, p.status]).toEqual(['-45.10', 'notDue']);
  });

  it('delete goes to the bin; a payment whose order was deleted since cannot be restored before the order', async () => {
    const o = await newOrder(acc, 'PW-2', '2026-01-05', '20.00');
    const p1 = body<Payment>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId: o, dueDate: '2026-04-01', amount: '10.00' }), 201);
    body<Payment>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId: o, dueDate: '2026-05-01', amount: '10.00' }), 201);
    expect((await t.call(kam1, 'DELETE', `/api/v1/payments/${p1.id}?version=1`)).statusCode).toBe(204);
    const tl = body<{ items: { kind: string }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/timeline`), 200);
    expect(tl.items[0]!.kind).toBe('payment.deleted');
    expect((await t.call(kam1, 'DELETE', `/api/v1/orders/${o}?version=1`)).statusCode).toBe(204);
    const bin = await t.db.selectFrom('recycle_bin').select(['id', 'entity', 'entity_id']).where('account_id', '=', acc).orderBy('id').execute();
    const paymentEntry = bin.find((b) => b.entity === 'payment')!;
    const orderEntry = bin.find((b) => b.entity === 'order')!;
    const early = body<{ error: { code: string; message: string } }>(await t.call(director, 'POST', `/api/v1/recycle-bin/${paymentEntry.id}/restore`), 409);
    expect(early.error.message).toContain('restore the order first');
    body(await t.call(director, 'POST', `/api/v1/recycle-bin/${orderEntry.id}/restore`), 200);
    body(await t.call(director, 'POST', `/api/v1/recycle-bin/${paymentEntry.id}/restore`), 200);
    const back = body<{ payments: { id: number }[] }>(await t.call(kam1, 'GET', `/api/v1/orders/${o}`), 200);
    expect(back.payments).toHaveLength(2);
    expect(body<{ items: { kind: string }[] }>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}/timeline`), 200).items[0]!.kind).toBe('payment.restored');
  });

  it('kam2 cannot write payments of an account out of scope (as if it did not exist)', async () => {
    const res = await t.call(kam2, 'POST', '/api/v1/payments', { accountId: acc, dueDate: '2026-04-01', amount: '1.00' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('accountId');
  });
});
