// 回款: the receivables aging of the account (未到期 / 逾期1–30天 / 31–60天 / 61–90天 / 90天以上)
// as statistic cards, and its payments, latest due first.
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { EMPTY, formatDate } from '../shared/format';
import { ExportButton } from '../shared/ExportButton';
import { AGING_KEYS, formatAmount, useAccountPayments, useReceivables, type AgingKey, type Payment, type Receivables } from './api';
import { Amount } from './OrdersTab';

const BUCKET_COLOR: Record<AgingKey, string> = { notDue: '#1d4ed8', '1-30': '#d48806', '31-60': '#d46b08', '61-90': '#d4380d', '90+': '#cf1322' };
const STATUS_COLOR = { paid: 'green', overdue: 'red', notDue: 'blue' } as const;

function Aging({ data }: { data: Receivables }) {
  const { t } = useTranslation();
  const byKey = new Map(data.buckets.map((b) => [b.key, b]));
  return (
    <div data-testid="receivables-aging" style={{ marginBottom: 20 }}>
      <Flex justify="space-between" align="baseline" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('payments.aging.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('payments.aging.summary', {
            total: formatAmount(data.total.amount, data.currency),
            overdue: formatAmount(data.overdue.amount, data.currency),
            asOf: formatDate(data.asOf),
          })}
        </Typography.Text>
      </Flex>
      <Row gutter={[12, 12]}>
        {AGING_KEYS.map((k) => {
          const b = byKey.get(k);
          return (
            <Col key={k} flex="1 1 170px">
              <Card size="small" data-testid={`aging-${k}`} styles={{ body: { borderTop: `3px solid ${BUCKET_COLOR[k]}`, borderRadius: 8 } }}>
                <Statistic
                  title={t(`payments.aging.buckets.${k}`)}
                  value={formatAmount(b?.amount ?? '0', data.currency)}
                  valueStyle={{ fontSize: 20, color: b && b.count > 0 && k !== 'notDue' ? BUCKET_COLOR[k] : undefined, fontVariantNumeric: 'tabular-nums' }}
                />
                <Typography.Text type="secondary">{t('payments.aging.count', { count: b?.count ?? 0 })}</Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      {data.otherCurrencies.length > 0 && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('payments.aging.otherCurrencies', { list: data.otherCurrencies.join(', ') })} />
      )}
    </div>
  );
}

export default function PaymentsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const receivables = useReceivables(account.id);
  const payments = useAccountPayments(account.id);
  const rows = payments.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableProps<Payment>['columns'] = [
    { key: 'dueDate', title: t('payments.fields.dueDate'), dataIndex: 'dueDate', width: 120, render: (v: string) => formatDate(v) },
    { key: 'amount', title: t('payments.fields.amount'), align: 'right', width: 170, render: (_v, p) => <Amount value={p.amount} currency={p.currency} /> },
    {
      key: 'status',
      title: t('payments.fields.status'),
      width: 150,
      render: (_v, p) => (
        <Tag color={STATUS_COLOR[p.status]} data-testid="payment-status">
          {p.status === 'overdue' ? t('payments.status.overdueDays', { days: p.daysLate }) : t(`payments.status.${p.status}`)}
          {p.status === 'paid' && p.daysLate > 0 ? ` · ${t('payments.status.late', { days: p.daysLate })}` : ''}
        </Tag>
      ),
    },
    { key: 'paidDate', title: t('payments.fields.paidDate'), dataIndex: 'paidDate', width: 120, render: (v: string | null) => (v ? formatDate(v) : EMPTY) },
    { key: 'orderNumber', title: t('payments.fields.orderNumber'), dataIndex: 'orderNumber', width: 160, render: (v: string | null) => v ?? EMPTY },
    { key: 'invoiceRef', title: t('payments.fields.invoiceRef'), dataIndex: 'invoiceRef', width: 140, render: (v: string | null) => v ?? EMPTY },
    { key: 'notes', title: t('payments.fields.notes'), dataIndex: 'notes', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
  ];

  return (
    <div data-testid="payments-tab">
      {receivables.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} style={{ marginBottom: 20 }} />
      ) : receivables.data ? (
        <Aging data={receivables.data} />
      ) : null}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('payments.listTitle')}
        </Typography.Title>
        <ExportButton entity="payments" filters={{ accountId: account.id, sort: '-dueDate' }} />
      </Flex>
      {payments.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Table<Payment>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="payments-table"
          locale={{
            emptyText: payments.isError ? (
              <Empty description={t('errors.loadFailed')}>
                <Button onClick={() => void payments.refetch()}>{t('common.retry')}</Button>
              </Empty>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payments.empty')} />
            ),
          }}
        />
      )}
      {payments.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void payments.fetchNextPage()} loading={payments.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
