// 大客户计划: the program's written criteria and size, the key accounts, the review (纳入
// candidates / 淘汰 key accounts that no longer qualify) and the managers' load.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Descriptions, Empty, Flex, Input, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session';
import { can } from '../auth/permissions';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDate, formatMoney } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { Chart } from '../shared/charts/Chart';
import { TIER_KEYS, useCapacity, useKeyAccounts, useProgram, useProgramMutations, useReview, type Capacity, type Program, type ProgramAccount } from './api';
import { CriteriaState, TierTag } from './labels';
import { ReasonModal } from './ReasonModal';
import { ProgramDrawer } from './ProgramDrawer';

function ProgramCard({ program, onEdit }: { program: Program; onEdit?: () => void }) {
  const { t } = useTranslation();
  return (
    <Card variant="borderless" style={{ marginBottom: 16 }} title={t('keyAccounts.programTitle')} extra={onEdit && <Button icon={<EditOutlined />} onClick={onEdit} data-testid="program-edit">{t('common.edit')}</Button>}>
      {program.sizeWarning && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="size-warning"
          title={t(`keyAccounts.sizeWarning.${program.sizeWarning}`, { size: program.size, min: program.minSize, max: program.maxSize })}
        />
      )}
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('keyAccounts.size')}>
          <Typography.Text strong data-testid="program-size">{t('keyAccounts.sizeOf', { size: program.size, min: program.minSize, max: program.maxSize })}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('keyAccounts.criteriaTiers')}>
          {program.criteriaTiers.length ? program.criteriaTiers.map((x) => <TierTag key={x} tier={x} />) : t('keyAccounts.anyTier')}
        </Descriptions.Item>
        <Descriptions.Item label={t('keyAccounts.minGrossProfit')}>{program.minGrossProfit ? formatMoney(program.minGrossProfit) : EMPTY}</Descriptions.Item>
        <Descriptions.Item label={t('keyAccounts.classifications')}>
          {program.anyClassifications.length ? program.anyClassifications.map((c) => <Tag key={c}>{t(`enums.classification.${c}`)}</Tag>) : EMPTY}
        </Descriptions.Item>
        <Descriptions.Item label={t('keyAccounts.champion')}>{program.champion?.displayName ?? EMPTY}</Descriptions.Item>
      </Descriptions>
      {program.criteriaText && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {program.criteriaText}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function useAccountColumns(extra: TableProps<ProgramAccount>['columns'] = []): TableProps<ProgramAccount>['columns'] {
  const { t } = useTranslation();
  return [
    { key: 'name', title: t('accounts.fields.name'), ellipsis: true, render: (_v, a) => <Link to={`/accounts/${a.accountId}?tab=plan`}>{a.name}</Link> },
    { key: 'tier', title: t('keyAccounts.tier'), width: 120, render: (_v, a) => <TierTag tier={a.tier} overridden={a.overridden} /> },
    { key: 'gp', title: t('keyAccounts.grossProfit'), align: 'right', width: 150, render: (_v, a) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(a.grossProfit)}</span> },
    { key: 'owner', title: t('accounts.fields.owner'), width: 100, render: (_v, a) => a.owner?.displayName ?? EMPTY },
    { key: 'sponsor', title: t('keyAccounts.sponsor'), width: 100, render: (_v, a) => a.sponsor?.displayName ?? <Typography.Text type="danger">{t('keyAccounts.noSponsor')}</Typography.Text> },
    { key: 'criteria', title: t('keyAccounts.criteria'), width: 200, render: (_v, a) => <CriteriaState a={a} /> },
    ...(extra ?? []),
  ];
}

function CapacityView({ data }: { data: Capacity }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 16, bottom: 28, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: t('keyAccounts.load'), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'category', data: data.managers.map((m) => m.displayName), inverse: true },
      series: [
        {
          type: 'bar',
          barMaxWidth: 22,
          data: data.managers.map((m) => ({ value: m.load, itemStyle: { color: m.over ? '#cf1322' : '#1d4ed8', borderRadius: [0, 4, 4, 0] } })),
          markLine: { symbol: 'none', data: [{ xAxis: 1 }], lineStyle: { color: '#d48806', type: 'dashed' }, label: { formatter: t('keyAccounts.fullLoad') } },
        },
      ],
    }),
    [data, t],
  );
  const columns: TableProps<Capacity['managers'][number]>['columns'] = [
    { key: 'name', title: t('keyAccounts.manager'), dataIndex: 'displayName' },
    ...TIER_KEYS.map((tier) => ({
      key: `t${tier}`,
      title: `${t(`keyAccounts.tiers.${tier}`)} (1:${data.accountsPerManager[tier]})`,
      align: 'right' as const,
      render: (_v: unknown, m: Capacity['managers'][number]) => m.byTier[tier],
    })),
    { key: 'total', title: t('keyAccounts.total'), dataIndex: 'total', align: 'right' },
    { key: 'load', title: t('keyAccounts.load'), align: 'right', render: (_v, m) => <Tag color={m.over ? 'red' : 'green'}>{`${Math.round(m.load * 100)}%`}</Tag> },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('keyAccounts.capacityHint')}</Typography.Paragraph>
      {data.managers.length > 0 && <Chart option={option} height={Math.max(160, data.managers.length * 36 + 40)} ariaLabel={t('keyAccounts.capacityChart')} testId="capacity-chart" />}
      <Table rowKey="userId" size="small" columns={columns} dataSource={data.managers} pagination={false} style={{ marginTop: 16 }} data-testid="capacity-table" />
    </>
  );
}

export default function KeyAccountsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const decides = can.runKeyAccountProgram(user.role);
  const seesCapacity = decides || user.role === 'analyst' || user.role === 'kam';
  useDocumentTitle(t('keyAccounts.title'));
  const program = useProgram();
  const list = useKeyAccounts();
  const review = useReview(decides);
  const capacity = useCapacity(seesCapacity);
  const { designate, remove } = useProgramMutations();
  const [editing, setEditing] = useState(false);
  const [filter, setFilter] = useState('');
  const [deciding, setDeciding] = useState<{ kind: 'designate' | 'remove'; account: ProgramAccount } | null>(null);

  const listColumns = useAccountColumns([
    { key: 'since', title: t('keyAccounts.since'), width: 110, render: (_v, a) => formatDate(a.designatedAt) },
    ...(decides ? [{ key: 'act', width: 90, render: (_v: unknown, a: ProgramAccount) => <Button size="small" danger onClick={() => setDeciding({ kind: 'remove', account: a })}>{t('keyAccounts.remove')}</Button> }] : []),
  ]);
  const candidateColumns = useAccountColumns([
    { key: 'act', width: 90, render: (_v, a) => <Button size="small" type="primary" data-testid="designate" onClick={() => setDeciding({ kind: 'designate', account: a })}>{t('keyAccounts.designate')}</Button> },
  ]);
  const failingColumns = useAccountColumns([
    { key: 'act', width: 90, render: (_v, a) => <Button size="small" danger data-testid="remove" onClick={() => setDeciding({ kind: 'remove', account: a })}>{t('keyAccounts.remove')}</Button> },
  ]);

  const p = program.data;
  const nextSize = p ? p.size + (deciding?.kind === 'designate' ? 1 : -1) : 0;
  const warning = p && deciding ? (nextSize > p.maxSize ? t('keyAccounts.sizeWarning.above', { size: nextSize, min: p.minSize, max: p.maxSize }) : nextSize < p.minSize ? t('keyAccounts.sizeWarning.below', { size: nextSize, min: p.minSize, max: p.maxSize }) : null) : null;

  const tabs = [
    {
      key: 'list',
      label: <span data-testid="tab-key-list">{t('keyAccounts.listTab', { count: list.data?.size ?? 0 })}</span>,
      children: (
        <Table<ProgramAccount>
          rowKey="accountId"
          size="middle"
          loading={list.isLoading}
          columns={listColumns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="key-accounts-table"
          locale={{ emptyText: <Empty description={t('keyAccounts.emptyList')} /> }}
        />
      ),
    },
    ...(decides
      ? [
          {
            key: 'review',
            label: <span data-testid="tab-review">{t('keyAccounts.reviewTab')}</span>,
            children: review.isLoading ? (
              <Skeleton active />
            ) : (
              <>
                <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
                  <Typography.Title level={5} style={{ margin: 0 }}>{t('keyAccounts.candidates', { count: review.data?.candidateCount ?? 0 })}</Typography.Title>
                  <Input.Search allowClear placeholder={t('keyAccounts.filterByName')} style={{ width: 240 }} onChange={(e) => setFilter(e.target.value.trim())} data-testid="candidate-filter" />
                </Flex>
                <Table<ProgramAccount> rowKey="accountId" size="small" columns={candidateColumns} dataSource={(review.data?.candidates ?? []).filter((c) => !filter || c.name.includes(filter))} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 1000 }} data-testid="candidates-table" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keyAccounts.noCandidates')} /> }} />
                <Typography.Title level={5} style={{ marginTop: 24 }}>{t('keyAccounts.failing', { count: review.data?.failing.length ?? 0 })}</Typography.Title>
                <Table<ProgramAccount> rowKey="accountId" size="small" columns={failingColumns} dataSource={review.data?.failing ?? []} pagination={false} scroll={{ x: 1000 }} data-testid="failing-table" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keyAccounts.noFailing')} /> }} />
              </>
            ),
          },
        ]
      : []),
    ...(seesCapacity
      ? [{ key: 'capacity', label: <span data-testid="tab-capacity">{t('keyAccounts.capacityTab')}</span>, children: capacity.data ? <CapacityView data={capacity.data} /> : <Skeleton active /> }]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('keyAccounts.title')} subtitle={t('keyAccounts.subtitle')} />
      {p ? <ProgramCard program={p} onEdit={decides ? () => setEditing(true) : undefined} /> : <Card variant="borderless" style={{ marginBottom: 16 }}><Skeleton active /></Card>}
      <Card variant="borderless">
        <Tabs items={tabs} />
      </Card>
      {editing && p && <ProgramDrawer program={p} onClose={() => setEditing(false)} />}
      {deciding && (
        <ReasonModal
          testId={deciding.kind}
          title={t(`keyAccounts.${deciding.kind}Title`, { name: deciding.account.name })}
          warning={[warning, deciding.kind === 'designate' && !deciding.account.meetsCriteria ? t('keyAccounts.designateUnmet') : null].filter(Boolean).join(' ') || null}
          onClose={() => setDeciding(null)}
          onSubmit={(reason) => (deciding.kind === 'designate' ? designate : remove).mutateAsync({ accountId: deciding.account.accountId, reason })}
        />
      )}
    </>
  );
}
