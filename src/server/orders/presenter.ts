// Orders and payments for the API: camelCase, money as decimal strings with 2 places,
// quantities and prices without trailing zeros, dates as YYYY-MM-DD.
import type { OrderLineRow, OrderRow, PaymentRow } from '../db/schema.js';
import { paymentStatus } from './rules/aging.js';
import { trimDecimal } from './rules/money.js';

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentOrderSummary(row: OrderRow & { account_name: string; line_count: number }) {
  return {
    id: row.id,
    orderNumber: row.order_number,
    accountId: row.account_id,
    accountName: row.account_name,
    orderDate: row.order_date,
    currency: row.currency,
    amount: row.amount,
    cost: row.cost,
    lineCount: Number(row.line_count),
    source: row.source,
    notes: row.notes,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentLine(l: OrderLineRow) {
  return {
    lineNo: l.line_no,
    product: l.product,
    quantity: trimDecimal(l.quantity),
    unitPrice: trimDecimal(l.unit_price),
    discount: trimDecimal(l.discount),
    amount: l.amount,
    cost: l.cost,
  };
}

export function presentPayment(p: PaymentRow & { account_name: string; order_number: string | null }, asOf: string) {
  const { status, daysLate } = paymentStatus({ dueDate: p.due_date, paidDate: p.paid_date }, asOf);
  return {
    id: p.id,
    accountId: p.account_id,
    accountName: p.account_name,
    orderId: p.order_id,
    orderNumber: p.order_number,
    invoiceRef: p.invoice_ref,
    paymentRef: p.payment_ref,
    dueDate: p.due_date,
    paidDate: p.paid_date,
    amount: p.amount,
    currency: p.currency,
    status,
    daysLate,
    notes: p.notes,
    source: p.source,
    version: p.version,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}
