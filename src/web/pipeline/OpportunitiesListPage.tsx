// 商机列表: every opportunity the user sees — filter by stage, owner, account, status, expected
// close range and name; sort by expected close, amount or stage; cursor paging; create in a
// drawer (roles that may). The export registry has no opportunities, so there is no export here.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, DatePicker, Flex, Input, Select, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { AppstoreOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDate } from '../shared/format';
import { isFirstLoad, ListEmpty, ListPager, usePaging } from '../shared/PagedList';
import { UserSelect } from '../shared/UserSelect';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { AccountSelect } from '../accounts/AccountSelect';
import { useCurrentUser } from '../auth/session';
import { useOpportunityList, useStages, type Opportunity, type OpportunityStatus } from './api';
import { Money, StatusTag, useStageName } from './labels';
import { canCreateOpportunities, OpportunityFormDrawer } from './OpportunityFormDrawer';

const SORTS = ['expectedCloseDate', '-expectedCloseDate', '-amount', 'amount', '-stage', 'stage'] as const;
const DEFAULT_SORT = 'expectedCloseDate';
const STATUSES: OpportunityStatus[] = ['open', 'won', 'lost'];

export default function OpportunitiesListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('pipeline.list.title'));
  const stages = useStages();
  const stageName = useStageName(stages.data);

  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const filters = {
    q: params.get('q') || undefined,
    stage: num('stage'),
    ownerId: num('owner'),
    accountId: num('account'),
    status: (params.get('status') as OpportunityStatus | null) ?? undefined,
    closeFrom: params.get('from') || undefined,
    closeTo: params.get('to') || undefined,
    sort,
  };
  const hasFilters = Object.entries(filters).some(([k, v]) => k !== 'sort' && v !== undefined);
  const paging = usePaging(filters);
  const list = useOpportunityList({ ...filters, ...paging.query });

  const setParam = (entries: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(entries)) {
      if (v !== null && v !== undefined && v !== '') next.set(k, String(v));
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const clearFilters = () => {
    setSearch('');
    setParams(sort === DEFAULT_SORT ? {} : { sort }, { replace: true });
  };

  const columns: TableProps<Opportunity>['columns'] = [
    {
      key: 'name',
      title: t('pipeline.fields.name'),
      width: 260,
      render: (_v, o) => (
        <Link to={`/opportunities/${o.id}`} data-testid="opportunity-link">
          {o.name}
        </Link>
      ),
    },
    { key: 'account', title: t('pipeline.fields.account'), width: 220, ellipsis: true, render: (_v, o) => <Link to={`/accounts/${o.accountId}?tab=opportunities`}>{o.accountName}</Link> },
    {
      key: 'stage',
      title: t('pipeline.fields.stage'),
      width: 170,
      render: (_v, o) => (
        <Flex gap={4} wrap>
          <Tag data-testid="opportunity-stage">{`${o.stage}. ${stageName(o.stage)}`}</Tag>
          {o.status !== 'open' && <StatusTag status={o.status} />}
        </Flex>
      ),
    },
    { key: 'amount', title: t('pipeline.fields.amount'), align: 'right', width: 160, render: (_v, o) => <Money value={o.amount} currency={o.currency} testId="opportunity-amount" /> },
    { key: 'probability', title: t('pipeline.fields.probability'), align: 'right', width: 104, render: (_v, o) => `${o.probability}%` },
    { key: 'expectedClose', title: t('pipeline.fields.expectedClose'), width: 120, render: (_v, o) => <span data-testid="opportunity-close">{formatDate(o.expectedCloseDate)}</span> },
    { key: 'owner', title: t('pipeline.fields.owner'), width: 120, render: (_v, o) => o.ownerName ?? EMPTY },
    { key: 'products', title: t('pipeline.fields.products'), ellipsis: true, render: (_v, o) => (o.products.length ? o.products.join('、') : EMPTY) },
  ];

  const items = list.data?.items ?? [];
  const firstLoad = isFirstLoad(list);

  return (
    <>
      <PageHeader
        title={t('pipeline.list.title')}
        subtitle={t('pipeline.list.subtitle')}
        extra={
          <>
            <Button icon={<AppstoreOutlined />} onClick={() => navigate('/pipeline')}>
              {t('pipeline.board.title')}
            </Button>
            {canCreateOpportunities(user.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-create">
                {t('pipeline.list.create')}
              </Button>
            )}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={8} wrap className="kam-toolbar" style={{ marginBottom: 16 }}>
          <Input.Search allowClear value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => setParam({ q: v.trim() })} placeholder={t('pipeline.list.searchPlaceholder')} style={{ width: 200 }} data-testid="opportunity-search" />
          <Select
            allowClear
            value={filters.stage ?? null}
            onChange={(v: number | null) => setParam({ stage: v })}
            placeholder={t('pipeline.fields.stage')}
            style={{ width: 150 }}
            options={(stages.data ?? []).map((s) => ({ value: s.stage, label: `${s.stage}. ${stageName(s.stage)}` }))}
            data-testid="opportunity-stage-filter"
          />
          <Select allowClear value={filters.status ?? null} onChange={(v: string | null) => setParam({ status: v })} placeholder={t('pipeline.fields.status')} style={{ width: 120 }} options={STATUSES.map((s) => ({ value: s, label: t(`pipeline.status.${s}`) }))} data-testid="opportunity-status-filter" />
          <UserSelect value={filters.ownerId ?? null} onChange={(v) => setParam({ owner: v })} roles={['admin', 'director', 'kam', 'sponsor']} placeholder={t('pipeline.filters.owner')} style={{ width: 180 }} />
          <AccountSelect
            value={filters.accountId ?? null}
            initial={filters.accountId ? { id: filters.accountId, name: items.find((o) => o.accountId === filters.accountId)?.accountName ?? `#${filters.accountId}` } : null}
            onChange={(v) => setParam({ account: v })}
            allowClear
            placeholder={t('pipeline.filters.account')}
            style={{ width: 220 }}
          />
          <DatePicker.RangePicker
            value={filters.closeFrom || filters.closeTo ? [filters.closeFrom ? dayjs(filters.closeFrom) : null, filters.closeTo ? dayjs(filters.closeTo) : null] : null}
            allowEmpty={[true, true]}
            onChange={(r) => setParam({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('pipeline.filters.closeFrom'), t('pipeline.filters.closeTo')]}
          />
          <Select
            value={sort}
            onChange={(v: string) => setParam({ sort: v === DEFAULT_SORT ? null : v })}
            style={{ minWidth: 150 }}
            data-testid="opportunity-sort"
            options={SORTS.map((s) => ({ value: s, label: `${t(`pipeline.list.sort.${s.replace('-', '')}`)} ${s.startsWith('-') ? '↓' : '↑'}` }))}
          />
          {hasFilters && <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>}
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void list.refetch()} loading={list.isFetching && !firstLoad} />
        </Flex>
        <Table<Opportunity>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching && !firstLoad}
          pagination={false}
          scroll={{ x: 1200 }}
          data-testid="opportunities-table"
          locale={{
            emptyText: <ListEmpty list={list} filtered={hasFilters && { text: t('pipeline.list.emptyFiltered'), onClear: clearFilters }} empty={t('pipeline.list.emptyAll')} />,
          }}
        />
        <ListPager list={list} paging={paging} />
      </Card>
      <OpportunityFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/opportunities/${o.id}`)} />
    </>
  );
}
