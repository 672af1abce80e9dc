// 订单: the account's orders, newest first; a row expands to its lines. Credit notes and returns
// (negative amounts) are shown in red.
import { Button, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { EMPTY, formatDate } from '../shared/format';
import { ExportButton } from '../shared/ExportButton';
import { LoadMore } from '../shared/LoadMore';
import { formatAmount, isNegative, useAccountOrders, useOrder, type OrderLine, type OrderSummary } from './api';

export function Amount({ value, currency, testId }: { value: string | null; currency: string; testId?: string }) {
  return (
    <Typography.Text type={isNegative(value) ? 'danger' : undefined} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId}>
      {formatAmount(value, currency)}
    </Typography.Text>
  );
}

export function OrderLines({ order }: { order: OrderSummary }) {
  const { t } = useTranslation();
  const detail = useOrder(order.id);
  if (detail.isLoading) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (detail.isError || !detail.data) return <Typography.Text type="danger">{t('errors.loadFailed')}</Typography.Text>;
  const columns: TableProps<OrderLine>['columns'] = [
    { key: 'lineNo', title: '#', dataIndex: 'lineNo', width: 50 },
    { key: 'product', title: t('orders.lines.product'), dataIndex: 'product', ellipsis: true },
    { key: 'quantity', title: t('orders.lines.quantity'), dataIndex: 'quantity', align: 'right', width: 100, render: (v: string) => <Typography.Text type={isNegative(v) ? 'danger' : undefined}>{v}</Typography.Text> },
    { key: 'unitPrice', title: t('orders.lines.unitPrice'), align: 'right', width: 140, render: (_v, l) => formatAmount(l.unitPrice, order.currency) },
    { key: 'discount', title: t('orders.lines.discount'), dataIndex: 'discount', align: 'right', width: 90, render: (v: string) => (Number(v) === 0 ? EMPTY : `${+(Number(v) * 100).toFixed(4)}%`) },
    { key: 'amount', title: t('orders.fields.amount'), align: 'right', width: 150, render: (_v, l) => <Amount value={l.amount} currency={order.currency} /> },
    { key: 'cost', title: t('orders.fields.cost'), align: 'right', width: 140, render: (_v, l) => (l.cost === null ? EMPTY : <Amount value={l.cost} currency={order.currency} />) },
  ];
  return (
    <Table<OrderLine>
      rowKey="lineNo"
      size="small"
      columns={columns}
      dataSource={detail.data.lines}
      pagination={false}
      data-testid={`order-lines-${order.id}`}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.noLines')} /> }}
    />
  );
}

export default function OrdersTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const orders = useAccountOrders(account.id);
  const rows = orders.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableProps<OrderSummary>['columns'] = [
    { key: 'orderNumber', title: t('orders.fields.orderNumber'), dataIndex: 'orderNumber', width: 170, render: (v: string) => <Typography.Text strong copyable={{ text: v }}>{v}</Typography.Text> },
    { key: 'orderDate', title: t('orders.fields.orderDate'), dataIndex: 'orderDate', width: 120, render: (v: string) => formatDate(v) },
    { key: 'amount', title: t('orders.fields.amount'), align: 'right', width: 170, render: (_v, o) => <Amount value={o.amount} currency={o.currency} testId="order-amount" /> },
    { key: 'cost', title: t('orders.fields.cost'), align: 'right', width: 160, render: (_v, o) => (o.cost === null ? EMPTY : <Amount value={o.cost} currency={o.currency} />) },
    { key: 'lineCount', title: t('orders.fields.lineCount'), dataIndex: 'lineCount', align: 'right', width: 90 },
    { key: 'notes', title: t('orders.fields.notes'), dataIndex: 'notes', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
  ];

  return (
    <div data-testid="orders-tab">
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('orders.hint')}</Typography.Text>
        <ExportButton entity="orders" filters={{ accountId: account.id }} />
      </Flex>
      {orders.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<OrderSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="orders-table"
          expandable={{ expandedRowRender: (o) => <OrderLines order={o} />, rowExpandable: (o) => o.lineCount > 0 }}
          locale={{
            emptyText: orders.isError ? (
              <Empty description={t('errors.loadFailed')}>
                <Button onClick={() => void orders.refetch()}>{t('common.retry')}</Button>
              </Empty>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.empty')} />
            ),
          }}
        />
      )}
      <LoadMore query={orders} />
    </div>
  );
}
