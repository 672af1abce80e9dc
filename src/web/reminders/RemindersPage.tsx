// 我的提醒: the caller's reminders inbox — unread / open / done / all, each reminder's kind and text
// in the user's language with a link to what it is about, mark read or done one by one or for
// the selected rows. The header bell (ReminderBell) shows the unread count.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App, Badge, Button, Card, Empty, Flex, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CheckOutlined, EyeInvisibleOutlined, EyeOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { LoadMore } from '../shared/LoadMore';
import { formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useErrorHandler } from '../api/errors';
import { useMarkReminders, useReminders, useUnreadCount, type MarkInput, type Reminder } from './api';
import { isKnownKind, matchesFilter, reminderLink, reminderSentence, statusOf, type InboxFilter } from './reminder-model';

const FILTERS: InboxFilter[] = ['unread', 'open', 'done', 'all'];
const KIND_COLOR: Record<string, string> = { coverage_dropped: 'orange', coach_left: 'red', decision_maker_uncontacted: 'volcano', relationship_stale: 'gold' };

function ReminderText({ r }: { r: Reminder }) {
  const { t } = useTranslation();
  const account = r.accountName ?? t('reminders.unknownAccount');
  const link = reminderLink(r);
  // Known kinds are worded here from their facts, in the reader's language; others keep the server's sentence.
  const sentence = reminderSentence(r, account);
  const text = sentence ? t(sentence.key, sentence.values) : r.subject;
  return (
    <Typography.Text strong={!r.read && !r.done}>
      {link ? (
        <Link to={link} data-testid="reminder-link">
          {text}
        </Link>
      ) : (
        text
      )}
    </Typography.Text>
  );
}

export default function RemindersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  useDocumentTitle(t('reminders.title'));
  const [params, setParams] = useSearchParams();
  const filter: InboxFilter = (FILTERS as string[]).includes(params.get('filter') ?? '') ? (params.get('filter') as InboxFilter) : 'open';
  const list = useReminders(statusOf(filter));
  const counts = useUnreadCount();
  const mark = useMarkReminders();
  const [selected, setSelected] = useState<number[]>([]);

  const all = list.data?.pages.flatMap((p) => p.items) ?? [];
  const items = all.filter((r) => matchesFilter(r, filter));
  const chosen = items.filter((r) => selected.includes(r.id));

  const apply = (rows: Reminder[], change: MarkInput) =>
    mark.mutate(
      { items: rows, change },
      {
        onSuccess: (n) => {
          setSelected([]);
          if (rows.length > 1) void message.success(t('reminders.marked', { count: n }));
        },
        onError: (e) => handleError(e),
      },
    );

  const columns: TableProps<Reminder>['columns'] = [
    {
      key: 'kind',
      title: '',
      width: 190,
      render: (_v, r) => (
        <Flex align="center" gap={8}>
          <Badge status={r.done ? 'default' : r.read ? 'processing' : 'error'} />
          <Tag color={r.done ? undefined : (KIND_COLOR[r.kind] ?? 'blue')} data-testid="reminder-kind">
            {isKnownKind(r.kind) ? t(`reminders.kinds.${r.kind}`) : t('reminders.kinds.other')}
          </Tag>
        </Flex>
      ),
    },
    { key: 'text', title: '', render: (_v, r) => <ReminderText r={r} /> },
    {
      key: 'when',
      title: '',
      width: 190,
      render: (_v, r) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.done ? (r.resolved ? t('reminders.resolved') : t('reminders.doneAt', { date: formatDateTime(r.doneAt) })) : r.dueOn ? t('reminders.due', { date: formatDate(r.dueOn) }) : t('reminders.created', { date: formatDateTime(r.createdAt) })}
        </Typography.Text>
      ),
    },
    {
      key: 'actions',
      title: '',
      width: 220,
      align: 'right',
      render: (_v, r) => (
        <Flex gap={4} justify="flex-end">
          {!r.done && (
            <Button size="small" type="text" icon={r.read ? <EyeInvisibleOutlined /> : <EyeOutlined />} onClick={() => apply([r], { read: !r.read })} data-testid="reminder-read">
              {r.read ? t('reminders.markUnread') : t('reminders.markRead')}
            </Button>
          )}
          {r.done ? (
            <Button size="small" icon={<RollbackOutlined />} onClick={() => apply([r], { done: false })} data-testid="reminder-reopen">
              {t('reminders.reopen')}
            </Button>
          ) : (
            <Button size="small" type="primary" ghost icon={<CheckOutlined />} onClick={() => apply([r], { done: true })} data-testid="reminder-done">
              {t('reminders.markDone')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  const firstLoad = list.isLoading && !list.data;
  return (
    <>
      <PageHeader
        title={t('reminders.title')}
        subtitle={t('reminders.subtitle')}
        extra={<Button icon={<ReloadOutlined />} onClick={() => void Promise.all([list.refetch(), counts.refetch()])} aria-label={t('common.refresh')} />}
      />
      <Card variant="borderless">
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Segmented<InboxFilter>
            value={filter}
            onChange={(v) => {
              setSelected([]);
              setParams(v === 'open' ? {} : { filter: v }, { replace: true });
            }}
            data-testid="reminder-filter"
            options={FILTERS.map((f) => ({
              value: f,
              label: f === 'unread' && counts.data ? `${t('reminders.filter.unread')} (${counts.data.unread})` : f === 'open' && counts.data ? `${t('reminders.filter.open')} (${counts.data.open})` : t(`reminders.filter.${f}`),
            }))}
          />
          <Flex gap={8} align="center">
            {chosen.length > 0 && <Typography.Text type="secondary">{t('reminders.selected', { count: chosen.length })}</Typography.Text>}
            <Button disabled={!chosen.some((r) => !r.read && !r.done)} loading={mark.isPending} onClick={() => apply(chosen.filter((r) => !r.read && !r.done), { read: true })} data-testid="bulk-read">
              {t('reminders.bulkRead')}
            </Button>
            <Button type="primary" disabled={!chosen.some((r) => !r.done)} loading={mark.isPending} onClick={() => apply(chosen.filter((r) => !r.done), { done: true })} data-testid="bulk-done">
              {t('reminders.bulkDone')}
            </Button>
          </Flex>
        </Flex>
        <Table<Reminder>
          rowKey="id"
          size="middle"
          showHeader={false}
          columns={columns}
          dataSource={items}
          pagination={false}
          loading={(list.isFetching && !firstLoad) || mark.isPending}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (r) => ({ disabled: r.done, 'aria-label': String(r.id) }) }}
          scroll={{ x: 900 }}
          data-testid="reminders-table"
          locale={{
            emptyText: firstLoad ? (
              <Skeleton active paragraph={{ rows: 5 }} />
            ) : list.isError ? (
              <Empty description={t('errors.loadFailed')}>
                <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
              </Empty>
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={
                  <>
                    <div>{t(`reminders.empty.${filter}`)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('reminders.emptyHint')}
                    </Typography.Text>
                  </>
                }
                data-testid="reminders-empty"
              />
            ),
          }}
        />
        <LoadMore query={list} testId="reminders-more" />
      </Card>
    </>
  );
}
