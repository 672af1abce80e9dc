// 最近的导入: the caller's recent import jobs (an administrator sees everyone's) with their status,
// followed while any of them is queued or running.
import { App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../api/errors';
import { formatDateTime } from '../shared/format';
import { useCancelJob, useDeleteJob, type ImportJob, type JobStatus } from './api';

const STATUS_COLOR: Record<JobStatus, string> = {
  uploaded: 'default',
  queued: 'gold',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'default',
};

type JobsQuery = UseQueryResult<{ items: ImportJob[]; nextCursor: string | null; maxUploadBytes: number }>;

export function JobsList({ jobs, activeId, onOpen }: { jobs: JobsQuery; activeId: number | null; onOpen: (id: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const remove = useDeleteJob();
  const cancel = useCancelJob();
  const items = jobs.data?.items ?? [];

  const columns: TableProps<ImportJob>['columns'] = [
    {
      key: 'file',
      title: t('importing.jobs.file'),
      ellipsis: true,
      render: (_v, j) => (
        <Typography.Link onClick={() => onOpen(j.id)} strong={j.id === activeId} data-testid="import-job-open">
          {j.fileName}
        </Typography.Link>
      ),
    },
    { key: 'entity', title: t('importing.jobs.entity'), width: 110, render: (_v, j) => t(`importing.entities.${j.entity}`) },
    {
      key: 'status',
      title: t('importing.jobs.status'),
      width: 150,
      render: (_v, j) => (
        <Flex gap={4} align="center">
          <Tag color={STATUS_COLOR[j.status]} data-testid="import-job-status">
            {t(`importing.status.${j.status}`)}
          </Tag>
          {j.options.dryRun && j.status !== 'uploaded' && <Typography.Text type="secondary">{t('importing.jobs.check')}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'rows',
      title: t('importing.jobs.rows'),
      width: 150,
      align: 'right',
      render: (_v, j) => (j.summary ? `${j.summary.rows.toLocaleString()}${j.summary.rejected ? ` / ${t('importing.result.rejected')} ${j.summary.rejected.toLocaleString()}` : ''}` : j.rowsProcessed ? j.rowsProcessed.toLocaleString() : '—'),
    },
    { key: 'by', title: t('importing.jobs.by'), width: 120, render: (_v, j) => j.createdBy?.displayName ?? '—' },
    { key: 'at', title: t('importing.jobs.at'), width: 170, render: (_v, j) => formatDateTime(j.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 150,
      render: (_v, j) => (
        <Flex gap={4}>
          {j.status === 'queued' && (
            <Button size="small" type="link" onClick={() => cancel.mutate(j.id, { onError: (e) => handleError(e) })}>
              {t('importing.cancel')}
            </Button>
          )}
          {j.status !== 'running' && (
            <Popconfirm
              title={t('importing.jobs.deleteConfirm')}
              onConfirm={() =>
                remove.mutate(j.id, {
                  onSuccess: () => {
                    void message.success(t('importing.jobs.deleted'));
                    if (j.id === activeId) onOpen(null);
                  },
                  onError: (e) => handleError(e),
                })
              }
            >
              <Button size="small" type="link" danger>
                {t('importing.jobs.delete')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Card variant="borderless" title={t('importing.jobs.title')}>
      <Table<ImportJob>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        loading={jobs.isFetching && !jobs.isLoading && !jobs.isRefetching}
        scroll={{ x: 900 }}
        data-testid="import-jobs-table"
        locale={{
          emptyText: jobs.isLoading ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : jobs.isError ? (
            <Empty description={t('errors.loadFailed')}>
              <Button onClick={() => void jobs.refetch()}>{t('common.retry')}</Button>
            </Empty>
          ) : (
            <Empty description={t('importing.jobs.empty')} />
          ),
        }}
      />
    </Card>
  );
}
