// 回款: the receivables aging of the account (未到期 / 逾期1–30天 / 31–60天 / 61–90天 / 90天以上)
// as statistic cards, and its payments, latest due first.
import { Button, Empty, Flex, Skeleton, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { EMPTY, formatDate } from '../shared/format';
import { ExportButton } from '../shared/ExportButton';
import { LoadMore } from '../shared/LoadMore';
import { useAccountPayments, useReceivables, type Payment } from './api';
import { AgingCards } from './AgingCards';
import { Amount } from './OrdersTab';
import { PaymentStatusTag } from './PaymentStatusTag';


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
      render: (_v, p) => <PaymentStatusTag p={p} />,
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
        <AgingCards data={receivables.data} />
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
      <LoadMore query={payments} />
    </div>
  );
}
