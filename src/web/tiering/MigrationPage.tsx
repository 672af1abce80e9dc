// 客户迁移: pick two snapshots — the 4×4 matrix (from-tier rows, to-tier columns, with new and
// gone), the Sankey of the flow, the pyramid of each, and the accounts that moved up or down.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Id } from '../api/types';
import { PageHeader } from '../shared/PageHeader';
import { formatDate } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useMigration, useSnapshots, type Migration, type Mover, type TierKey } from './api';
import { MigrationSankey, PyramidChart, TIER_COLORS } from './charts';

const TIERS: TierKey[] = ['key', 'major', 'ordinary', 'longTail'];

function Matrix({ m, names }: { m: Migration; names: Record<TierKey, string> }) {
  const { t } = useTranslation();
  type Row = { key: string; label: string; cells: number[]; gone: number | null; tier: TierKey | null };
  const rows: Row[] = [
    ...TIERS.map((k, i) => ({ key: k, label: names[k], cells: m.matrix[i] ?? [], gone: m.goneFrom[i] ?? 0, tier: k })),
    { key: 'new', label: t('tiering.newAccounts'), cells: m.newIn, gone: null, tier: null },
  ];
  const columns: TableProps<Row>['columns'] = [
    { key: 'from', title: `${m.from.label} ↓ / ${m.to.label} →`, render: (_v, r) => <Typography.Text strong style={{ color: r.tier ? TIER_COLORS[r.tier] : undefined }}>{r.label}</Typography.Text> },
    ...TIERS.map((k, j) => ({
      key: k,
      title: names[k],
      align: 'right' as const,
      render: (_v: unknown, r: Row) => {
        const n = r.cells[j] ?? 0;
        const i = TIERS.indexOf(r.tier ?? 'key');
        const style = r.tier === null || n === 0 ? undefined : i === j ? { fontWeight: 600 } : { color: j < i ? '#389e0d' : '#cf1322' };
        return <span style={style}>{n.toLocaleString()}</span>;
      },
    })),
    { key: 'gone', title: t('tiering.goneAccounts'), align: 'right', render: (_v, r) => (r.gone === null ? '' : r.gone.toLocaleString()) },
  ];
  return <Table<Row> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="migration-matrix" />;
}

function Movers({ items, count, names, direction }: { items: Mover[]; count: number; names: Record<TierKey, string>; direction: 'up' | 'down' }) {
  const { t } = useTranslation();
  const columns: TableProps<Mover>['columns'] = [
    { key: 'name', title: t('accounts.fields.name'), ellipsis: true, render: (_v, x) => <Link to={`/accounts/${x.accountId}?tab=tier`}>{x.accountName ?? `#${x.accountId}`}</Link> },
    {
      key: 'move',
      title: t('tiering.move'),
      width: 220,
      render: (_v, x) => (
        <Flex align="center" gap={4}>
          <Tag color={TIER_COLORS[x.from]}>{names[x.from]}</Tag>
          <ArrowRightOutlined />
          <Tag color={TIER_COLORS[x.to]}>{names[x.to]}</Tag>
        </Flex>
      ),
    },
  ];
  return (
    <Card variant="borderless" size="small" title={t(direction === 'up' ? 'tiering.movedUp' : 'tiering.movedDown', { count })} style={{ height: '100%' }}>
      <Table<Mover> rowKey="accountId" size="small" columns={columns} dataSource={items} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid={`movers-${direction}`} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tiering.noMovers')} /> }} />
    </Card>
  );
}

export default function MigrationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tiering.migration'));
  const snapshots = useSnapshots();
  const items = snapshots.data?.items ?? [];
  const [from, setFrom] = useState<Id | null>(null);
  const [to, setTo] = useState<Id | null>(null);
  useEffect(() => {
    // Default: the two newest snapshots (older → newer).
    if (items.length >= 2 && from === null && to === null) {
      setFrom(items[1]!.id);
      setTo(items[0]!.id);
    }
  }, [items, from, to]);
  const m = useMigration(from, to);
  const options = items.map((s) => ({ value: s.id, label: `${s.label} (${formatDate(s.asOf)})` }));
  const names = Object.fromEntries(TIERS.map((k, i) => [k, m.data?.to.tiers[i]?.tierName ?? t(`keyAccounts.tiers.${k}`)])) as Record<TierKey, string>;

  return (
    <>
      <PageHeader
        title={t('tiering.migration')}
        subtitle={t('tiering.migrationSubtitle')}
        breadcrumb={[{ title: <Link to="/tiering">{t('tiering.title')}</Link> }, { title: t('tiering.migration') }]}
        extra={
          <Flex gap={8} align="center" wrap>
            <Select style={{ width: 220 }} value={from} onChange={setFrom} options={options} placeholder={t('tiering.fromSnapshot')} data-testid="migration-from" />
            <ArrowRightOutlined />
            <Select style={{ width: 220 }} value={to} onChange={setTo} options={options} placeholder={t('tiering.toSnapshot')} data-testid="migration-to" />
          </Flex>
        }
      />
      {snapshots.isLoading ? (
        <Skeleton active />
      ) : items.length < 2 ? (
        <Card variant="borderless"><Empty description={t('tiering.needTwoSnapshots')} /></Card>
      ) : !m.data ? (
        <Card variant="borderless"><Skeleton active paragraph={{ rows: 8 }} /></Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('tiering.matrix', { stayed: m.data.stayed.toLocaleString(), up: m.data.upCount.toLocaleString(), down: m.data.downCount.toLocaleString() })} style={{ height: '100%' }}>
                <Matrix m={m.data} names={names} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card variant="borderless" title={t('tiering.flow')} style={{ height: '100%' }}>
                <MigrationSankey m={m.data} names={names} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card variant="borderless" title={t('tiering.pyramidOf', { label: m.data.from.label })}>
                <PyramidChart tiers={m.data.from.tiers} height={240} />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card variant="borderless" title={t('tiering.pyramidOf', { label: m.data.to.label })}>
                <PyramidChart tiers={m.data.to.tiers} height={240} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Movers items={m.data.up} count={m.data.upCount} names={names} direction="up" />
            </Col>
            <Col xs={24} xl={12}>
              <Movers items={m.data.down} count={m.data.downCount} names={names} direction="down" />
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
