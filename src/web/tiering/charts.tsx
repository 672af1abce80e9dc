// The pyramid (a funnel drawn top-narrow: 重要 at the apex), the Pareto curve and the migration
// Sankey. Each page also shows the same figures as a table.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../shared/charts/Chart';
import type { Migration, ParetoFigure, TierFigures, TierKey } from './api';

export const TIER_COLORS: Record<TierKey, string> = { key: '#cf1322', major: '#d46b08', ordinary: '#1d4ed8', longTail: '#8c8c8c' };
const TIERS: TierKey[] = ['key', 'major', 'ordinary', 'longTail'];

export function PyramidChart({ tiers, height = 320 }: { tiers: TierFigures[]; height?: number }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: (p: { data: { label: string } }) => p.data.label },
      series: [
        {
          type: 'funnel',
          sort: 'ascending',
          left: '10%',
          width: '80%',
          gap: 3,
          minSize: '22%',
          label: { position: 'inside', color: '#fff', fontSize: 14, formatter: (p: { data: { label: string } }) => p.data.label },
          // The shape is the pyramid's (fixed widths); the numbers are in the labels and the table.
          data: tiers.map((x, i) => ({
            name: x.tierName,
            value: i + 1,
            label: `${x.tierName}  ${x.accounts.toLocaleString()}`,
            itemStyle: { color: TIER_COLORS[x.tier] },
          })),
        },
      ],
    }),
    [tiers],
  );
  return <Chart option={option} height={height} ariaLabel={t('tiering.pyramidChart')} testId="pyramid-chart" />;
}

export function ParetoChart({ revenue, grossProfit, topPercent }: { revenue: ParetoFigure; grossProfit: ParetoFigure; topPercent: number }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const line = (f: ParetoFigure, name: string, color: string) => ({
      type: 'line',
      name,
      smooth: true,
      showSymbol: false,
      color,
      data: f.curve.map((p) => [p.customers, p.share === null ? null : Math.round(Number(p.share) * 1000) / 10]),
    });
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 28, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: { type: 'value', min: 0, max: 100, name: t('tiering.customersShare'), nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { ...line(revenue, t('tiering.revenue'), '#1d4ed8'), markLine: { symbol: 'none', data: [{ xAxis: topPercent }], lineStyle: { type: 'dashed', color: '#d48806' }, label: { formatter: `${topPercent}%` } } },
        line(grossProfit, t('tiering.grossProfit'), '#389e0d'),
      ],
    };
  }, [revenue, grossProfit, topPercent, t]);
  return <Chart option={option} height={300} ariaLabel={t('tiering.paretoChart')} testId="pareto-chart" />;
}

/** Flows from the tiers of one snapshot to the tiers of the other, with new and gone accounts. */
export function MigrationSankey({ m, names }: { m: Migration; names: Record<TierKey, string> }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const left = (k: TierKey) => `${names[k]} · ${m.from.label}`;
    const right = (k: TierKey) => `${names[k]} · ${m.to.label}`;
    const nodes = [
      ...TIERS.map((k) => ({ name: left(k), itemStyle: { color: TIER_COLORS[k] } })),
      ...TIERS.map((k) => ({ name: right(k), itemStyle: { color: TIER_COLORS[k] }, label: { position: 'left' } })),
      { name: t('tiering.newAccounts'), itemStyle: { color: '#52c41a' } },
      { name: t('tiering.goneAccounts'), itemStyle: { color: '#bfbfbf' }, label: { position: 'left' } },
    ];
    const links = [
      ...TIERS.flatMap((a, i) => TIERS.map((b, j) => ({ source: left(a), target: right(b), value: m.matrix[i]?.[j] ?? 0 }))),
      ...TIERS.map((b, j) => ({ source: t('tiering.newAccounts'), target: right(b), value: m.newIn[j] ?? 0 })),
      ...TIERS.map((a, i) => ({ source: left(a), target: t('tiering.goneAccounts'), value: m.goneFrom[i] ?? 0 })),
    ].filter((l) => l.value > 0);
    const used = new Set(links.flatMap((l) => [l.source, l.target]));
    return {
      tooltip: { trigger: 'item' },
      series: [{ type: 'sankey', left: 8, right: 8, nodeGap: 10, layoutIterations: 0, data: nodes.filter((n) => used.has(n.name)), links, lineStyle: { color: 'gradient', opacity: 0.35 }, label: { fontSize: 12 } }],
    };
  }, [m, names, t]);
  return <Chart option={option} height={380} ariaLabel={t('tiering.sankeyChart')} testId="migration-sankey" />;
}
