// Demo orders, order lines and payments of one account: pure and deterministic (a seeded stream
// per account, so adding orders never changes the accounts generated around them).
//
// - Active accounts order 6–20 times over the 36 months before the reference date (more for
//   economic and strategic ones), dormant ones stopped over a year ago, lost ones at some point
//   in the last two years; prospects have none. About 10 orders per account on average.
// - 1–4 lines from a small catalogue of what "we" (an ICT provider) sell to the account's
//   industry; amounts by the rule of orders/rules/money.ts (per-line half-up to 0.01); cost
//   55–85 % of the amount; ~3 % of orders are credit notes (a negative line for a return).
// - Payments: one per order (two instalments for some large ones), due after the account's
//   terms. Each account is a good, average or poor payer: most pay on time, some late, a few
//   not at all (overdue on the reference date); those due after it are not due yet.
import { add, dec, lineAmount, money, mul, sub } from '../orders/rules/money.js';
import type { Random } from './random.js';
import type { Industry } from './vocabulary.js';

// created_at / updated_at are derived in SQL from the dates (demo/repository.ts): parsing
// millions of timestamps is a good part of the cost of seeding.

export interface OrderSeedRow {
  id: number;
  account_id: number;
  order_number: string;
  order_date: string;
  currency: 'CNY';
  amount: string;
  cost: string;
  source: 'demo';
}

export interface OrderLineSeedRow {
  order_id: number;
  line_no: number;
  product: string;
  quantity: string;
  unit_price: string;
  discount: string;
  amount: string;
  cost: string;
}

export interface PaymentSeedRow {
  account_id: number;
  order_id: number;
  due_date: string;
  paid_date: string | null;
  amount: string;
  currency: 'CNY';
  invoice_ref: string;
  source: 'demo';
}

interface Product {
  name: string;
  /** Unit price range in yuan, and the step prices are rounded to. */
  price: readonly [number, number, number];
  /** Quantity range (integers). */
  qty: readonly [number, number];
}

const p = (name: string, price: readonly [number, number, number], qty: readonly [number, number]): Product => ({ name, price, qty });

/** What an ICT provider sells to businesses: connectivity, cloud, IoT, security and services. */
export const CATALOGUE = {
  line: p('企业专线 100M（年费）', [36_000, 120_000, 1_000], [1, 6]),
  sdwan: p('SD-WAN组网 站点（年费）', [8_000, 20_000, 500], [2, 30]),
  ecs: p('云服务器 8核32G（年费）', [6_000, 15_000, 100], [2, 40]),
  oss: p('对象存储 10TB（年费）', [9_000, 20_000, 100], [1, 10]),
  vcTerminal: p('视频会议终端', [12_000, 45_000, 100], [1, 10]),
  vcCloud: p('云视频会议室（年费）', [3_000, 9_000, 50], [5, 30]),
  iotCard: p('物联网卡 流量套餐（年费）', [60, 360, 0.5], [100, 3_000]),
  idc: p('数据中心托管 标准机柜（年费）', [48_000, 96_000, 1_000], [1, 8]),
  mlps: p('等保测评服务', [80_000, 300_000, 1_000], [1, 1]),
  firewall: p('云防火墙（年费）', [20_000, 80_000, 500], [1, 5]),
  sensor: p('工业传感器 温湿度', [180, 800, 0.5], [20, 600]),
  gateway: p('工业网关 G200', [1_200, 6_000, 10], [5, 120]),
  erp: p('ERP实施服务（人天）', [1_200, 3_500, 50], [10, 150]),
  support: p('技术支持服务（年费）', [50_000, 200_000, 1_000], [1, 1]),
  vehicle: p('北斗车载终端', [800, 2_500, 10], [10, 300]),
  optics: p('光模块 10G', [400, 3_000, 5], [10, 500]),
  camera: p('视频监控摄像机', [600, 3_000, 10], [10, 200]),
  wifi: p('无线AP 企业级', [600, 2_500, 10], [20, 300]),
} as const;
type Key = keyof typeof CATALOGUE;

const FOR_INDUSTRY: Record<Industry, readonly Key[]> = {
  制造: ['sensor', 'gateway', 'erp', 'line', 'sdwan', 'ecs', 'support'],
  软件: ['ecs', 'oss', 'idc', 'firewall', 'line', 'support'],
  零售: ['sdwan', 'iotCard', 'ecs', 'vcCloud', 'camera', 'wifi'],
  物流: ['iotCard', 'vehicle', 'sdwan', 'ecs', 'line'],
  电信: ['idc', 'line', 'optics', 'support', 'ecs'],
  能源: ['sensor', 'gateway', 'line', 'mlps', 'camera', 'support'],
  金融: ['line', 'idc', 'mlps', 'firewall', 'vcTerminal', 'support'],
  医疗: ['ecs', 'oss', 'line', 'mlps', 'vcTerminal', 'wifi'],
  建筑: ['camera', 'iotCard', 'vcCloud', 'sdwan', 'ecs'],
  教育: ['ecs', 'vcTerminal', 'wifi', 'line', 'vcCloud'],
  政府: ['line', 'mlps', 'vcTerminal', 'idc', 'ecs', 'firewall'],
  传媒: ['oss', 'ecs', 'line', 'vcCloud', 'idc'],
};

const DISCOUNTS: readonly (readonly [string, number])[] = [['0', 55], ['0.05', 15], ['0.08', 10], ['0.1', 10], ['0.12', 5], ['0.15', 5]];
const TERMS: readonly (readonly [number, number])[] = [[30, 45], [60, 35], [90, 20]];
/** Share paid on time, paid late and not paid, and how late (days) late payers pay. */
const PAYERS = {
  good: { onTime: 0.92, late: 0.07, lateDays: [1, 45] as const },
  average: { onTime: 0.7, late: 0.25, lateDays: [1, 90] as const },
  poor: { onTime: 0.45, late: 0.4, lateDays: [10, 150] as const },
};
const DAY = 86_400_000;
const HISTORY_DAYS = 3 * 365;

const dateCache = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
function isoDay(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    dateCache.set(day, s);
  }
  return s;
}

function priceText(r: Random, [min, max, step]: readonly [number, number, number]): string {
  const steps = Math.round((min + r.next() * (max - min)) / step);
  return (steps * step).toFixed(step < 1 ? 2 : 0);
}

export interface OrderAccount {
  id: number;
  industry: Industry;
  lifecycle_status: 'prospect' | 'active' | 'dormant' | 'lost';
  classifications: readonly string[];
  created_at: Date;
  employees: number;
}

export interface OrdersOut {
  orders: OrderSeedRow[];
  lines: OrderLineSeedRow[];
  payments: PaymentSeedRow[];
}

/**
 * Orders of one account before the reference day `refDay` (a day number). Order ids are taken
 * from `nextOrderId` (called once per order, in order).
 */
export function generateAccountOrders(r: Random, a: OrderAccount, refDay: number, nextOrderId: () => number, out: OrdersOut): void {
  if (a.lifecycle_status === 'prospect') return;
  const key = a.classifications.includes('economic') || a.classifications.includes('strategic');
  const firstDay = Math.max(refDay - HISTORY_DAYS, Math.floor(a.created_at.getTime() / DAY) + 1);
  // The window the account ordered in.
  let lastDay = refDay - 1;
  let count: number;
  switch (a.lifecycle_status) {
    case 'active':
      count = key ? r.int(14, 28) : r.int(8, 20);
      break;
    case 'dormant':
      lastDay = refDay - r.int(366, 540);
      count = r.int(5, 12);
      break;
    default: // lost
      lastDay = refDay - r.int(60, 720);
      count = r.int(4, 10);
  }
  if (lastDay <= firstDay) return;
  const span = lastDay - firstDay;
  count = Math.max(1, Math.min(count, Math.ceil(span / 20)));
  const products = FOR_INDUSTRY[a.industry];
  const size = Math.min(3, Math.max(0.3, Math.log10(Math.max(10, a.employees)) - 1)) / 2; // quantities grow with the company
  const terms = a.industry === '政府' ? 90 : r.weighted(TERMS);
  const payer = PAYERS[r.weighted([['good', 70], ['average', 20], ['poor', 10]] as const)];
  const days = Array.from({ length: count }, () => firstDay + Math.floor(r.next() * span)).sort((x, y) => x - y);

  for (const day of days) {
    const id = nextOrderId();
    const date = isoDay(day);
    const credit = r.chance(0.03);
    const lineCount = credit ? 1 : r.weighted([[1, 40], [2, 30], [3, 18], [4, 12]] as const);
    const picked = r.sample(products, lineCount);
    let amount = dec('0');
    let cost = dec('0');
    for (const [i, k] of picked.entries()) {
      const prod = CATALOGUE[k];
      const baseQty = r.int(prod.qty[0], prod.qty[1]);
      const qty = Math.max(1, prod.qty[1] === 1 ? 1 : Math.round(baseQty * (credit ? 0.2 : size)));
      const quantity = String(credit ? -qty : qty);
      const unitPrice = priceText(r, prod.price);
      const discount = credit ? '0' : r.weighted(DISCOUNTS);
      const lineAmt = lineAmount({ quantity, unitPrice, discount });
      const lineCost = money(mul(dec(lineAmt), dec(`0.${r.int(55, 85)}`)));
      amount = add(amount, dec(lineAmt));
      cost = add(cost, dec(lineCost));
      out.lines.push({ order_id: id, line_no: i + 1, product: prod.name, quantity, unit_price: unitPrice, discount, amount: lineAmt, cost: lineCost });
    }
    const total = money(amount);
    out.orders.push({
      id,
      account_id: a.id,
      // Numbered in id order, so the unique index grows at its end (fast to fill).
      order_number: `${credit ? 'CN' : 'SO'}${String(id).padStart(8, '0')}`,
      order_date: date,
      currency: 'CNY',
      amount: total,
      cost: money(cost),
      source: 'demo',
    });

    // Payments: a credit note is settled against the next invoice within a month; a large order
    // is invoiced in two instalments (40 % on delivery, the rest three months later).
    const parts: [string, number][] =
      !credit && amount.units >= 50_000_000n && r.chance(0.5)
        ? (() => {
            const first = money(mul(amount, dec('0.4')));
            return [[first, day + terms], [money(sub(amount, dec(first))), day + terms + 90]];
          })()
        : [[total, day + (credit ? 30 : terms)]];
    for (const [k, [partAmount, due]] of parts.entries()) {
      out.payments.push({
        account_id: a.id,
        order_id: id,
        due_date: isoDay(due),
        paid_date: paidDay(r, payer, day, due, refDay, credit),
        amount: partAmount,
        currency: 'CNY',
        invoice_ref: `FP${String(id).padStart(8, '0')}-${k + 1}`,
        source: 'demo',
      });
    }
  }
}

function paidDay(r: Random, payer: (typeof PAYERS)[keyof typeof PAYERS], orderDay: number, due: number, refDay: number, credit: boolean): string | null {
  const x = r.next();
  if (credit) return due <= refDay ? isoDay(Math.max(orderDay, due - r.int(0, 20))) : null;
  if (due > refDay) {
    // not due yet: a few pay early
    return x < 0.1 ? isoDay(Math.min(refDay, Math.max(orderDay + 1, due - r.int(5, 40)))) : null;
  }
  if (x < payer.onTime) return isoDay(Math.max(orderDay + 1, due - r.int(0, 15)));
  if (x < payer.onTime + payer.late) {
    const paid = due + r.int(payer.lateDays[0], payer.lateDays[1]);
    return paid <= refDay ? isoDay(paid) : null; // still owed on the reference date
  }
  return null;
}
