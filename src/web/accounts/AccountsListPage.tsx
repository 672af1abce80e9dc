// 客户档案: the account list with search, filters, server-side sort and cursor paging.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Flex, Input, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AccountListItem } from '../api/types';
import { metaOptions, useMeta } from '../api/meta';
import { useCurrentUser } from '../auth/session';
import { can } from '../auth/permissions';
import { PageHeader } from '../shared/PageHeader';
import { ClassificationTags, LifecycleTag, useEnumOptions } from '../shared/labels';
import { EMPTY, formatDateTime, formatMoney, orEmpty } from '../shared/format';
import { isFirstLoad, ListEmpty, ListPager, usePaging } from '../shared/PagedList';
import { ExportButton } from '../shared/ExportButton';
import { useAccountList } from './api';
import { AccountFormDrawer } from './AccountFormDrawer';
import { useDocumentTitle } from '../shared/useDocumentTitle';

const FILTERS = ['lifecycleStatus', 'industry', 'region', 'classification'] as const;
const SORT_FIELDS = ['updatedAt', 'createdAt', 'name', 'annualRevenue', 'employees'] as const;
const DEFAULT_SORT = '-updatedAt';

export default function AccountsListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const meta = useMeta();
  const enums = useEnumOptions();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [creating, setCreating] = useState(false);
  useDocumentTitle(t('accounts.title'));

  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const paging = usePaging({ q, sort, filters });
  const list = useAccountList({ q: q || undefined, sort, ...paging.query, ...filters });
  const hasFilters = q !== '' || FILTERS.some((f) => filters[f]);

  const setParam = (key: string, value: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clearFilters = () => {
    setSearch('');
    setParams(sort === DEFAULT_SORT ? {} : { sort }, { replace: true });
  };

  const sortField = sort.replace(/^-/, '');
  const sortDir = sort.startsWith('-') ? 'descend' : 'ascend';
  const sortOrderOf = (field: string) => (sortField === field ? sortDir : null);

  const columns: TableProps<AccountListItem>['columns'] = [
      {
        key: 'name',
        title: t('accounts.fields.name'),
        dataIndex: 'name',
        sorter: true,
        sortOrder: sortOrderOf('name'),
        ellipsis: true,
        width: 220,
        fixed: 'left',
        render: (_v, a) => (
          <Link to={`/accounts/${a.id}`} data-testid="account-link">
            <Typography.Text strong style={{ color: 'inherit' }}>
              {a.name}
            </Typography.Text>
          </Link>
        ),
      },
      { key: 'shortName', title: t('accounts.fields.shortName'), dataIndex: 'shortName', width: 90, ellipsis: true, render: orEmpty },
      { key: 'industry', title: t('accounts.fields.industry'), dataIndex: 'industry', width: 90, render: orEmpty },
      { key: 'region', title: t('accounts.fields.region'), dataIndex: 'region', width: 80, render: orEmpty },
      {
        key: 'classifications',
        title: t('accounts.fields.classifications'),
        dataIndex: 'classifications',
        width: 170,
        render: (_v, a) => <ClassificationTags values={a.classifications} />,
      },
      {
        key: 'lifecycleStatus',
        title: t('accounts.fields.lifecycleStatus'),
        dataIndex: 'lifecycleStatus',
        width: 84,
        render: (_v, a) => <LifecycleTag status={a.lifecycleStatus} />,
      },
      {
        key: 'owner',
        title: t('accounts.fields.owner'),
        width: 90,
        render: (_v, a) => a.owner?.displayName ?? EMPTY,
      },
      {
        key: 'annualRevenue',
        title: t('accounts.fields.annualRevenue'),
        dataIndex: 'annualRevenue',
        align: 'right',
        width: 150,
        sorter: true,
        sortOrder: sortOrderOf('annualRevenue'),
        render: (_v, a) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(a.annualRevenue)}</span>,
      },
      {
        key: 'updatedAt',
        title: t('accounts.fields.updatedAt'),
        dataIndex: 'updatedAt',
        width: 140,
        sorter: true,
        sortOrder: sortOrderOf('updatedAt'),
        render: (_v, a) => formatDateTime(a.updatedAt),
      },
  ];

  const onTableChange: TableProps<AccountListItem>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!s || !s.order || !s.columnKey) setParam('sort', null);
    else setParam('sort', `${s.order === 'descend' ? '-' : ''}${String(s.columnKey)}`);
  };

  const items = list.data?.items ?? [];
  const firstLoad = isFirstLoad(list);

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        extra={
          <Flex gap={8}>
            <ExportButton entity="accounts" filters={{ q: q || undefined, sort, ...filters }} />
            {can.createAccount(user.role) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-new">
                {t('accounts.new')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card variant="borderless">
        <Flex gap={8} wrap className="kam-toolbar" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setParam('q', v.trim() || null)}
            placeholder={t('accounts.searchPlaceholder')}
            style={{ width: 240 }}
            data-testid="account-search"
          />
          <Select
            allowClear
            placeholder={t('accounts.fields.lifecycleStatus')}
            value={filters.lifecycleStatus}
            onChange={(v?: string) => setParam('lifecycleStatus', v)}
            options={enums.lifecycle}
            data-testid="filter-lifecycle"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('accounts.fields.industry')}
            value={filters.industry}
            onChange={(v?: string) => setParam('industry', v)}
            options={metaOptions(meta.data?.industries)}
            data-testid="filter-industry"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('accounts.fields.region')}
            value={filters.region}
            onChange={(v?: string) => setParam('region', v)}
            options={metaOptions(meta.data?.regions)}
            data-testid="filter-region"
          />
          <Select
            allowClear
            placeholder={t('accounts.fields.classifications')}
            value={filters.classification}
            onChange={(v?: string) => setParam('classification', v)}
            options={enums.classification}
            data-testid="filter-classification"
          />
          <Select
            value={sort}
            onChange={(v: string) => setParam('sort', v === DEFAULT_SORT ? null : v)}
            style={{ minWidth: 150 }}
            data-testid="account-sort"
            options={SORT_FIELDS.flatMap((f) => [
              { value: `-${f}`, label: `${t(`accounts.sort.${f}`)} ↓` },
              { value: f, label: `${t(`accounts.sort.${f}`)} ↑` },
            ])}
          />
          {hasFilters && <Button onClick={clearFilters}>{t('common.clearFilters')}</Button>}
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            onClick={() => void list.refetch()}
            loading={list.isFetching && !firstLoad}
          />
        </Flex>
        <Table<AccountListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={list.isFetching && !firstLoad}
          pagination={false}
          onChange={onTableChange}
          scroll={{ x: 1100 }}
          data-testid="accounts-table"
          onRow={(a) => ({ onDoubleClick: () => void navigate(`/accounts/${a.id}`) })}
          locale={{
            emptyText: (
              <ListEmpty
                list={list}
                filtered={hasFilters && { text: t('accounts.emptyFiltered'), onClear: clearFilters }}
                empty={t('accounts.empty')}
                action={
                  can.createAccount(user.role) && (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                      {t('accounts.new')}
                    </Button>
                  )
                }
              />
            ),
          }}
        />
        <ListPager list={list} paging={paging} />
      </Card>
      <AccountFormDrawer
        open={creating}
        showAssignment={can.assignAccounts(user.role)}
        onClose={() => setCreating(false)}
        onSaved={(a) => {
          setCreating(false);
          void navigate(`/accounts/${a.id}`);
        }}
      />
    </>
  );
}
