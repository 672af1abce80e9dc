// The answers of the orders and payments API as zod schemas: the routes declare them (OpenAPI,
// the serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod here.
import { z } from 'zod';

export const lineOut = z.object({
  lineNo: z.number(),
  product: z.string(),
  quantity: z.string(),
  unitPrice: z.string(),
  discount: z.string(),
  amount: z.string(),
  cost: z.string().nullable(),
});

export const paymentOut = z.object({
  id: z.number(),
  accountId: z.number(),
  accountName: z.string(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  invoiceRef: z.string().nullable(),
  paymentRef: z.string().nullable(),
  dueDate: z.string(),
  paidDate: z.string().nullable(),
  amount: z.string(),
  currency: z.string(),
  status: z.enum(['paid', 'overdue', 'notDue']),
  daysLate: z.number(),
  notes: z.string().nullable(),
  source: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const orderSummaryOut = z.object({
  id: z.number(),
  orderNumber: z.string(),
  accountId: z.number(),
  accountName: z.string(),
  orderDate: z.string(),
  currency: z.string(),
  amount: z.string(),
  cost: z.string().nullable(),
  lineCount: z.number(),
  source: z.string(),
  notes: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const orderOut = orderSummaryOut.extend({ lines: z.array(lineOut), payments: z.array(paymentOut) });

export const bucketOut = z.object({
  key: z.enum(['notDue', '1-30', '31-60', '61-90', '90+']),
  minDays: z.number().nullable(),
  maxDays: z.number().nullable(),
  count: z.number(),
  amount: z.string(),
});

export const countAmount = z.object({ count: z.number(), amount: z.string() });

export const receivablesOut = z.object({
  accountId: z.number(),
  currency: z.string(),
  asOf: z.string(),
  buckets: z.array(bucketOut),
  total: countAmount,
  overdue: countAmount,
  paidLate: countAmount.extend({ maxDaysLate: z.number() }),
  otherCurrencies: z.array(z.string()),
});

export const portfolioReceivablesOut = z.object({
  currency: z.string(),
  asOf: z.string(),
  buckets: z.array(bucketOut),
  total: countAmount,
  overdue: countAmount,
  debtors: z.array(z.object({ accountId: z.number(), accountName: z.string(), count: z.number(), amount: z.string(), maxDaysOverdue: z.number() })),
});

export const orderPageOut = z.object({ items: z.array(orderSummaryOut), nextCursor: z.string().nullable() });
export const paymentPageOut = z.object({ asOf: z.string(), items: z.array(paymentOut), nextCursor: z.string().nullable() });
