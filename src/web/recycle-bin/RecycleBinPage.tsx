// 回收站: deleted records (accounts, contacts, needs …) that can be restored.
import { Link } from 'react-router';
import { App, Button, Card, Empty, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useErrorHandler } from '../api/errors';
import type { Id, Page, RecycleBinItem } from '../api/types';
import { LoadMore } from '../shared/LoadMore';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';

const key = ['recycle-bin'] as const;

export default function RecycleBinPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const qc = useQueryClient();
  useDocumentTitle(t('recycleBin.title'));
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.get<Page<RecycleBinItem>>('/api/v1/recycle-bin', { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const restore = useMutation({
    mutationFn: (id: Id) => api.post<unknown>(`/api/v1/recycle-bin/${id}/restore`),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['accounts'] }), qc.invalidateQueries({ queryKey: ['contacts'] })]),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableProps<RecycleBinItem>['columns'] = [
    {
      key: 'entity',
      title: t('recycleBin.entity'),
      width: 120,
      render: (_v, r) => <Tag>{t(`entities.${r.entity}`, { defaultValue: r.entity })}</Tag>,
    },
    { key: 'label', title: t('recycleBin.label'), render: (_v, r) => <Typography.Text strong>{r.label}</Typography.Text> },
    { key: 'deletedAt', title: t('recycleBin.deletedAt'), width: 170, render: (_v, r) => formatDateTime(r.deletedAt) },
    { key: 'deletedBy', title: t('recycleBin.deletedBy'), width: 140, render: (_v, r) => r.deletedBy?.displayName ?? EMPTY },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      render: (_v, r) => (
        <Button
          size="small"
          icon={<RollbackOutlined />}
          loading={restore.isPending && restore.variables === r.id}
          data-testid="recycle-bin-restore"
          data-entity-id={String(r.entityId)}
          onClick={async () => {
            try {
              await restore.mutateAsync(r.id);
              void message.success(
                <span>
                  {t('recycleBin.restored', { label: r.label })}
                  {r.entity === 'account' && (
                    <>
                      {' '}
                      <Link to={`/accounts/${r.entityId}`}>{t('common.open')}</Link>
                    </>
                  )}
                </span>,
              );
            } catch (err) {
              handleError(err);
            }
          }}
        >
          {t('recycleBin.restore')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('recycleBin.title')}
        subtitle={t('recycleBin.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching}>{t('common.refresh')}</Button>}
      />
      <Card variant="borderless">
        {list.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Table<RecycleBinItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            data-testid="recycle-bin-table"
            locale={{ emptyText: <Empty description={list.isError ? t('errors.loadFailed') : t('recycleBin.empty')} /> }}
          />
        )}
        <LoadMore query={list} />
      </Card>
    </>
  );
}
