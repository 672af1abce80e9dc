// The one place that touches echarts: tree-shaken from echarts/core (only the charts and
// components registered here are bundled) and loaded lazily through ./Chart, so pages without a
// chart never download it. Resizes with its container; disposes on unmount.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, LineChart, PieChart, SankeyChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, PieChart, FunnelChart, SankeyChart, DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  /** What the chart shows, for screen readers (the page also shows the figures as a table). */
  ariaLabel: string;
  testId?: string;
  onClick?: (params: { name: string; dataIndex: number; seriesIndex: number; data: unknown }) => void;
}

export default function EChart({ option, height, ariaLabel, testId, onClick }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: unknown) => onClick(p as Parameters<NonNullable<EChartProps['onClick']>>[0]);
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);

  return <div ref={el} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}
