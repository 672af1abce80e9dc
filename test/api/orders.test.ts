// Orders through the API: line amounts and totals exact to the fen (per-line half-up rounding),
// credit notes, duplicate order numbers, list filters and keyset pages, versions, audit,
// timeline, and the recycle bin (order delete, account delete, merge).
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../support/harness.js';

let t: TestApp;
let director: Session;
let kam1: Session;
let kam2: Session;
let analyst: Session;
let service: Session;
let accountId: number;
let seq = 0;

interface Line {
  lineNo: number;
  product: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  amount: string;
  cost: string | null;
}
interface Order {
  id: number;
  orderNumber: string;
  accountId: number;
  accountName: string;
  orderDate: string;
  currency: string;
  amount: string;
  cost: string | null;
  lineCount: number;
  source: string;
  notes: string | null;
  version: number;
  lines: Line[];
  payments: { id: number; amount: string; status: string }[];
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function body<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

async function newAccount(name: string, owner: Session = kam1): Promise<number> {
  const r = body<{ account: { id: number } }>(await t.call(director, 'POST', '/api/v1/accounts', { name, ownerId: owner.userId }), 201);
  return r.account.id;
}

const createOrder = async (who: Session, payload: Record<string, unknown>) => t.call(who, 'POST', '/api/v1/orders', { accountId, orderNumber: `SO-${++seq}`, orderDate: '2026-01-10', ...payload });

beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  kam1 = await t.login('kam1');
  kam2 = await t.login('kam2');
  analyst = await t.login('analyst');
  service = await t.login('service');
  accountId = await newAccount('上海振华重工（集团）股份有限公司');
});
afterAll(async () => {
  await t?.close();
});

describe('creating an order', () => {
  it('Northwind 10248: 14 × 12 = 168.00, 9.8 × 10 = 98.00, 34.8 × 5 = 174.00 → 440.00', async () => {
    const o = body<Order>(
      await createOrder(kam1, {
        orderNumber: '10248',
        orderDate: '1996-07-04',
        lines: [
          { product: 'Queso Cabrales', quantity: '12', unitPrice: '14', discount: '0', cost: '100.80' },
          { product: "Singaporean Hokkien Fried Mee", quantity: 10, unitPrice: 9.8, cost: '60.00' },
          { product: 'Mozzarella di Giovanni', quantity: '5', unitPrice: '34.80', cost: '120.00' },
        ],
      }),
      201,
    );
    expect(o).toMatchObject({ orderNumber: '10248', accountId, orderDate: '1996-07-04', currency: 'CNY', amount: '440.00', cost: '280.80', lineCount: 3, source: 'manual', version: 1 });
    expect(o.lines.map((l) => [l.lineNo, l.quantity, l.unitPrice, l.discount, l.amount, l.cost])).toEqual([
      [1, '12', '14', '0', '168.00', '100.80'],
      [2, '10', '9.8', '0', '98.00', '60.00'],
      [3, '5', '34.8', '0', '174.00', '120.00'],
    ]);
    expect(o.payments).toEqual([]);
  });

  it('15 % off and per-line half-up rounding: 1,261.40 + 214.20 + 103.08 + 1.01 = 1,579.69', async () => {
    const o = body<Order>(
      await createOrder(kam1, {
        lines: [
          { product: 'Manjimup Dried Apples', quantity: '35', unitPrice: '42.4', discount: '0.15' },
          { product: 'Louisiana Fiery Hot Pepper Sauce', quantity: '15', unitPrice: '16.8', discount: 0.15 },
          { product: '工业网关 G200', quantity: '7', unitPrice: '15.5', discount: '0.05' }, // 103.075 → 103.08
          { product: '线缆', quantity: '3', unitPrice: '0.335' }, // 1.005 → 1.01
        ],
      }),
      201,
    );
    expect(o.lines.map((l) => l.amount)).toEqual(['1261.40', '214.20', '103.08', '1.01']);
    expect(o.lines.map((l) => l.discount)).toEqual(['0.15', '0.15', '0.05', '0']);
    expect(o.amount).toBe('1579.69');
    expect(o.cost).toBeNull(); // no line costs
  });

  it('a credit note (return) is negative, rounded away from zero: −3 × 0.335 = −1.01; −2 × 19.99 × 0.9 = −35.98', async () => {
    const o = body<Order>(
      await createOrder(kam1, {
        notes: '退货红字',
        lines: [
          { product: '线缆', quantity: '-3', unitPrice: '0.335', cost: '-0.70' },
          { product: '光模块', quantity: '-2', unitPrice: '19.99', discount: '0.1', cost: '-24.00' },
        ],
      }),
      201,
    );
    expect(o.lines.map((l) => l.amount)).toEqual(['-1.01', '-35.98']);
    expect([o.amount, o.cost]).toEqual(['-36.99', '-24.70']);
  });

  it('without lines, the amount is given (header-only orders, e.g. imported totals)', async () => {
    const o = body<Order>(await createOrder(kam1, { amount: '12345.67', cost: '8000.10' }), 201);
    expect([o.amount, o.cost, o.lineCount, o.lines]).toEqual(['12345.67', '8000.10', 0, []]);
    const missing = body<{ error: { code: string; details: { fields: { field: string; code: string }[] } } }>(await createOrder(kam1, {}), 400);
    expect(missing.error.details.fields).toEqual([expect.objectContaining({ field: 'amount', code: 'required' })]);
  });

  it('an amount that disagrees with the lines is refused, naming the sum', async () => {
    const res = body<{ error: { details: { fields: { field: string; code: string; reason: string }[] } } }>(
      await createOrder(kam1, { amount: '168.01', lines: [{ product: 'x', quantity: '12', unitPrice: '14' }] }),
      400,
    );
    expect(res.error.details.fields[0]).toMatchObject({ field: 'amount', code: 'mismatch' });
    expect(res.error.details.fields[0]!.reason).toContain('168.00');
    // the same amount written differently is fine
    expect((await createOrder(kam1, { amount: '168', lines: [{ product: 'x', quantity: '12', unitPrice: '14' }] })).statusCode).toBe(201);
  });

  it('refuses malformed numbers, discounts outside 0..1, bad dates and currencies', async () => {
    const bad = [
      { lines: [{ product: 'x', quantity: '1e3', unitPrice: '1' }] },
      { lines: [{ product: 'x', quantity: '1', unitPrice: '1', discount: '1.5' }] },
      { lines: [{ product: 'x', quantity: '1', unitPrice: '1', discount: '-0.1' }] },
      { lines: [{ product: 'x', quantity: '1.00001', unitPrice: '1' }] },
      { lines: [{ product: '', quantity: '1', unitPrice: '1' }] },
      { amount: '1.001' },
      { amount: '1,000.00' },
      { amount: '10', orderDate: '2026-02-30' },
      { amount: '10', currency: 'rmb' },
      { amount: '10', orderNumber: '' },
      { amount: '10', source: 'import' },
    ];
    for (const b of bad) {
      const res = await createOrder(kam1, b);
      expect([res.statusCode, res.json().error.code], JSON.stringify(b)).toEqual([400, 'VALIDATION']);
    }
  });

  it('refuses amounts beyond numeric(20,2) before the database does', async () => {
    const res = await createOrder(kam1, { lines: [{ product: 'x', quantity: '99999999999999', unitPrice: '9999999999999999' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ field: 'lines.0.amount', code: 'too_large' });
  });

  it('a duplicate order number is 409 DUPLICATE naming orderNumber (and the order only to those who see it)', async () => {
    const first = body<Order>(await createOrder(kam1, { orderNumber: 'PO-2026-0001', amount: '1.00' }), 201);
    const again = body<{ error: { code: string; details: { field: string; existing?: { id: number } } } }>(await createOrder(kam1, { orderNumber: 'PO-2026-0001', amount: '2.00' }), 409);
    expect(again.error.code).toBe('DUPLICATE');
    expect(again.error.details).toEqual({ field: 'orderNumber', existing: { id: first.id, accountId } });
    // kam2 cannot see kam1's account: told only that the number is taken
    const other = await newAccount('广州地铁集团有限公司', kam2);
    const hidden = body<{ error: { code: string; message: string; details: unknown } }>(
      await t.call(kam2, 'POST', '/api/v1/orders', { accountId: other, orderNumber: 'PO-2026-0001', orderDate: '2026-01-01', amount: '3.00' }),
      409,
    );
    expect(hidden.error.code).toBe('DUPLICATE');
    expect(hidden.error.details).toEqual({ field: 'orderNumber' });
    expect(hidden.error.message).not.toContain('振华');
  });

  it('writes an audit row and an order.created timeline event', async () => {
    const o = body<Order>(await createOrder(kam1, { orderNumber: 'TL-1', amount: '99.50' }), 201);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'order').where('entity_id', '=', String(o.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]!.actor_name).toBe('kam1');
    const tl = body<Page<{ kind: string; summary: string; entityId: string; data: Record<string, unknown> }>>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/timeline`), 200);
    expect(tl.items[0]).toMatchObject({ kind: 'order.created', summary: 'TL-1 CNY 99.50', entityId: String(o.id), data: { orderNumber: 'TL-1', amount: '99.50', currency: 'CNY', lines: 0 } });
  });

  it('analysts and service agents read orders with amounts but cannot write them', async () => {
    const o = body<Order>(await createOrder(kam1, { amount: '500.00' }), 201);
    for (const who of [analyst, service]) {
      expect(body<Order>(await t.call(who, 'GET', `/api/v1/orders/${o.id}`), 200).amount).toBe('500.00');
      expect((await createOrder(who, { amount: '1.00' })).statusCode).toBe(403);
      expect((await t.call(who, 'PATCH', `/api/v1/orders/${o.id}`, { version: 1, notes: 'x' })).statusCode).toBe(403);
    }
  });
});

describe('changing an order', () => {
  it('replacing the lines recomputes amount and cost; the version guards against lost updates', async () => {
    const o = body<Order>(await createOrder(kam1, { lines: [{ product: 'A', quantity: '1', unitPrice: '10', cost: '6' }] }), 201);
    const changed = body<Order>(
      await t.call(kam1, 'PATCH', `/api/v1/orders/${o.id}`, {
        version: 1,
        orderDate: '2026-02-01',
        lines: [
          { product: 'A', quantity: '2', unitPrice: '10', cost: '12' },
          { product: 'B', quantity: '-1', unitPrice: '4.445', cost: '-3' }, // −4.445 → −4.45
        ],
      }),
      200,
    );
    expect([changed.amount, changed.cost, changed.version, changed.orderDate, changed.lineCount]).toEqual(['15.55', '9.00', 2, '2026-02-01', 2]);
    expect(changed.lines.map((l) => [l.lineNo, l.product, l.amount])).toEqual([
      [1, 'A', '20.00'],
      [2, 'B', '-4.45'],
    ]);
    const stale = body<{ error: { code: string; details: { currentVersion: number } } }>(await t.call(kam1, 'PATCH', `/api/v1/orders/${o.id}`, { version: 1, notes: 'late' }), 409);
    expect(stale.error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity', '=', 'order').where('entity_id', '=', String(o.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.after).toMatchObject({ amount: '15.55', order_date: '2026-02-01' });
    expect((audit[1]!.before as { lines: unknown[] }).lines).toHaveLength(1);
    const tl = body<Page<{ kind: string; data: { fields: string[] } }>>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/timeline`), 200);
    expect(tl.items[0]).toMatchObject({ kind: 'order.updated', data: { fields: expect.arrayContaining(['orderDate', 'amount', 'cost', 'lines']) } });
  });

  it('the amount of an order with lines follows the lines; a header-only order takes a new amount', async () => {
    const lined = body<Order>(await createOrder(kam1, { lines: [{ product: 'A', quantity: '1', unitPrice: '10' }] }), 201);
    const refused = body<{ error: { details: { fields: { field: string; code: string }[] } } }>(await t.call(kam1, 'PATCH', `/api/v1/orders/${lined.id}`, { version: 1, amount: '11.00' }), 400);
    expect(refused.error.details.fields[0]).toMatchObject({ field: 'amount', code: 'mismatch' });
    const header = body<Order>(await createOrder(kam1, { amount: '10.00' }), 201);
    expect(body<Order>(await t.call(kam1, 'PATCH', `/api/v1/orders/${header.id}`, { version: 1, amount: '-10.00' }), 200).amount).toBe('-10.00');
  });

  it('renaming to a taken order number is 409 DUPLICATE', async () => {
    const a = body<Order>(await createOrder(kam1, { orderNumber: 'REN-A', amount: '1' }), 201);
    body<Order>(await createOrder(kam1, { orderNumber: 'REN-B', amount: '1' }), 201);
    const res = body<{ error: { code: string; details: { field: string } } }>(await t.call(kam1, 'PATCH', `/api/v1/orders/${a.id}`, { version: 1, orderNumber: 'REN-B' }), 409);
    expect(res.error).toMatchObject({ code: 'DUPLICATE', details: { field: 'orderNumber' } });
  });
});

describe('listing orders', () => {
  let listAccount: number;
  const amounts = ['100.00', '-20.50', '3000.00', '0.01', '999.99', '250.00', '250.00', '42.42'];
  beforeAll(async () => {
    listAccount = await newAccount('中国东方航空股份有限公司');
    for (const [i, amount] of amounts.entries()) {
      body(await t.call(kam1, 'POST', '/api/v1/orders', { accountId: listAccount, orderNumber: `DE-${2025 + (i % 2)}-${String(i).padStart(4, '0')}`, orderDate: `2025-0${1 + i}-15`, amount }), 201);
    }
  });

  async function all(url: string, limit = 3): Promise<{ orderNumber: string; amount: string; orderDate: string }[]> {
    const out: { orderNumber: string; amount: string; orderDate: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<{ orderNumber: string; amount: string; orderDate: string }> = body(await t.call(kam1, 'GET', `${url}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`), 200);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  it('newest first by default, across keyset pages, with an exact sum', async () => {
    const items = await all(`/api/v1/orders?accountId=${listAccount}`);
    expect(items.map((o) => o.orderDate)).toEqual(['2025-08-15', '2025-07-15', '2025-06-15', '2025-05-15', '2025-04-15', '2025-03-15', '2025-02-15', '2025-01-15']);
    const fen = items.reduce((s, o) => s + BigInt(o.amount.replace('.', '')), 0n);
    expect(fen).toBe(462192n); // 4,621.92
    const db = await sql<{ s: string }>`select sum(amount)::text as s from orders where account_id = ${listAccount}`.execute(t.db);
    expect(db.rows[0]!.s).toBe('4621.92');
  });

  it('by amount both ways, ties broken by id, negative amounts included', async () => {
    const asc = await all(`/api/v1/orders?accountId=${listAccount}&sort=amount`);
    expect(asc.map((o) => o.amount)).toEqual(['-20.50', '0.01', '42.42', '100.00', '250.00', '250.00', '999.99', '3000.00']);
    const desc = await all(`/api/v1/orders?accountId=${listAccount}&sort=-amount`, 2);
    expect(desc.map((o) => o.amount)).toEqual(['3000.00', '999.99', '250.00', '250.00', '100.00', '42.42', '0.01', '-20.50']);
    expect(desc[2]!.orderNumber).toBe('DE-2025-0006'); // same amount: the later id first
    expect(asc[4]!.orderNumber).toBe('DE-2026-0005');
  });

  it('filters by order date (inclusive) and by an order-number prefix, case as typed or upper', async () => {
    const range = await all(`/api/v1/orders?accountId=${listAccount}&from=2025-03-15&to=2025-05-15`);
    expect(range.map((o) => o.orderDate)).toEqual(['2025-05-15', '2025-04-15', '2025-03-15']);
    const q = await all(`/api/v1/orders?q=de-2026`);
    expect(q.map((o) => o.orderNumber).sort()).toEqual(['DE-2026-0001', 'DE-2026-0003', 'DE-2026-0005', 'DE-2026-0007']);
    expect(await all('/api/v1/orders?q=%25')).toEqual([]); // a literal %, not a wildcard
  });

  it('shows an account manager only the orders of accounts in scope', async () => {
    const seen = body<Page<{ accountId: number }>>(await t.call(kam2, 'GET', `/api/v1/orders?accountId=${listAccount}`), 200);
    expect(seen.items).toEqual([]);
    expect((await t.call(kam2, 'GET', '/api/v1/orders?limit=500')).json().items.every((o: { accountId: number }) => o.accountId !== listAccount)).toBe(true);
  });

  it('refuses a forged cursor and unknown sorts', async () => {
    const forged = Buffer.from(JSON.stringify(['not-a-date', 1])).toString('base64url');
    expect((await t.call(kam1, 'GET', `/api/v1/orders?cursor=${forged}`)).statusCode).toBe(400);
    expect((await t.call(kam1, 'GET', '/api/v1/orders?sort=cost')).statusCode).toBe(400);
  });
});

describe('deleting and restoring', () => {
  it('an order goes to the recycle bin with its lines and payments, and comes back with the same ids', async () => {
    const o = body<Order>(await createOrder(kam1, { orderNumber: 'BIN-1', lines: [{ product: 'A', quantity: '3', unitPrice: '3.33' }] }), 201);
    const p = body<{ id: number }>(await t.call(kam1, 'POST', '/api/v1/payments', { accountId, orderId: o.id, dueDate: '2026-02-10', amount: '9.99', paymentRef: 'BIN-P1' }), 201);
    expect((await t.call(kam1, 'DELETE', `/api/v1/orders/${o.id}?version=2`)).statusCode).toBe(409);
    expect((await t.call(kam1, 'DELETE', `/api/v1/orders/${o.id}?version=1`)).statusCode).toBe(204);
    expect((await t.call(kam1, 'GET', `/api/v1/orders/${o.id}`)).statusCode).toBe(404);
    expect((await t.call(kam1, 'GET', `/api/v1/payments/${p.id}`)).statusCode).toBe(404);
    const bin = body<Page<{ id: number; entity: string; label: string; accountId: number }>>(await t.call(director, 'GET', '/api/v1/recycle-bin?entity=order'), 200);
    expect(bin.items[0]).toMatchObject({ entity: 'order', label: 'BIN-1', accountId });
    body(await t.call(director, 'POST', `/api/v1/recycle-bin/${bin.items[0]!.id}/restore`), 200);
    const back = body<Order>(await t.call(kam1, 'GET', `/api/v1/orders/${o.id}`), 200);
    expect([back.amount, back.lines, back.payments.map((x) => [x.id, x.amount])]).toEqual(['9.99', o.lines, [[p.id, '9.99']]]);
    const kinds = body<Page<{ kind: string; entityId: string }>>(await t.call(kam1, 'GET', `/api/v1/accounts/${accountId}/timeline?limit=10`), 200).items.filter((e) => e.entityId === String(o.id)).map((e) => e.kind);
    expect(kinds).toEqual(['order.restored', 'order.deleted', 'order.created']);
  });

  it('a restore whose order number was taken again in the meantime is 409 CONFLICT, and changes nothing', async () => {
    const o = body<Order>(await createOrder(kam1, { orderNumber: 'BIN-2', amount: '1.00' }), 201);
    expect((await t.call(kam1, 'DELETE', `/api/v1/orders/${o.id}?version=1`)).statusCode).toBe(204);
    body<Order>(await createOrder(kam1, { orderNumber: 'BIN-2', amount: '2.00' }), 201);
    const entry = await t.db.selectFrom('recycle_bin').select('id').where('entity', '=', 'order').where('entity_id', '=', String(o.id)).executeTakeFirstOrThrow();
    const res = body<{ error: { code: string; message: string } }>(await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`), 409);
    expect(res.error.code).toBe('CONFLICT');
    expect(res.error.message).toContain('BIN-2');
  });

  it('deleting an account takes its orders, lines and payments to the bin; restoring brings them all back', async () => {
    const acc = await newAccount('浙江吉利控股集团有限公司');
    const o = body<Order>(await t.call(kam1, 'POST', '/api/v1/orders', { accountId: acc, orderNumber: 'ACC-DEL-1', orderDate: '2026-01-01', lines: [{ product: 'A', quantity: '2', unitPrice: '50' }] }), 201);
    body(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, orderId: o.id, dueDate: '2026-02-01', amount: '100.00' }), 201);
    body(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: acc, dueDate: '2026-03-01', amount: '7.00' }), 201);
    const version = body<{ version: number }>(await t.call(kam1, 'GET', `/api/v1/accounts/${acc}`), 200).version;
    expect((await t.call(director, 'DELETE', `/api/v1/accounts/${acc}?version=${version}`)).statusCode).toBe(204);
    const count = async () => sql<{ o: number; l: number; p: number }>`
      select (select count(*)::int from orders where account_id = ${acc}) as o,
             (select count(*)::int from order_lines where order_id = ${o.id}) as l,
             (select count(*)::int from payments where account_id = ${acc}) as p`.execute(t.db);
    expect((await count()).rows[0]).toEqual({ o: 0, l: 0, p: 0 });
    const entry = await t.db.selectFrom('recycle_bin').select('id').where('entity', '=', 'account').where('entity_id', '=', String(acc)).executeTakeFirstOrThrow();
    body(await t.call(director, 'POST', `/api/v1/recycle-bin/${entry.id}/restore`), 200);
    expect((await count()).rows[0]).toEqual({ o: 1, l: 1, p: 2 });
    expect(body<Order>(await t.call(kam1, 'GET', `/api/v1/orders/${o.id}`), 200).payments).toHaveLength(1);
  });

  it('merging accounts moves the orders and payments to the target', async () => {
    const target = await newAccount('比亚迪股份有限公司');
    const source = await newAccount('比亚迪股份有限公司（重复）');
    const o = body<Order>(await t.call(kam1, 'POST', '/api/v1/orders', { accountId: source, orderNumber: 'MERGE-1', orderDate: '2026-01-01', amount: '10.00' }), 201);
    body(await t.call(kam1, 'POST', '/api/v1/payments', { accountId: source, orderId: o.id, dueDate: '2026-02-01', amount: '10.00' }), 201);
    body(await t.call(director, 'POST', `/api/v1/accounts/${target}/merge`, { sourceId: source }), 200);
    expect(body<Order>(await t.call(kam1, 'GET', `/api/v1/orders/${o.id}`), 200).accountId).toBe(target);
    const p = body<Page<{ accountId: number }>>(await t.call(kam1, 'GET', `/api/v1/payments?accountId=${target}`), 200);
    expect(p.items.map((x) => x.accountId)).toEqual([target]);
  });
});
