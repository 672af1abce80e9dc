// 客户金字塔: accounts, revenue and gross profit per tier (重要 / 主要 / 普通 / 长尾) as a pyramid and
// a table, the Pareto curve (how much of revenue and profit the top 20 % bring), the last
// recompute, and for directors: recompute now and take a snapshot.
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CameraOutlined, SwapOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/session';
import { can } from '../auth/permissions';
import { useErrorHandler } from '../api/errors';
import { PageHeader } from '../shared/PageHeader';
import { formatDateTime, formatMoney } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { usePareto, usePyramid, useTieringMutations, type TierFigures } from './api';
import { ParetoChart, PyramidChart, TIER_COLORS } from './charts';
import { EntitlementsCard } from './EntitlementsCard';

const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`);
const sharePct = (s: string | null) => (s === null ? '—' : `${(Number(s) * 100).toFixed(1)}%`);

export default function PyramidPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const user = useCurrentUser();
  const manages = can.manageTiers(user.role);
  useDocumentTitle(t('tiering.title'));
  const pyramid = usePyramid();
  const pareto = usePareto();
  const { recompute, snapshot } = useTieringMutations();

  const tiers = pyramid.data?.tiers ?? [];
  const total = tiers.reduce((n, x) => n + x.accounts, 0);
  const revenue = tiers.reduce((n, x) => n + Number(x.revenue), 0);
  const run = pyramid.data?.lastRecompute ?? null;

  const columns: TableProps<TierFigures>['columns'] = [
    { key: 'tier', title: t('tiering.tier'), render: (_v, x) => <Typography.Text strong style={{ color: TIER_COLORS[x.tier] }}>{x.tierName}</Typography.Text> },
    { key: 'accounts', title: t('tiering.accounts'), align: 'right', render: (_v, x) => x.accounts.toLocaleString() },
    { key: 'share', title: t('tiering.accountShare'), align: 'right', render: (_v, x) => pct(x.accounts, total) },
    { key: 'revenue', title: t('tiering.revenue'), align: 'right', render: (_v, x) => formatMoney(x.revenue) },
    { key: 'revenueShare', title: t('tiering.revenueShare'), align: 'right', render: (_v, x) => pct(Number(x.revenue), revenue) },
    { key: 'gp', title: t('tiering.grossProfit'), align: 'right', render: (_v, x) => formatMoney(x.grossProfit) },
    { key: 'flags', title: t('tiering.insufficient'), align: 'right', render: (_v, x) => x.insufficientData.toLocaleString() },
    { key: 'overridden', title: t('tiering.overridden'), align: 'right', render: (_v, x) => (x.overridden ?? 0).toLocaleString() },
  ];

  const doRecompute = async () => {
    try {
      const r = await recompute.mutateAsync();
      void message.success(t('tiering.recomputed', { accounts: r.accounts.toLocaleString(), changed: r.changed.toLocaleString(), seconds: (r.ms / 1000).toFixed(1) }));
    } catch (err) {
      handleError(err);
    }
  };
  const doSnapshot = async () => {
    try {
      const s = await snapshot.mutateAsync({});
      void message.success(t('tiering.snapshotTaken', { label: s.label }));
    } catch (err) {
      handleError(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('tiering.title')}
        subtitle={run ? t('tiering.lastRun', { at: formatDateTime(run.computedAt), model: run.modelName, version: run.modelVersion, scored: run.scored.toLocaleString() }) : t('tiering.subtitle')}
        extra={
          <>
            <Link to="/tiering/migration">
              <Button icon={<SwapOutlined />}>{t('tiering.migration')}</Button>
            </Link>
            {manages && (
              <Button icon={<CameraOutlined />} onClick={() => void doSnapshot()} loading={snapshot.isPending} data-testid="take-snapshot">
                {t('tiering.takeSnapshot')}
              </Button>
            )}
            {manages && (
              <Button type="primary" icon={<SyncOutlined />} onClick={() => void doRecompute()} loading={recompute.isPending} data-testid="recompute">
                {t('tiering.recompute')}
              </Button>
            )}
          </>
        }
      />
      {pyramid.data?.scope === 'yours' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('tiering.scopeYours')} />}
      {pyramid.isLoading ? (
        <Card variant="borderless"><Skeleton active paragraph={{ rows: 8 }} /></Card>
      ) : !run ? (
        <Card variant="borderless">
          <Empty description={t('tiering.never')}>{manages && <Button type="primary" onClick={() => void doRecompute()} loading={recompute.isPending}>{t('tiering.recompute')}</Button>}</Empty>
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card variant="borderless" title={t('tiering.pyramid')} style={{ height: '100%' }}>
                <PyramidChart tiers={tiers} />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card variant="borderless" title={t('tiering.byTier')} style={{ height: '100%' }}>
                <Table<TierFigures> rowKey="tier" size="middle" columns={columns} dataSource={tiers} pagination={false} scroll={{ x: 760 }} data-testid="pyramid-table" />
              </Card>
            </Col>
          </Row>
          <Card variant="borderless" title={t('tiering.pareto')} style={{ marginTop: 16 }}>
            {pareto.data ? (
              <Row gutter={[24, 16]} align="middle">
                <Col xs={24} lg={7}>
                  <Flex vertical gap={16}>
                    <Statistic title={t('tiering.topRevenueShare', { p: pareto.data.topPercent })} value={sharePct(pareto.data.revenue.topShare)} data-testid="pareto-revenue" />
                    <Statistic title={t('tiering.topProfitShare', { p: pareto.data.topPercent })} value={sharePct(pareto.data.grossProfit.topShare)} />
                    <Typography.Text type="secondary">{t('tiering.paretoHint', { top: pareto.data.revenue.top.toLocaleString(), n: pareto.data.revenue.accounts.toLocaleString() })}</Typography.Text>
                  </Flex>
                </Col>
                <Col xs={24} lg={17}>
                  <ParetoChart revenue={pareto.data.revenue} grossProfit={pareto.data.grossProfit} topPercent={pareto.data.topPercent} />
                </Col>
              </Row>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </>
      )}
      <EntitlementsCard editable={manages} />
    </>
  );
}
