// A lazily loaded chart: echarts arrives with the first page that draws one.
import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { EChartProps } from './EChart';

const EChart = lazy(() => import('./EChart'));

export type ChartProps = EChartProps;

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
