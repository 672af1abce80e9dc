// The demo generator: deterministic, valid codes, unique names, the promised shape of the data.
import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from '../accounts/rules/credit-code.js';
import { looseNameKey, strictNameKey } from '../accounts/rules/names.js';
import { generateDemoUnits, type AccountSeedRow, type DemoStaff, type DemoUnit, type GenerateOptions } from './generate.js';
import { creditCode, orgCodeCheckChar, scatteredBody } from './names.js';
import { createRandom, mulberry32 } from './random.js';
import { CATALOGUE } from './orders.js';
import { lineAmount, orderTotals, sumMoney } from '../orders/rules/money.js';

const STAFF: DemoStaff = {
  adminId: 1,
  sponsorId: 5,
  serviceId: 6,
  teams: [
    { regions: ['华东', '华北', '东北'], kamIds: [3, 8] },
    { regions: ['华南', '华中', '西南', '西北'], kamIds: [4] },
  ],
};
const NOW = new Date('2026-11-23T00:00:00Z');

function generate(over: Partial<GenerateOptions> = {}) {
  const units: DemoUnit[] = [...generateDemoUnits({ seed: 42, count: 3_000, startId: 1, now: NOW, staff: STAFF, ...over })];
  const all = <K extends keyof DemoUnit>(k: K) => units.flatMap((u) => u[k] as unknown[]) as DemoUnit[K];
  return {
    units,
    accounts: all('accounts'),
    contacts: all('contacts'),
    needs: all('needs'),
    members: all('members'),
    timeline: all('timeline'),
    orders: all('orders'),
    lines: all('lines'),
    payments: all('payments'),
  };
}

const big = generate();

describe('random', () => {
  it('the same seed gives the same sequence, another seed another one', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const seqA = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(seqA);
    expect(Array.from({ length: 100 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('int, sample and weighted stay in range', () => {
    const r = createRandom(9);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(2, 6);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(6);
    }
    const s = r.sample([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(3);
    expect(r.weighted([['only', 1]] as const)).toBe('only');
  });
});

describe('determinism', () => {
  it('the same seed gives the same first 500 accounts, contacts included', () => {
    const again = generate();
    expect(again.accounts.slice(0, 500).map((a) => a.name)).toEqual(big.accounts.slice(0, 500).map((a) => a.name));
    expect(again.accounts.slice(0, 500)).toEqual(big.accounts.slice(0, 500));
    expect(again.contacts.slice(0, 500)).toEqual(big.contacts.slice(0, 500));
  });

  it('another seed gives other names', () => {
    const other = generate({ seed: 43, count: 200 });
    const same = other.accounts.filter((a, i) => a.name === big.accounts[i]!.name).length;
    expect(same).toBeLessThan(5);
  });
});

describe('accounts', () => {
  it('makes exactly the requested number, with consecutive ids from startId', () => {
    for (const count of [1, 2, 3, 7, 250]) {
      const g = generate({ count, startId: 100 });
      expect(g.accounts.map((a) => a.id)).toEqual(Array.from({ length: count }, (_, i) => 100 + i));
    }
  });

  it('names are unique by the strict and the loose key, and the keys match the rules', () => {
    expect(new Set(big.accounts.map((a) => a.name_key)).size).toBe(big.accounts.length);
    expect(new Set(big.accounts.map((a) => a.name_loose)).size).toBe(big.accounts.length);
    for (const a of big.accounts) {
      expect(a.name_key).toBe(strictNameKey(a.name));
      expect(a.name_loose).toBe(looseNameKey(a.name));
    }
  });

  it('avoids names, credit codes and external codes already taken (appending)', () => {
    const taken = {
      nameLoose: new Set(big.accounts.map((a) => a.name_loose)),
      creditCodes: new Set(big.accounts.flatMap((a) => (a.credit_code ? [a.credit_code] : []))),
      externalCodes: new Set(big.accounts.map((a) => a.external_code)),
    };
    const again = generate({ taken });
    for (const a of again.accounts) {
      expect(big.accounts.some((b) => b.name_loose === a.name_loose)).toBe(false);
    }
    expect(again.accounts.every((a) => !big.accounts.some((b) => b.external_code === a.external_code))).toBe(true);
    expect(taken.nameLoose.size).toBe(big.accounts.length * 2);
  });

  it('survives running out of public-body names at scale', () => {
    const g = generate({ count: 20_000, withoutOrders: true });
    expect(new Set(g.accounts.map((a) => a.name_loose)).size).toBe(20_000);
    expect(g.accounts.filter((a) => a.industry === '政府' && a.name.endsWith('分公司'))).toEqual([]);
  });

  it('credit codes are valid, unique, and typed by kind of organisation', () => {
    const codes = big.accounts.flatMap((a) => (a.credit_code ? [a.credit_code] : []));
    expect(codes.length).toBeGreaterThan(big.accounts.length * 0.8);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(creditCodeProblem(code), code).toBeNull();
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
    }
    for (const a of big.accounts.filter((x) => x.credit_code && x.name.endsWith('局'))) expect(a.credit_code!.slice(0, 2)).toBe('11');
  });

  it('creditCode() is valid for any body, and scattered bodies do not repeat', () => {
    for (let i = 0; i < 2_000; i++) {
      expect(creditCodeProblem(creditCode('company', '440300', i * 50_021))).toBeNull();
    }
    const bodies = new Set(Array.from({ length: 10_000 }, (_, i) => scatteredBody(i, 7)));
    expect(bodies.size).toBe(10_000);
  });

  it('revenue is a decimal string with two places, employees positive', () => {
    for (const a of big.accounts) {
      if (a.annual_revenue !== null) expect(a.annual_revenue).toMatch(/^\d+\.\d{2}$/);
      expect(a.employees).toBeGreaterThan(0);
    }
  });

  it('mixes lifecycle states; lost accounts have a reason', () => {
    const by = (s: string) => big.accounts.filter((a) => a.lifecycle_status === s).length;
    for (const s of ['prospect', 'active', 'dormant', 'lost']) expect(by(s)).toBeGreaterThan(big.accounts.length * 0.05);
    for (const a of big.accounts) expect(a.lifecycle_status === 'lost').toBe(a.lifecycle_reason !== null);
  });

  it('uses every classification, and every region of the country', () => {
    for (const c of ['economic', 'important', 'group', 'strategic'] as const) {
      expect(big.accounts.filter((a) => a.classifications.includes(c)).length).toBeGreaterThan(30);
    }
    expect(new Set(big.accounts.map((a) => a.region)).size).toBe(7);
    expect(new Set(big.accounts.map((a) => a.industry)).size).toBeGreaterThanOrEqual(10);
  });
});

describe('groups', () => {
  const parents = new Map<number, AccountSeedRow>();
  for (const a of big.accounts) if (a.parent_id !== null) parents.set(a.parent_id, big.accounts.find((p) => p.id === a.parent_id)!);

  it('about 5% of accounts are group parents with 2–6 subsidiaries, written after them', () => {
    const share = parents.size / big.accounts.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.08);
    for (const [id, parent] of parents) {
      const subs = big.accounts.filter((a) => a.parent_id === id);
      expect(subs.length).toBeGreaterThanOrEqual(2);
      expect(subs.length).toBeLessThanOrEqual(6);
      expect(parent.name).toMatch(/集团有限公司$/);
      expect(parent.parent_id).toBeNull();
      for (const s of subs) {
        expect(s.id).toBeGreaterThan(id);
        expect(s.classifications).toContain('group');
      }
    }
  });

  it('a group and its subsidiaries come in one unit', () => {
    for (const u of big.units) {
      const ids = new Set(u.accounts.map((a) => a.id));
      for (const a of u.accounts) if (a.parent_id !== null) expect(ids.has(a.parent_id)).toBe(true);
    }
  });
});

describe('people and relations', () => {
  it('2–5 contacts per account, the first an executive, with phone, e-mail and valid birthdays', () => {
    const per = new Map<number, number>();
    for (const c of big.contacts) per.set(c.account_id, (per.get(c.account_id) ?? 0) + 1);
    expect(per.size).toBe(big.accounts.length);
    for (const n of per.values()) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
    }
    const firsts = new Set<number>();
    for (const c of big.contacts) {
      if (!firsts.has(c.account_id)) {
        firsts.add(c.account_id);
        expect(c.level).toBe('executive');
      }
      expect(c.name).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(c.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(c.email).toMatch(/^[a-z]+\.[a-z]+@[a-z0-9.-]+\.example\.com$/);
      if (c.birthday) expect(new Date(`${c.birthday}T00:00:00Z`).toISOString().slice(0, 10)).toBe(c.birthday);
    }
  });

  it('owners are account managers of the team covering the region; some prospects have none', () => {
    for (const a of big.accounts) {
      if (a.owner_id === null) {
        expect(a.lifecycle_status).toBe('prospect');
        continue;
      }
      if (a.parent_id === null) {
        const team = STAFF.teams.find((t) => t.regions.includes(a.region))!;
        expect(team.kamIds).toContain(a.owner_id);
      }
      expect(a.created_by).toBe(a.owner_id);
    }
    const owners = new Set(big.accounts.map((a) => a.owner_id));
    expect(owners).toEqual(new Set([3, 8, 4, null]));
  });

  it('the sponsor sponsors a small program of active key accounts', () => {
    const sponsored = big.accounts.filter((a) => a.sponsor_id !== null);
    expect(sponsored.length).toBeGreaterThan(5);
    expect(sponsored.length).toBeLessThan(big.accounts.length * 0.05);
    for (const a of sponsored) {
      expect(a.sponsor_id).toBe(5);
      expect(a.lifecycle_status).toBe('active');
    }
  });

  it('needs are explicit or implicit, implicit ones never "met"; every account has its created event', () => {
    expect(big.needs.some((n) => n.kind === 'implicit')).toBe(true);
    expect(big.needs.filter((n) => n.kind === 'implicit' && n.status === 'met')).toEqual([]);
    expect(big.timeline.map((e) => e.account_id)).toEqual(big.accounts.map((a) => a.id));
    expect(big.timeline.every((e, i) => e.kind === 'account.created' && e.summary === big.accounts[i]!.name)).toBe(true);
  });

  it('account team members are never the owner and never twice on one account', () => {
    const seen = new Set<string>();
    for (const m of big.members) {
      const a = big.accounts.find((x) => x.id === m.account_id)!;
      expect(m.user_id).not.toBe(a.owner_id);
      const key = `${m.account_id}/${m.user_id}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});

describe('orders and payments', () => {
  const REF = '2026-11-23';
  const accountOf = new Map(big.accounts.map((a) => [a.id, a]));
  const linesOf = new Map<number, typeof big.lines>();
  for (const l of big.lines) linesOf.set(l.order_id, [...(linesOf.get(l.order_id) ?? []), l]);
  const paymentsOf = new Map<number, typeof big.payments>();
  for (const p of big.payments) paymentsOf.set(p.order_id, [...(paymentsOf.get(p.order_id) ?? []), p]);

  it('about 10 orders per account: none for prospects, consecutive ids, unique numbers', () => {
    const per = big.orders.length / big.accounts.length;
    expect(per).toBeGreaterThan(8.5);
    expect(per).toBeLessThan(11.5);
    for (const o of big.orders) expect(accountOf.get(o.account_id)!.lifecycle_status).not.toBe('prospect');
    expect(big.orders.map((o) => o.id)).toEqual(big.orders.map((_, i) => i + 1));
    expect(new Set(big.orders.map((o) => o.order_number)).size).toBe(big.orders.length);
  });

  it('order dates fall in the 36 months before the reference date, after the account was created; dormant accounts stopped a year ago', () => {
    for (const o of big.orders) {
      expect(o.order_date < REF).toBe(true);
      expect(o.order_date >= '2023-11-23').toBe(true);
      const a = accountOf.get(o.account_id)!;
      expect(o.order_date > a.created_at.toISOString().slice(0, 10)).toBe(true);
      if (a.lifecycle_status === 'dormant') expect(o.order_date <= '2025-11-22').toBe(true);
    }
  });

  it('1–4 lines from the catalogue for the industry; amounts by the per-line rule; order totals exact; cost 55–85 %', () => {
    // Problems are collected and compared once: ~30,000 lines through expect() one by one is slow.
    const names = new Set(Object.values(CATALOGUE).map((p) => p.name));
    const problems: string[] = [];
    for (const o of big.orders) {
      const lines = linesOf.get(o.id)!;
      if (lines.length < 1 || lines.length > 4) problems.push(`${o.order_number}: ${lines.length} lines`);
      if (lines.some((l, i) => l.line_no !== i + 1)) problems.push(`${o.order_number}: line numbers`);
      for (const l of lines) {
        if (!names.has(l.product)) problems.push(`${o.order_number}: product ${l.product}`);
        const amount = lineAmount({ quantity: l.quantity, unitPrice: l.unit_price, discount: l.discount });
        if (l.amount !== amount) problems.push(`${o.order_number}/${l.line_no}: amount ${l.amount} != ${amount}`);
        const ratio = Number(l.cost) / Number(l.amount);
        if (!(ratio >= 0.549 && ratio <= 0.851)) problems.push(`${o.order_number}/${l.line_no}: cost ratio ${ratio}`);
      }
      const totals = orderTotals(lines);
      if (o.amount !== totals.amount || o.cost !== totals.cost) problems.push(`${o.order_number}: totals`);
    }
    expect(problems).toEqual([]);
    expect(big.orders.length).toBeGreaterThan(10_000);
  });

  it('about 3 % are credit notes: negative, one line, numbered CN…', () => {
    const credits = big.orders.filter((o) => o.amount.startsWith('-'));
    expect(credits.length / big.orders.length).toBeGreaterThan(0.015);
    expect(credits.length / big.orders.length).toBeLessThan(0.045);
    for (const o of credits) {
      expect(o.order_number).toMatch(/^CN\d{8}$/);
      expect(linesOf.get(o.id)).toHaveLength(1);
    }
    expect(big.orders.filter((o) => !o.amount.startsWith('-')).every((o) => /^SO\d{8}$/.test(o.order_number))).toBe(true);
  });

  it('payments add up to each order exactly, are due after it, and are paid (if at all) between the order and the reference date', () => {
    for (const o of big.orders) {
      const ps = paymentsOf.get(o.id)!;
      expect(ps.length).toBeGreaterThanOrEqual(1);
      expect(sumMoney(ps.map((p) => p.amount))).toBe(o.amount);
      for (const p of ps) {
        expect(p.account_id).toBe(o.account_id);
        expect(p.due_date > o.order_date).toBe(true);
        if (p.paid_date !== null) {
          expect(p.paid_date >= o.order_date).toBe(true);
          expect(p.paid_date <= REF).toBe(true);
        }
      }
    }
  });

  it('most are paid on time, some late, some unpaid and overdue, some not yet due', () => {
    const n = big.payments.length;
    const share = (f: (p: (typeof big.payments)[number]) => boolean) => big.payments.filter(f).length / n;
    const onTime = share((p) => p.paid_date !== null && p.paid_date <= p.due_date);
    const late = share((p) => p.paid_date !== null && p.paid_date > p.due_date);
    const overdue = share((p) => p.paid_date === null && p.due_date < REF);
    const notDue = share((p) => p.paid_date === null && p.due_date >= REF);
    expect(onTime).toBeGreaterThan(0.65);
    expect(late).toBeGreaterThan(0.05);
    expect(late).toBeLessThan(0.25);
    expect(overdue).toBeGreaterThan(0.01);
    expect(overdue).toBeLessThan(0.08);
    expect(notDue).toBeGreaterThan(0.03);
  });

  it('adding orders leaves the accounts and contacts as they were', () => {
    const without = generate({ count: 500, withoutOrders: true });
    const withOrders = generate({ count: 500 });
    expect(without.orders).toEqual([]);
    expect(withOrders.accounts).toEqual(without.accounts);
    expect(withOrders.contacts).toEqual(without.contacts);
    expect(withOrders.orders.length).toBeGreaterThan(3_000);
  });

  it('starts order ids where told, and is deterministic', () => {
    const a = generate({ count: 50, startOrderId: 1_000 });
    const b = generate({ count: 50, startOrderId: 1_000 });
    expect(a.orders[0]!.id).toBe(1_000);
    expect(a.orders).toEqual(b.orders);
    expect(a.lines).toEqual(b.lines);
    expect(a.payments).toEqual(b.payments);
  });
});
