// Import of orders (订单), one row per order or one row per order line. Key: the order number.
// - Line files (a product, quantity or unit price column): rows sharing an order number are the
//   lines of one order, and must agree on its customer and date; the order's lines are replaced
//   by the file's (re-import never doubles them), and its amount is the sum of the lines'
//   amounts, each quantity × unit price × (1 − discount) rounded half-up to 0.01 when the file
//   gives no amount. Lines may come in a file of their own (Northwind's order_details): rows
//   without customer and date then attach to orders that already exist.
// - Order files: one row per order; a repeated order number is an error. Re-import upserts.
// Negative quantities and amounts are returns and credit notes, counted negative.
import { lineAmount } from '../../orders/rules/money.js';
import { decToString, type Dec } from '../rules/decimal.js';
import type { FieldDef } from '../rules/fields.js';
import type { HeaderIssue } from '../rules/headers.js';
import type { FieldProblem, ImportEntity, UniqueKey, Values } from '../registry.js';
import { ACCOUNT_REF_FIELDS, accountRefOf, refText, type AccountRef } from './account-refs.js';
import { CURRENCY_FIELD, currencyProblem } from './currency.js';
import { writeOrders } from './order-writes.js';

export const LINE_FIELDS = ['product', 'quantity', 'unitPrice', 'discount'] as const;

export const ORDER_FIELDS: readonly FieldDef[] = [
  { name: 'orderNumber', aliases: ['订单号', '订单编号', '单号', '订单号码', 'order number', 'order no', 'order id', 'order'], type: 'text', required: true, maxLength: 64 },
  ...ACCOUNT_REF_FIELDS,
  { name: 'orderDate', aliases: ['订单日期', '下单日期', '日期', '销售日期', 'order date', 'date'], type: 'date' },
  { name: 'product', aliases: ['产品', '商品', '产品名称', '商品名称', '物料', 'product name', 'item', 'sku', 'product id'], type: 'text', maxLength: 200 },
  { name: 'quantity', aliases: ['数量', 'qty', 'quantity'], type: 'decimal', scale: 4, integerDigits: 14, negative: true },
  { name: 'unitPrice', aliases: ['单价', '价格', 'unit price', 'price'], type: 'decimal', scale: 4, integerDigits: 16, negative: true },
  { name: 'discount', aliases: ['折扣', '折扣率', 'discount rate'], type: 'discount' },
  { name: 'amount', aliases: ['金额', '订单金额', '总金额', '合计', '行金额', 'total', 'line amount', 'net amount'], type: 'money', negative: true },
  { name: 'cost', aliases: ['成本', '成本金额', 'cost amount'], type: 'money', negative: true },
  CURRENCY_FIELD,
  { name: 'notes', aliases: ['备注', '说明', 'note', 'remarks', 'comment'], type: 'text', maxLength: 2000 },
];

export interface OrderRecord {
  number: string;
  ref: AccountRef | null;
  date: string | null;
  currency: string | null;
  notes: string | null;
  /** Order files: the order's amount and cost as given. */
  amount: string | null;
  cost: string | null;
  /** Line files: the line. */
  line: { product: string; quantity: string; unit_price: string; discount: string; amount: string; cost: string | null } | null;
}

const money = (v: unknown) => (v == null ? null : decToString(v as Dec, 2));

export const isLineFile = (columns: ReadonlySet<string>) => LINE_FIELDS.some((f) => columns.has(f));

function checkColumns(present: ReadonlySet<string>): HeaderIssue[] {
  if (!isLineFile(present)) return [];
  return (['product', 'quantity', 'unitPrice'] as const)
    .filter((f) => !present.has(f))
    .map((f) => ({ code: 'missing_column', reason: `a file of order lines needs a column for ${f} (it has ${LINE_FIELDS.filter((x) => present.has(x)).join(', ')})` }));
}

function prepare(v: Values, columns: ReadonlySet<string>): { record: OrderRecord; uniques: UniqueKey[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const number = v.orderNumber as string | null;
  if (!number) problems.push({ field: 'orderNumber', code: 'required', reason: 'the order number is empty' });
  const currency = currencyProblem(v.currency, problems);
  const record: OrderRecord = {
    number: number ?? '',
    ref: accountRefOf(v),
    date: (v.orderDate as string | null) ?? null,
    currency,
    notes: (v.notes as string | null) ?? null,
    amount: null,
    cost: money(v.cost),
    line: null,
  };
  const lines = isLineFile(columns);
  if (lines) {
    for (const f of ['product', 'quantity', 'unitPrice'] as const) if (v[f] == null) problems.push({ field: f, code: 'required', reason: `the ${f} of the line is empty` });
    if (problems.length) return { problems };
    const quantity = decToString(v.quantity as Dec);
    const unitPrice = decToString(v.unitPrice as Dec);
    const discount = v.discount == null ? '0' : decToString(v.discount as Dec);
    const amount = money(v.amount) ?? lineAmount({ quantity, unitPrice, discount });
    record.line = { product: v.product as string, quantity, unit_price: unitPrice, discount, amount, cost: record.cost };
  } else record.amount = money(v.amount);
  if (problems.length) return { problems };
  const signature = lines ? `${record.ref ? refText(record.ref) : ''}|${record.date ?? ''}` : undefined;
  return { record, uniques: [{ kind: 'order', value: record.number, label: 'order number', ...(signature === undefined ? {} : { signature }) }] };
}

export const ordersImport: ImportEntity<OrderRecord> = {
  name: 'orders',
  aliases: ['order', 'order-lines', 'order_lines', 'orderlines', '订单', '订单明细'],
  label: '订单',
  keyDescription: 'order number; in a file of lines, rows sharing an order number are one order',
  fields: ORDER_FIELDS,
  checkColumns,
  prepare,
  write: writeOrders.write,
};
