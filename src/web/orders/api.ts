// Orders, payments and receivables of an account over /api/v1/orders, /api/v1/payments and
// /api/v1/accounts/:id/receivables. Amounts are exact decimal strings, only ever formatted.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id, Page } from '../api/types';
import { currentLanguage } from '../i18n';

export interface OrderSummary {
  id: Id;
  orderNumber: string;
  accountId: Id;
  accountName: string;
  orderDate: string;
  currency: string;
  amount: string;
  cost: string | null;
  lineCount: number;
  source: string;
  notes: string | null;
  version: number;
}

export interface OrderLine {
  /** Lines have no id of their own: an order's lines are numbered 1, 2, … */
  lineNo: number;
  product: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  amount: string;
  cost: string | null;
}

export type PaymentStatus = 'paid' | 'overdue' | 'notDue';

export interface Payment {
  id: Id;
  orderId: Id | null;
  orderNumber: string | null;
  invoiceRef: string | null;
  paymentRef: string | null;
  dueDate: string;
  paidDate: string | null;
  amount: string;
  currency: string;
  status: PaymentStatus;
  daysLate: number;
  notes: string | null;
}

export interface OrderDetail extends OrderSummary {
  lines: OrderLine[];
  payments: Payment[];
}

export const AGING_KEYS = ['notDue', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingKey = (typeof AGING_KEYS)[number];

interface CountAmount {
  count: number;
  amount: string;
}

export interface Receivables {
  accountId: Id;
  currency: string;
  asOf: string;
  buckets: (CountAmount & { key: AgingKey; minDays: number | null; maxDays: number | null })[];
  total: CountAmount;
  overdue: CountAmount;
  paidLate: CountAmount & { maxDaysLate: number };
  otherCurrencies: string[];
}

export function useAccountOrders(accountId: Id, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: ['orders', 'account', accountId],
    queryFn: ({ pageParam, signal }) => api.get<Page<OrderSummary>>('/api/v1/orders', { accountId, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrder(id: Id) {
  return useQuery({ queryKey: ['orders', id], queryFn: ({ signal }) => api.get<OrderDetail>(`/api/v1/orders/${id}`, undefined, signal) });
}

export function useAccountPayments(accountId: Id, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: ['payments', 'account', accountId],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Payment> & { asOf: string }>('/api/v1/payments', { accountId, sort: '-dueDate', limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReceivables(accountId: Id) {
  return useQuery({
    queryKey: ['receivables', accountId],
    queryFn: ({ signal }) => api.get<Receivables>(`/api/v1/accounts/${accountId}/receivables`, undefined, signal),
  });
}

/** An exact decimal string in its own currency ("-12.5", "USD" → "-US$12.50"); formatting only. */
export function formatAmount(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  const fmt = new Intl.NumberFormat(currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-US', {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return fmt.format(value as `${number}`);
}

export const isNegative = (value: string | null | undefined) => typeof value === 'string' && value.trim().startsWith('-') && /[1-9]/.test(value);

export interface OrderListParams {
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** One page of the orders of every account the caller sees (订单列表). */
export function useOrderList(p: OrderListParams) {
  return useQuery({
    queryKey: ['orders', 'list', p],
    queryFn: ({ signal }) => api.get<Page<OrderSummary>>('/api/v1/orders', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface PaymentListParams {
  status?: 'unpaid' | 'overdue' | 'paid' | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  sort?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export function usePaymentList(p: PaymentListParams) {
  return useQuery({
    queryKey: ['payments', 'list', p],
    queryFn: ({ signal }) => api.get<Page<Payment & { accountId: Id; accountName: string }> & { asOf: string }>('/api/v1/payments', { ...p }, signal),
    placeholderData: keepPreviousData,
  });
}

export interface Debtor {
  accountId: Id;
  accountName: string;
  count: number;
  amount: string;
  maxDaysOverdue: number;
}

export type PortfolioReceivables = Omit<Receivables, 'accountId' | 'paidLate' | 'otherCurrencies'> & { debtors: Debtor[] };

/** Aging over every account the caller sees, with the biggest overdue debtors. */
export function usePortfolioReceivables(top = 10) {
  return useQuery({
    queryKey: ['receivables', 'portfolio', top],
    queryFn: ({ signal }) => api.get<PortfolioReceivables>('/api/v1/receivables', { top }, signal),
  });
}
