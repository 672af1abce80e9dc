// The forecast page's two charts, each also readable as a table: the weighted forecast by month or
// quarter stacked by owner or tier, and the stage-to-stage funnel with conversion rates.
import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Flex, Segmented, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Chart } from '../shared/charts/Chart';
import { formatInteger, formatMoney } from '../shared/format';
import { currentLanguage } from '../i18n';
import { TIER_KEYS } from '../key-accounts/api';
import type { Forecast, FunnelStep, StageDefinition } from './forecast-api';
import { foldCells, forecastStacks, forecastTable, formatRate, funnelRows, OTHER, periodLabel, sumDecimals, type ForecastTableRow, type FunnelRow, type Period, type SplitBy } from './forecast-model';

const TIER_COLORS: Record<string, string> = { '1': '#cf1322', '2': '#d46b08', '3': '#1d4ed8', '4': '#8c8c8c', none: '#bfbfbf' };
const PALETTE = ['#1d4ed8', '#13a8a8', '#d48806', '#7c3aed', '#389e0d', '#c41d7f', '#0958d9', '#d4380d'];
/** More owners than this fold into 其他 / Others. */
const TOP_OWNERS = 8;
const compact = (v: number) => new Intl.NumberFormat(currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v);

type View = 'chart' | 'table';

function ViewSwitch({ value, onChange, testId }: { value: View; onChange: (v: View) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Segmented<View>
      size="small"
      value={value}
      onChange={onChange}
      data-testid={testId}
      options={[
        { value: 'chart', icon: <BarChartOutlined />, label: t('pipeline.forecast.chart.view.chart') },
        { value: 'table', icon: <TableOutlined />, label: t('pipeline.forecast.chart.view.table') },
      ]}
    />
  );
}

export function ForecastCard({ data }: { data: Forecast }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [period, setPeriod] = useState<Period>('month');
  const [split, setSplit] = useState<SplitBy>('owner');
  const [view, setView] = useState<View>('chart');

  const periods = period === 'month' ? data.byMonth : data.byQuarter;
  const { keys, cells } = useMemo(
    () => (split === 'owner' ? foldCells(data.byOwner, data.split[period].owner, TOP_OWNERS) : foldCells(data.byTier, data.split[period].tier)),
    [data, period, split],
  );
  const ownerNames = useMemo(() => new Map(data.byOwner.map((o) => [o.key, o.name])), [data.byOwner]);
  const nameOf = (key: string): string => {
    if (key === OTHER) return t('pipeline.forecast.chart.other');
    if (split === 'tier') return key === 'none' ? t('pipeline.forecast.chart.noTier') : t(`keyAccounts.tiers.${TIER_KEYS[Number(key) - 1] ?? 'longTail'}`);
    return key === 'none' ? t('pipeline.forecast.chart.noOwner') : (ownerNames.get(key) ?? `#${key}`);
  };
  const periodName = (k: string) => periodLabel(k, lang, t('pipeline.forecast.chart.noDate'));
  const stacks = forecastStacks(periods, cells, nameOf, keys);
  const rows = forecastTable(periods, cells);
  const label = t('pipeline.forecast.chart.label', {
    period: t(`pipeline.forecast.chart.${period}`),
    split: t(split === 'owner' ? 'pipeline.forecast.chart.byOwner' : 'pipeline.forecast.chart.byTier'),
  });

  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatMoney(v.toFixed(2)) },
      xAxis: { type: 'category', data: stacks.periods.map(periodName) },
      yAxis: { type: 'value', axisLabel: { formatter: compact } },
      series: stacks.series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        stack: 'weighted',
        barMaxWidth: 48,
        color: split === 'tier' ? TIER_COLORS[s.key] : s.key === OTHER || s.key === 'none' ? '#bfbfbf' : PALETTE[i % PALETTE.length],
        emphasis: { focus: 'series' },
        data: s.values,
      })),
    }),
    // Keyed on the content (new arrays every render): periodName and the colours follow lang and split.
    [stacks.periods.join(), JSON.stringify(stacks.series), lang, split],
  );

  const columns: TableProps<ForecastTableRow>['columns'] = [
    { key: 'period', title: t('pipeline.forecast.table.period'), fixed: 'left', width: 130, render: (_v, r) => periodName(r.period) },
    { key: 'count', title: t('pipeline.forecast.table.count'), dataIndex: 'count', align: 'right', width: 90, render: (v: number) => formatInteger(v) },
    { key: 'amount', title: t('pipeline.forecast.table.amount'), dataIndex: 'amount', align: 'right', width: 150, render: (v: string) => formatMoney(v) },
    { key: 'weighted', title: t('pipeline.forecast.table.weighted'), dataIndex: 'weighted', align: 'right', width: 150, render: (v: string) => <strong>{formatMoney(v)}</strong> },
    ...keys.map((k) => ({ key: `k-${k}`, title: nameOf(k), align: 'right' as const, width: 140, render: (_v: unknown, r: ForecastTableRow) => formatMoney(r.cells[k] ?? '0') })),
  ];

  const empty = data.total.count === 0;
  return (
    <Card
      variant="borderless"
      title={t('pipeline.forecast.chart.title')}
      data-testid="forecast-card"
      style={{ height: '100%' }}
      extra={
        <Flex gap={8} wrap>
          <Segmented<Period>
            size="small"
            value={period}
            onChange={setPeriod}
            data-testid="forecast-period"
            options={[
              { value: 'month', label: t('pipeline.forecast.chart.month') },
              { value: 'quarter', label: t('pipeline.forecast.chart.quarter') },
            ]}
          />
          <Segmented<SplitBy>
            size="small"
            value={split}
            onChange={setSplit}
            data-testid="forecast-split"
            options={[
              { value: 'owner', label: t('pipeline.forecast.chart.byOwner') },
              { value: 'tier', label: t('pipeline.forecast.chart.byTier') },
            ]}
          />
          <ViewSwitch value={view} onChange={setView} testId="forecast-view" />
        </Flex>
      }
    >
      {split === 'tier' && !data.tiersAvailable && <Alert type="info" showIcon title={t('pipeline.forecast.chart.tiersUnavailable')} style={{ marginBottom: 12 }} />}
      {empty ? (
        <Empty description={t('pipeline.forecast.chart.empty')} data-testid="forecast-empty" />
      ) : view === 'chart' ? (
        <Chart option={option} height={360} ariaLabel={label} testId="forecast-chart" />
      ) : (
        <Table<ForecastTableRow>
          rowKey="period"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="forecast-table"
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('pipeline.forecast.table.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {formatInteger(data.total.count)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {formatMoney(data.total.amount)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <strong data-testid="forecast-table-total">{formatMoney(data.total.weighted)}</strong>
              </Table.Summary.Cell>
              {keys.map((k, i) => (
                <Table.Summary.Cell key={k} index={4 + i} align="right">
                  {formatMoney(sumDecimals(cells.filter((c) => c.key === k).map((c) => c.weighted)))}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}

export function FunnelCard({ steps, stages }: { steps: FunnelStep[]; stages: StageDefinition[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [view, setView] = useState<View>('chart');
  const rows = funnelRows(steps);
  const stageName = (n: number) => {
    const s = stages.find((x) => x.stage === n);
    return s ? `${n}. ${lang === 'zh-CN' ? s.nameZh : s.nameEn}` : String(n);
  };
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 120, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // The counts are on the bars; axis numbers would only crowd a narrow card.
      xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => stageName(r.stage)) },
      series: [
        {
          type: 'bar',
          name: t('pipeline.forecast.funnel.reached'),
          barMaxWidth: 28,
          data: rows.map((r, i) => ({ value: r.reached, itemStyle: { color: `hsl(${220 - i * 12}, 70%, ${42 + i * 3}%)`, borderRadius: [0, 4, 4, 0] } })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number; value: number }) => {
              const c = rows[p.dataIndex]?.conversion;
              return c === null || c === undefined ? `${p.value}` : `${p.value}  ↓ ${formatRate(c)}`;
            },
          },
        },
      ],
    }),
    [JSON.stringify(rows), JSON.stringify(stages), lang, t],
  );
  const columns: TableProps<FunnelRow>['columns'] = [
    { key: 'stage', title: t('pipeline.forecast.funnel.stage'), render: (_v, r) => stageName(r.stage) },
    { key: 'reached', title: t('pipeline.forecast.funnel.reached'), dataIndex: 'reached', align: 'right', render: (v: number) => formatInteger(v) },
    { key: 'conversion', title: t('pipeline.forecast.funnel.conversion'), dataIndex: 'conversion', align: 'right', render: (v: number | null) => formatRate(v) },
    { key: 'ofFirst', title: t('pipeline.forecast.funnel.ofFirst'), dataIndex: 'ofFirst', align: 'right', render: (v: number | null) => formatRate(v) },
  ];
  const empty = (rows[0]?.reached ?? 0) === 0;
  return (
    <Card variant="borderless" title={t('pipeline.forecast.funnel.title')} data-testid="funnel-card" extra={<ViewSwitch value={view} onChange={setView} testId="funnel-view" />} style={{ height: '100%' }}>
      {empty ? (
        <Empty description={t('pipeline.forecast.funnel.empty')} />
      ) : view === 'chart' ? (
        <Chart option={option} height={340} ariaLabel={t('pipeline.forecast.funnel.label')} testId="funnel-chart" />
      ) : (
        <Table<FunnelRow> rowKey="stage" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="funnel-table" />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('pipeline.forecast.funnel.hint')}
      </Typography.Text>
    </Card>
  );
}
