// 回款与应收: the receivables of every account the user sees — the aging as cards and a bar chart,
// the accounts owing the most overdue money, and the payments list by status (逾期 first).
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Table } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDate } from '../shared/format';
import { isFirstLoad, ListEmpty, ListPager, usePaging } from '../shared/PagedList';
import { ExportButton } from '../shared/ExportButton';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { Chart } from '../shared/charts/Chart';
import { AGING_KEYS, formatAmount, usePaymentList, usePortfolioReceivables, type Debtor, type Payment, type PaymentListParams, type PortfolioReceivables } from './api';
import { AgingCards, BUCKET_COLOR } from './AgingCards';
import { Amount } from './OrdersTab';
import { PaymentStatusTag } from './PaymentStatusTag';

const STATUSES = ['overdue', 'unpaid', 'paid', 'all'] as const;
type StatusFilter = (typeof STATUSES)[number];

function AgingChart({ data }: { data: PortfolioReceivables }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatAmount(String(v), data.currency) },
      xAxis: { type: 'category', data: AGING_KEYS.map((k) => t(`payments.aging.buckets.${k}`)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 56,
          data: AGING_KEYS.map((k) => ({ value: Number(data.buckets.find((b) => b.key === k)?.amount ?? 0), itemStyle: { color: BUCKET_COLOR[k], borderRadius: [4, 4, 0, 0] } })),
        },
      ],
    }),
    [data, t],
  );
  return <Chart option={option} height={420} ariaLabel={t('receivables.chartLabel')} testId="aging-chart" />;
}

function Debtors({ data }: { data: PortfolioReceivables }) {
  const { t } = useTranslation();
  const columns: TableProps<Debtor>['columns'] = [
    { key: 'account', title: t('orders.fields.account'), ellipsis: true, render: (_v, d) => <Link to={`/accounts/${d.accountId}?tab=payments`}>{d.accountName}</Link> },
    { key: 'amount', title: t('receivables.overdueAmount'), align: 'right', width: 150, render: (_v, d) => <Amount value={d.amount} currency={data.currency} /> },
    { key: 'count', title: t('receivables.items'), dataIndex: 'count', align: 'right', width: 70 },
    { key: 'max', title: t('receivables.oldest'), align: 'right', width: 110, render: (_v, d) => t('payments.status.overdueDays', { days: d.maxDaysOverdue }) },
  ];
  return (
    <Table<Debtor>
      rowKey="accountId"
      size="small"
      columns={columns}
      dataSource={data.debtors}
      pagination={false}
      data-testid="debtors-table"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('receivables.noDebtors')} /> }}
    />
  );
}

export default function ReceivablesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('receivables.title'));
  const portfolio = usePortfolioReceivables();

  const status = (STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as StatusFilter) : 'overdue';
  // Overdue and unpaid items oldest due first (what to chase); paid ones latest first.
  const filters: Omit<PaymentListParams, 'limit' | 'cursor'> = { status: status === 'all' ? undefined : status, sort: status === 'overdue' || status === 'unpaid' ? 'dueDate' : '-dueDate' };
  const paging = usePaging(filters);
  const list = usePaymentList({ ...filters, ...paging.query });
  const items = list.data?.items ?? [];
  const firstLoad = isFirstLoad(list);

  const columns: TableProps<Payment & { accountName: string; accountId: number }>['columns'] = [
    { key: 'account', title: t('orders.fields.account'), width: 220, ellipsis: true, render: (_v, p) => <Link to={`/accounts/${p.accountId}?tab=payments`}>{p.accountName}</Link> },
    { key: 'dueDate', title: t('payments.fields.dueDate'), dataIndex: 'dueDate', width: 120, render: (v: string) => formatDate(v) },
    { key: 'amount', title: t('payments.fields.amount'), align: 'right', width: 160, render: (_v, p) => <Amount value={p.amount} currency={p.currency} /> },
    {
      key: 'status',
      title: t('payments.fields.status'),
      width: 150,
      render: (_v, p) => <PaymentStatusTag p={p} />,
    },
    { key: 'paidDate', title: t('payments.fields.paidDate'), dataIndex: 'paidDate', width: 120, render: (v: string | null) => (v ? formatDate(v) : EMPTY) },
    { key: 'orderNumber', title: t('payments.fields.orderNumber'), dataIndex: 'orderNumber', width: 150, render: (v: string | null) => v ?? EMPTY },
    { key: 'invoiceRef', title: t('payments.fields.invoiceRef'), dataIndex: 'invoiceRef', width: 130, render: (v: string | null) => v ?? EMPTY },
  ];

  return (
    <>
      <PageHeader
        title={t('receivables.title')}
        subtitle={t('receivables.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void Promise.all([portfolio.refetch(), list.refetch()])} aria-label={t('common.refresh')} />}
      />
      {portfolio.isLoading ? (
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Card>
      ) : portfolio.isError || !portfolio.data ? (
        <Card variant="borderless" style={{ marginBottom: 16 }}>
          <Empty description={t('errors.loadFailed')}>
            <Button onClick={() => void portfolio.refetch()}>{t('common.retry')}</Button>
          </Empty>
        </Card>
      ) : (
        <>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <AgingCards data={portfolio.data} title={t('receivables.agingTitle')} />
          </Card>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={13}>
              <Card variant="borderless" title={t('receivables.chartTitle')} style={{ height: '100%' }}>
                {portfolio.data.total.count === 0 ? <Empty description={t('receivables.none')} /> : <AgingChart data={portfolio.data} />}
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card variant="borderless" title={t('receivables.debtorsTitle')} style={{ height: '100%' }}>
                <Debtors data={portfolio.data} />
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card variant="borderless" title={t('payments.listTitle')} extra={<ExportButton entity="payments" filters={filters} size="small" />}>
        <Flex style={{ marginBottom: 16 }}>
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => setParams(v === 'overdue' ? {} : { status: v }, { replace: true })}
            options={STATUSES.map((s) => ({ value: s, label: t(`receivables.filter.${s}`) }))}
            data-testid="payment-status-filter"
          />
        </Flex>
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching && !firstLoad}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="payments-table"
          locale={{
            emptyText: <ListEmpty list={list} simple empty={t(`receivables.empty.${status}`)} />,
          }}
        />
        <ListPager list={list} paging={paging} />
      </Card>
    </>
  );
}
