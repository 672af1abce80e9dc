// /api/v1/orders, /api/v1/payments and /api/v1/accounts/:id/receivables (SPEC C6).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { cursorParam, idParam, idQuery, idRef, listLimit, optionalText, versionField, versionQuery } from '../http/schemas.js';
import { isIsoDate } from './rules/dates.js';
import { orderOut, orderPageOut, paymentOut, paymentPageOut, portfolioReceivablesOut, receivablesOut } from './schemas.js';

/** A calendar date YYYY-MM-DD between 1900 and 2100. */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => isIsoDate(s) && s >= '1900-01-01' && s <= '2100-12-31', 'must be a real date between 1900 and 2100');

/** An exact decimal given as a JSON string (preferred) or number, checked against a pattern. */
const decimal = (pattern: RegExp, message: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((s) => pattern.test(s), { message });

const signedMoney = decimal(/^-?\d{1,18}(\.\d{1,2})?$/, 'must be an amount with at most 2 decimals and 18 digits (negative for credit notes)');
const quantity = decimal(/^-?\d{1,14}(\.\d{1,4})?$/, 'must be a quantity with at most 4 decimals and 14 digits (negative for returns)');
const unitPrice = decimal(/^-?\d{1,16}(\.\d{1,4})?$/, 'must be a price with at most 4 decimals and 16 digits');
const discount = decimal(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'must be a fraction from 0 to 1 with at most 6 decimals (0.15 = 15 % off)');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
const reference = (max: number) => optionalText(max);

const lineIn = z
  .object({
    product: z.string().trim().min(1).max(200),
    quantity,
    unitPrice,
    discount: discount.optional(),
    cost: signedMoney.nullable().optional(),
  })
  .strict();

const orderFields = z
  .object({
    orderNumber: z.string().trim().min(1).max(64),
    orderDate: calendarDate,
    currency: currency.optional(),
    amount: signedMoney.optional(),
    cost: signedMoney.nullable().optional(),
    notes: optionalText(2000),
    lines: z.array(lineIn).max(500).optional(),
  })
  .strict();

const paymentFields = z
  .object({
    orderId: idRef.nullable().optional(),
    dueDate: calendarDate,
    paidDate: calendarDate.nullable().optional(),
    amount: signedMoney,
    currency: currency.optional(),
    invoiceRef: reference(64),
    paymentRef: reference(64),
    notes: optionalText(2000),
  })
  .strict();

export const orderListFilters = z.object({
  accountId: idQuery.optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  q: z.string().trim().min(1).max(64).optional(),
  sort: z.enum(['orderDate', '-orderDate', 'amount', '-amount']).optional(),
});

export const paymentListFilters = z.object({
  accountId: idQuery.optional(),
  orderId: idQuery.optional(),
  status: z.enum(['unpaid', 'overdue', 'paid']).optional(),
  dueFrom: calendarDate.optional(),
  dueTo: calendarDate.optional(),
  asOf: calendarDate.optional(),
  sort: z.enum(['dueDate', '-dueDate']).optional(),
});

export async function orderRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orders'];

  r.get(
    '/api/v1/orders',
    {
      schema: {
        tags,
        summary: 'Orders of the accounts visible to you, newest first (sort orderDate or amount, "-" for descending)',
        querystring: orderListFilters.extend({ limit: listLimit, cursor: cursorParam }),
        response: { 200: orderPageOut },
      },
    },
    async (request) => services.orders.listOrders(actorOf(request), request.query),
  );

  r.post(
    '/api/v1/orders',
    {
      schema: {
        tags,
        summary: "Record an order with its lines (amount = sum of lines rounded half-up per line; without lines, give the amount)",
        body: orderFields.extend({ accountId: idRef }),
        response: { 201: orderOut },
      },
    },
    async (request, reply) => {
      const { accountId, ...fields } = request.body;
      return reply.status(201).send(await services.orders.createOrder(writeContext(request), accountId, fields));
    },
  );

  r.get('/api/v1/orders/:id', { schema: { tags, summary: 'One order with its lines and payments', params: idParam, response: { 200: orderOut } } }, async (request) =>
    services.orders.getOrder(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/orders/:id',
    {
      schema: {
        tags,
        summary: 'Change an order; `lines` replaces all lines',
        params: idParam,
        body: orderFields.partial().extend({ version: versionField }).strict(),
        response: { 200: orderOut },
      },
    },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.orders.updateOrder(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/orders/:id', { schema: { tags, summary: 'Delete an order with its lines and payments (to the recycle bin)', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.orders.removeOrder(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });

  const ptags = ['payments'];

  r.get(
    '/api/v1/payments',
    {
      schema: {
        tags: ptags,
        summary: 'Payments (receivables) of the accounts visible to you, by due date; status unpaid | overdue (unpaid, due before asOf) | paid',
        querystring: paymentListFilters.extend({ limit: listLimit, cursor: cursorParam }),
        response: { 200: paymentPageOut },
      },
    },
    async (request) => services.orders.listPayments(actorOf(request), request.query),
  );

  r.post(
    '/api/v1/payments',
    { schema: { tags: ptags, summary: 'Record a payment due (and, with paidDate, received)', body: paymentFields.extend({ accountId: idRef }), response: { 201: paymentOut } } },
    async (request, reply) => {
      const { accountId, ...fields } = request.body;
      return reply.status(201).send(await services.orders.createPayment(writeContext(request), accountId, fields));
    },
  );

  r.get('/api/v1/payments/:id', { schema: { tags: ptags, summary: 'One payment', params: idParam, response: { 200: paymentOut } } }, async (request) =>
    services.orders.getPayment(actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/payments/:id',
    {
      schema: {
        tags: ptags,
        summary: 'Change a payment, e.g. mark it paid with {"paidDate": "2026-03-31", "version": 1}',
        params: idParam,
        body: paymentFields.partial().extend({ version: versionField }).strict(),
        response: { 200: paymentOut },
      },
    },
    async (request) => {
      const { version, ...fields } = request.body;
      return services.orders.updatePayment(writeContext(request), request.params.id, version, fields);
    },
  );

  r.delete('/api/v1/payments/:id', { schema: { tags: ptags, summary: 'Delete a payment (to the recycle bin)', params: idParam, querystring: versionQuery } }, async (request, reply) => {
    await services.orders.removePayment(writeContext(request), request.params.id, request.query.version);
    return reply.status(204).send();
  });

  r.get(
    '/api/v1/accounts/:id/receivables',
    {
      schema: {
        tags: ptags,
        summary: "Receivables aging of the account as of a date (default today): not due, 1–30, 31–60, 61–90, 90+ days overdue",
        params: idParam,
        querystring: z.object({ asOf: calendarDate.optional(), currency: currency.optional() }),
        response: { 200: receivablesOut },
      },
    },
    async (request) => services.orders.receivables(actorOf(request), request.params.id, request.query),
  );

  r.get(
    '/api/v1/receivables',
    {
      schema: {
        tags: ptags,
        summary: 'Receivables aging over every account visible to you, as of a date (default today), with the accounts owing the most overdue money',
        querystring: z.object({ asOf: calendarDate.optional(), currency: currency.optional(), top: z.coerce.number().int().min(1).max(100).optional() }),
        response: { 200: portfolioReceivablesOut },
      },
    },
    async (request) => services.orders.portfolioReceivables(actorOf(request), request.query),
  );
}
