// Win/loss against each competitor (SPEC C5) over the opportunities the forecast page shows:
// our outcome against them as recorded on each opportunity, and the lost deals they won.
import { Button, Card, Empty, Progress, Skeleton, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EMPTY } from '../shared/format';
import { useCompetitorRecord, type CompetitorRecord, type PipelineViewFilters } from './forecast-api';
import { formatRate } from './forecast-model';

export function CompetitorRecordCard({ filters }: { filters: PipelineViewFilters }) {
  const { t } = useTranslation();
  const record = useCompetitorRecord(filters);
  const columns: TableProps<CompetitorRecord>['columns'] = [
    { key: 'name', title: t('pipeline.forecast.competitors.name'), ellipsis: true, render: (_v, c) => <Typography.Text strong>{c.name}</Typography.Text> },
    { key: 'opportunities', title: t('pipeline.forecast.competitors.opportunities'), width: 110, align: 'right', render: (_v, c) => c.opportunities },
    { key: 'wonLost', title: t('pipeline.forecast.competitors.wonLost'), width: 100, align: 'right', render: (_v, c) => `${c.winRate.won} / ${c.winRate.lost}` },
    {
      key: 'winRate',
      title: t('pipeline.forecast.competitors.winRate'),
      width: 170,
      render: (_v, c) =>
        c.winRate.rate === null ? (
          EMPTY
        ) : (
          <Progress percent={Math.round(c.winRate.rate * 1000) / 10} size="small" format={() => formatRate(c.winRate.rate)} strokeColor={c.winRate.rate >= 0.5 ? '#389e0d' : '#cf1322'} />
        ),
    },
    { key: 'pending', title: t('pipeline.forecast.competitors.pending'), width: 80, align: 'right', render: (_v, c) => c.pending },
    { key: 'threat', title: t('pipeline.forecast.competitors.threat'), width: 100, align: 'right', render: (_v, c) => c.averageThreat ?? EMPTY },
    {
      key: 'lostDealsTo',
      title: t('pipeline.forecast.competitors.lostDealsTo'),
      width: 130,
      align: 'right',
      render: (_v, c) => (c.lostDealsTo > 0 ? <Typography.Text type="danger">{c.lostDealsTo}</Typography.Text> : 0),
    },
  ];
  return (
    <Card
      variant="borderless"
      data-testid="competitors-card"
      title={
        <span>
          {t('pipeline.forecast.competitors.title')}{' '}
          <Tooltip title={t('pipeline.forecast.competitors.hint')}>
            <InfoCircleOutlined style={{ color: '#8c8c8c', fontSize: 13 }} />
          </Tooltip>
        </span>
      }
    >
      {record.isLoading ? (
        <Skeleton active />
      ) : record.isError ? (
        <Empty description={t('errors.loadFailed')}>
          <Button onClick={() => void record.refetch()}>{t('common.retry')}</Button>
        </Empty>
      ) : (
        <Table<CompetitorRecord>
          rowKey="name"
          size="small"
          columns={columns}
          dataSource={record.data?.items ?? []}
          pagination={false}
          scroll={{ x: 760 }}
          data-testid="competitors-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.forecast.competitors.empty')} /> }}
        />
      )}
    </Card>
  );
}
