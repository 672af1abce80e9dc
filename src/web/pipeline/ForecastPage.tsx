// 销售预测: the weighted forecast (Σ amount × probability of open opportunities) with the win rate
// and cycle time as KPI cards, the forecast by month / quarter stacked by owner or tier, the
// stage-to-stage funnel, the stalled deals and win/loss by competitor — over what the user may see, optionally one owner
// or one account (?ownerId=, ?accountId=).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Col, Empty, Flex, InputNumber, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { UserSelect } from '../shared/UserSelect';
import { AccountSelect } from '../accounts/AccountSelect';
import { useAccount } from '../accounts/api';
import { formatDate, formatMoney, EMPTY } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useDebounced } from '../shared/useDebounced';
import { currentLanguage } from '../i18n';
import { useForecast, useFunnel, usePipelineMetrics, useStalled, type PipelineViewFilters, type StageDefinition, type StalledOpportunity } from './forecast-api';
import { useStages } from './api';
import { ForecastCard, FunnelCard } from './forecast-charts';
import { CompetitorRecordCard } from './CompetitorRecordCard';
import { formatRate } from './forecast-model';

const STALLED_LIMIT = 100;

function idParam(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
}

function Kpi({ title, value, detail, testId, color }: { title: string; value: string; detail: string; testId: string; color?: string }) {
  return (
    <Card size="small" variant="borderless" style={{ height: '100%' }} styles={{ body: { borderTop: `3px solid ${color ?? '#1d4ed8'}`, borderRadius: 8 } }}>
      <div data-testid={testId}>
        <Statistic title={title} value={value} styles={{ content: { fontSize: 24, fontVariantNumeric: 'tabular-nums' } }} />
      </div>
      <Typography.Text type="secondary">{detail}</Typography.Text>
    </Card>
  );
}

function StalledCard({ filters, stages }: { filters: PipelineViewFilters; stages: StageDefinition[] }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const debounced = useDebounced(days, 400);
  const stalled = useStalled({ ...filters, days: debounced, limit: STALLED_LIMIT });
  const lang = currentLanguage();
  const stageName = (n: number) => {
    const s = stages.find((x) => x.stage === n);
    return s ? (lang === 'zh-CN' ? s.nameZh : s.nameEn) : String(n);
  };
  const items = stalled.data?.items ?? [];
  const columns: TableProps<StalledOpportunity>['columns'] = [
    { key: 'name', title: t('pipeline.forecast.stalled.name'), ellipsis: true, render: (_v, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link> },
    { key: 'account', title: t('pipeline.forecast.stalled.account'), ellipsis: true, render: (_v, o) => <Link to={`/accounts/${o.accountId}?tab=opportunities`}>{o.accountName}</Link> },
    { key: 'stage', title: t('pipeline.forecast.stalled.stage'), width: 170, render: (_v, o) => <Tag>{`${o.stage}. ${stageName(o.stage)}`}</Tag> },
    { key: 'owner', title: t('pipeline.forecast.stalled.owner'), width: 100, render: (_v, o) => o.ownerName ?? EMPTY },
    { key: 'amount', title: t('pipeline.forecast.stalled.amount'), width: 140, align: 'right', render: (_v, o) => formatMoney(o.amount) },
    { key: 'probability', title: t('pipeline.forecast.stalled.probability'), width: 90, align: 'right', render: (_v, o) => `${o.probability}%` },
    { key: 'close', title: t('pipeline.forecast.stalled.expectedClose'), width: 115, render: (_v, o) => formatDate(o.expectedCloseDate) },
    {
      key: 'days',
      title: t('pipeline.forecast.stalled.daysInStage'),
      width: 110,
      align: 'right',
      render: (_v, o) => <Typography.Text type={o.daysInStage >= debounced * 2 ? 'danger' : 'warning'}>{t('pipeline.forecast.stalled.days', { days: o.daysInStage })}</Typography.Text>,
    },
  ];
  return (
    <Card
      variant="borderless"
      title={t('pipeline.forecast.stalled.title')}
      data-testid="stalled-card"
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('pipeline.forecast.stalled.threshold')}</Typography.Text>
          <InputNumber min={1} max={3650} value={days} onChange={(v) => setDays(typeof v === 'number' && v >= 1 ? Math.floor(v) : 30)} style={{ width: 90 }} data-testid="stalled-days" />
          <Typography.Text type="secondary">{t('pipeline.forecast.stalled.thresholdUnit')}</Typography.Text>
        </Flex>
      }
    >
      <Table<StalledOpportunity>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={stalled.isFetching && !!stalled.data}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 1050 }}
        data-testid="stalled-table"
        locale={{
          emptyText: stalled.isLoading ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : stalled.isError ? (
            <Empty description={t('errors.loadFailed')}>
              <Button onClick={() => void stalled.refetch()}>{t('common.retry')}</Button>
            </Empty>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.forecast.stalled.empty', { days: debounced })} />
          ),
        }}
      />
      {items.length >= STALLED_LIMIT && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('pipeline.forecast.stalled.limited', { count: STALLED_LIMIT })}
        </Typography.Text>
      )}
    </Card>
  );
}

export default function ForecastPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('pipeline.forecast.title'));
  const [params, setParams] = useSearchParams();
  const filters: PipelineViewFilters = { ownerId: idParam(params.get('ownerId')), accountId: idParam(params.get('accountId')) };
  const account = useAccount(filters.accountId);
  const forecast = useForecast(filters);
  const metrics = usePipelineMetrics(filters);
  const funnel = useFunnel(filters);
  const stages = useStages();
  const stageList = stages.data ?? [];

  const setFilter = (key: 'ownerId' | 'accountId', v: number | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(key, String(v));
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const refresh = () => void Promise.all([forecast.refetch(), metrics.refetch(), funnel.refetch()]);

  const m = metrics.data;
  const f = forecast.data;
  const loadFailed = (forecast.isError && !f) || (metrics.isError && !m);

  return (
    <>
      <PageHeader
        title={t('pipeline.forecast.title')}
        subtitle={t('pipeline.forecast.subtitle')}
        extra={
          <>
            <UserSelect
              value={filters.ownerId ?? null}
              onChange={(v) => setFilter('ownerId', v)}
              placeholder={t('pipeline.forecast.filters.owner')}
              style={{ width: 200 }}
              data-testid="forecast-owner"
            />
            <AccountSelect
              value={filters.accountId ?? null}
              initial={account.data ? { id: account.data.id, name: account.data.name } : null}
              onChange={(v) => setFilter('accountId', v)}
              placeholder={t('pipeline.forecast.filters.account')}
              style={{ width: 240 }}
              data-testid="forecast-account"
            />
            <Button icon={<ReloadOutlined />} onClick={refresh} aria-label={t('common.refresh')} />
          </>
        }
      />
      {loadFailed ? (
        <Card variant="borderless">
          <Empty description={t('errors.loadFailed')}>
            <Button onClick={refresh}>{t('common.retry')}</Button>
          </Empty>
        </Card>
      ) : !f || !m ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]} data-testid="forecast-kpis">
            <Col xs={24} sm={12} xl={6}>
              <Kpi title={t('pipeline.forecast.kpi.openPipeline')} value={formatMoney(m.openValue)} detail={t('pipeline.forecast.kpi.openCount', { count: m.open })} testId="kpi-open" />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi title={t('pipeline.forecast.kpi.weighted')} value={formatMoney(f.total.weighted)} detail={t('pipeline.forecast.kpi.weightedHint')} testId="kpi-weighted" color="#389e0d" />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                title={t('pipeline.forecast.kpi.winRate')}
                value={formatRate(m.winRate.rate)}
                detail={m.winRate.rate === null ? t('pipeline.forecast.kpi.noClosed') : t('pipeline.forecast.kpi.winRateDetail', { won: m.winRate.won, lost: m.winRate.lost })}
                testId="kpi-win-rate"
                color="#d48806"
              />
            </Col>
            <Col xs={24} sm={12} xl={6}>
              <Kpi
                title={t('pipeline.forecast.kpi.cycle')}
                value={m.cycleTime.meanDays === null ? EMPTY : t('pipeline.forecast.kpi.days', { days: m.cycleTime.meanDays })}
                detail={m.cycleTime.meanDays === null ? t('pipeline.forecast.kpi.noWon') : t('pipeline.forecast.kpi.cycleDetail', { median: m.cycleTime.medianDays, count: m.cycleTime.count })}
                testId="kpi-cycle"
                color="#7c3aed"
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <ForecastCard data={f} />
            </Col>
            <Col xs={24} xl={9}>
              {funnel.data ? (
                <FunnelCard steps={funnel.data.steps} stages={stageList} />
              ) : (
                <Card variant="borderless">
                  <Skeleton active />
                </Card>
              )}
            </Col>
          </Row>
          <StalledCard filters={filters} stages={stageList} />
          <CompetitorRecordCard filters={filters} />
        </Flex>
      )}
    </>
  );
}
