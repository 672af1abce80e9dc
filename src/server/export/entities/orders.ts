// 订单 and 回款 exports: the order and payment lists through their own repository queries
// (filters, sort and the account scope), presented by the orders presenter.
import { ordersRepository, ORDER_SORTS, type OrderSortKey, type PaymentStatusFilter } from '../../orders/repository.js';
import { presentOrderSummary, presentPayment } from '../../orders/presenter.js';
import type { CursorPosition } from '../../shared/cursor.js';
import { localDate } from '../rules/cells.js';
import { col, type ExportEntity } from './types.js';

export interface OrderExportFilters {
  accountId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  sort?: string | undefined;
}

export interface PaymentExportFilters {
  accountId?: number | undefined;
  orderId?: number | undefined;
  status?: PaymentStatusFilter | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  asOf?: string | undefined;
  sort?: string | undefined;
}

export const ordersExport: ExportEntity<OrderExportFilters> = {
  name: 'orders',
  auditEntity: 'order',
  fileStem: { zh: '订单', en: 'orders' },
  columns: [
    col('id', 'int', 'ID', 'ID'),
    col('orderNumber', 'text', '订单号', 'Order number'),
    col('accountId', 'int', '客户ID', 'Account ID'),
    col('accountName', 'text', '客户名称', 'Account'),
    col('orderDate', 'date', '订单日期', 'Order date'),
    col('currency', 'text', '币种', 'Currency'),
    col('amount', 'money', '金额', 'Amount'),
    col('cost', 'money', '成本', 'Cost'),
    col('lineCount', 'int', '明细行数', 'Lines'),
    col('source', 'text', '来源', 'Source'),
    col('notes', 'text', '备注', 'Notes'),
    col('createdAt', 'datetime', '创建时间', 'Created at'),
    col('updatedAt', 'datetime', '更新时间', 'Updated at'),
  ],
  async *pages(db, actor, f, pageSize) {
    const repo = ordersRepository(db);
    const sortRaw = f.sort ?? '-orderDate';
    const desc = sortRaw.startsWith('-');
    const sort = (desc ? sortRaw.slice(1) : sortRaw) as OrderSortKey;
    if (!(sort in ORDER_SORTS)) throw new Error(`Unknown sort ${sortRaw}`);
    let after: CursorPosition | undefined;
    for (;;) {
      const rows = await repo.listOrders(actor, { accountId: f.accountId, from: f.from, to: f.to, q: f.q, sort, desc, after, limit: pageSize });
      const page = rows.slice(0, pageSize);
      if (page.length) {
        yield page.map((r) => {
          const o = presentOrderSummary(r);
          return [o.id, o.orderNumber, o.accountId, o.accountName, o.orderDate, o.currency, o.amount, o.cost, o.lineCount, o.source, o.notes, r.created_at, r.updated_at];
        });
      }
      const last = page[page.length - 1];
      if (rows.length <= pageSize || !last) return;
      after = { v: last.sort_value, id: last.id };
    }
  },
};

export const paymentsExport: ExportEntity<PaymentExportFilters> = {
  name: 'payments',
  auditEntity: 'payment',
  fileStem: { zh: '回款', en: 'payments' },
  columns: [
    col('id', 'int', 'ID', 'ID'),
    col('accountId', 'int', '客户ID', 'Account ID'),
    col('accountName', 'text', '客户名称', 'Account'),
    col('orderNumber', 'text', '订单号', 'Order number'),
    col('invoiceRef', 'text', '发票号', 'Invoice'),
    col('paymentRef', 'text', '回款单号', 'Payment reference'),
    col('dueDate', 'date', '到期日', 'Due date'),
    col('paidDate', 'date', '回款日期', 'Paid date'),
    col('amount', 'money', '金额', 'Amount'),
    col('currency', 'text', '币种', 'Currency'),
    col('status', 'text', '状态', 'Status'),
    col('daysLate', 'int', '逾期天数', 'Days late'),
    col('notes', 'text', '备注', 'Notes'),
  ],
  async *pages(db, actor, f, pageSize, env) {
    const repo = ordersRepository(db);
    // As the list: overdue is judged on asOf, by default today in the office's time zone.
    const asOf = f.asOf ?? localDate(env.now, env.timeZone);
    const desc = f.sort === '-dueDate';
    let after: CursorPosition | undefined;
    for (;;) {
      const rows = await repo.listPayments(actor, { accountId: f.accountId, orderId: f.orderId, status: f.status, dueFrom: f.dueFrom, dueTo: f.dueTo, asOf, desc, after, limit: pageSize });
      const page = rows.slice(0, pageSize);
      if (page.length) {
        yield page.map((r) => {
          const p = presentPayment(r, asOf);
          return [p.id, p.accountId, p.accountName, p.orderNumber, p.invoiceRef, p.paymentRef, p.dueDate, p.paidDate, p.amount, p.currency, p.status, p.daysLate, p.notes];
        });
      }
      const last = page[page.length - 1];
      if (rows.length <= pageSize || !last) return;
      after = { v: last.sort_value, id: last.id };
    }
  },
};
