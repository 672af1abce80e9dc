// 订单: the orders of every account the user sees — search by order number, a date range, sort by
// date or amount, cursor paging, export with the same filters. A row expands to its lines.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDate } from '../shared/format';
import { isFirstLoad, ListEmpty, ListPager, usePaging } from '../shared/PagedList';
import { ExportButton } from '../shared/ExportButton';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useOrderList, type OrderSummary } from './api';
import { Amount, OrderLines } from './OrdersTab';

const SORTS = ['-orderDate', 'orderDate', '-amount', 'amount'] as const;
const DEFAULT_SORT = '-orderDate';

export default function OrdersListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  useDocumentTitle(t('orders.title'));

  const q = params.get('q') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const filters = { q: q || undefined, from: from || undefined, to: to || undefined, sort };
  const paging = usePaging(filters);
  const list = useOrderList({ ...filters, ...paging.query });
  const hasFilters = q !== '' || from !== '' || to !== '';

  const setParam = (entries: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(entries)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const clearFilters = () => {
    setSearch('');
    setParams(sort === DEFAULT_SORT ? {} : { sort }, { replace: true });
  };

  const columns: TableProps<OrderSummary>['columns'] = [
    { key: 'orderNumber', title: t('orders.fields.orderNumber'), dataIndex: 'orderNumber', width: 170, render: (v: string) => <Typography.Text strong copyable={{ text: v }}>{v}</Typography.Text> },
    {
      key: 'account',
      title: t('orders.fields.account'),
      width: 240,
      ellipsis: true,
      render: (_v, o) => (
        <Link to={`/accounts/${o.accountId}?tab=orders`} data-testid="order-account-link">
          {o.accountName}
        </Link>
      ),
    },
    { key: 'orderDate', title: t('orders.fields.orderDate'), dataIndex: 'orderDate', width: 120, render: (v: string) => formatDate(v) },
    { key: 'amount', title: t('orders.fields.amount'), align: 'right', width: 170, render: (_v, o) => <Amount value={o.amount} currency={o.currency} testId="order-amount" /> },
    { key: 'cost', title: t('orders.fields.cost'), align: 'right', width: 160, render: (_v, o) => (o.cost === null ? EMPTY : <Amount value={o.cost} currency={o.currency} />) },
    { key: 'lineCount', title: t('orders.fields.lineCount'), dataIndex: 'lineCount', align: 'right', width: 90 },
    { key: 'notes', title: t('orders.fields.notes'), dataIndex: 'notes', ellipsis: true, render: (v: string | null) => v ?? EMPTY },
  ];

  const items = list.data?.items ?? [];
  const firstLoad = isFirstLoad(list);

  return (
    <>
      <PageHeader title={t('orders.title')} subtitle={t('orders.subtitle')} extra={<ExportButton entity="orders" filters={filters} />} />
      <Card variant="borderless">
        <Flex gap={8} wrap className="kam-toolbar" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setParam({ q: v.trim() || null })}
            placeholder={t('orders.searchPlaceholder')}
            style={{ width: 220 }}
            data-testid="order-search"
          />
          <DatePicker.RangePicker
            value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
            allowEmpty={[true, true]}
            onChange={(range) => setParam({ from: range?.[0]?.format('YYYY-MM-DD') ?? null, to: range?.[1]?.format('YYYY-MM-DD') ?? null })}
            placeholder={[t('orders.from'), t('orders.to')]}
            data-testid="order-dates"
          />
          <Select
            value={sort}
            onChange={(v: string) => setParam({ sort: v === DEFAULT_SORT ? null : v })}
            style={{ minWidth: 150 }}
            data-testid="order-sort"
            options={SORTS.map((s) => ({ value: s, label: `${t(`orders.sort.${s.replace('-', '')}`)} ${s.startsWith('-') ? '↓' : '↑'}` }))}
          />
          {hasFilters && <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>}
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void list.refetch()} loading={list.isFetching && !firstLoad} />
        </Flex>
        <Table<OrderSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching && !firstLoad}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="orders-table"
          expandable={{ expandedRowRender: (o) => <OrderLines order={o} />, rowExpandable: (o) => o.lineCount > 0 }}
          locale={{
            emptyText: <ListEmpty list={list} filtered={hasFilters && { text: t('orders.emptyFiltered'), onClear: clearFilters }} empty={t('orders.emptyAll')} />,
          }}
        />
        <ListPager list={list} paging={paging} />
      </Card>
    </>
  );
}
