// 审计日志: who changed what and when, with the before / after values of every write.
import { useState } from 'react';
import { Link } from 'react-router';
import { AutoComplete, Button, Card, Empty, Flex, Input, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AuditEntry, Id, Page } from '../api/types';
import { LoadMore } from '../shared/LoadMore';
import { PageHeader } from '../shared/PageHeader';
import { UserSelect } from '../shared/UserSelect';
import { EMPTY, formatDateTime } from '../shared/format';
import { useDebounced } from '../shared/useDebounced';
import { JsonDiff } from './JsonDiff';
import { useDocumentTitle } from '../shared/useDocumentTitle';

const ENTITIES = ['account', 'contact', 'need', 'account_team_member', 'user', 'team', 'api_token', 'session'];

function actionColor(action: string): string {
  if (/delete|remove|revoke/i.test(action)) return 'red';
  if (/create|add|insert/i.test(action)) return 'green';
  if (/restore|merge/i.test(action)) return 'purple';
  if (/login|logout/i.test(action)) return 'default';
  return 'blue';
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState('');
  useDocumentTitle(t('audit.title'));
  const [entityIdInput, setEntityIdInput] = useState('');
  const [actorId, setActorId] = useState<Id | null>(null);
  const entityId = useDebounced(entityIdInput.trim(), 400);
  const entityQ = useDebounced(entity.trim(), 400);
  const filters = { entity: entityQ || undefined, entityId: entityId || undefined, actorId: actorId ?? undefined };

  const list = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEntry>>('/api/v1/audit', { ...filters, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const hasFilters = !!(entity || entityIdInput || actorId);

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('audit.at'), width: 170, render: (_v, r) => formatDateTime(r.at) },
    { key: 'actor', title: t('audit.actor'), width: 140, render: (_v, r) => r.actor?.displayName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
    { key: 'action', title: t('audit.action'), width: 170, render: (_v, r) => <Tag color={actionColor(r.action)}>{t(`audit.actions.${r.action.replace(/\./g, '_')}`, { defaultValue: r.action })}</Tag> },
    { key: 'entity', title: t('audit.entity'), width: 140, render: (_v, r) => t(`entities.${r.entity}`, { defaultValue: r.entity }) },
    {
      key: 'entityId',
      title: t('audit.entityId'),
      render: (_v, r) =>
        r.entityId === null || r.entityId === undefined ? (
          EMPTY
        ) : r.entity === 'account' ? (
          <Link to={`/accounts/${r.entityId}`}>#{r.entityId}</Link>
        ) : (
          <span className="kam-mono">#{r.entityId}</span>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Card variant="borderless">
        <Flex gap={8} wrap className="kam-toolbar" style={{ marginBottom: 16 }}>
          <AutoComplete
            allowClear
            value={entity}
            onChange={(v?: string) => setEntity(v ?? '')}
            options={ENTITIES.map((e) => ({ value: e, label: `${t(`entities.${e}`, { defaultValue: e })} (${e})` }))}
            placeholder={t('audit.entity')}
            style={{ width: 200 }}
            data-testid="audit-filter-entity"
          />
          <Input allowClear value={entityIdInput} onChange={(e) => setEntityIdInput(e.target.value)} placeholder={t('audit.entityId')} style={{ width: 140 }} />
          <UserSelect value={actorId} onChange={(v) => setActorId(v ?? null)} placeholder={t('audit.actor')} includeInactive style={{ width: 220 }} data-testid="audit-filter-actor" />
          {hasFilters && (
            <Button
              onClick={() => {
                setEntity('');
                setEntityIdInput('');
                setActorId(null);
              }}
            >
              {t('common.clearFilters')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void list.refetch()} loading={list.isRefetching} />
        </Flex>
        {list.isLoading ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            data-testid="audit-table"
            expandable={{
              expandedRowRender: (r) => <JsonDiff before={r.before} after={r.after} />,
              rowExpandable: (r) => r.before != null || r.after != null,
            }}
            locale={{ emptyText: <Empty description={list.isError ? t('errors.loadFailed') : t('audit.empty')} /> }}
          />
        )}
        <LoadMore query={list} />
      </Card>
    </>
  );
}
