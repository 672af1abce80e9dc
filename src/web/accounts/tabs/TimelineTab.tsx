// 时间线: everything that happened to the account, newest first, loaded page by page.
import { Button, Empty, Flex, Skeleton, Timeline, Tooltip, Typography } from 'antd';
import type { TimelineItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, TimelineEvent } from '../../api/types';
import { formatDateTime, formatRelative } from '../../shared/format';
import { useTimeline } from '../api';

const COLORS: Record<string, string> = {
  'account.created': 'green',
  'account.lifecycle': 'orange',
  'account.merged': 'purple',
  'account.restored': 'cyan',
  'contact.deleted': 'red',
};

function colorOf(kind: string): string {
  return COLORS[kind] ?? (kind.startsWith('team.') ? 'purple' : kind.startsWith('need.') ? 'cyan' : 'blue');
}

export default function TimelineTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const timeline = useTimeline(account.id);
  if (timeline.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  const events: TimelineEvent[] = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  if (events.length === 0) return <Empty description={t('timeline.empty')} />;

  const items: TimelineItemProps[] = events.map((e) => ({
    key: e.id,
    color: colorOf(e.kind),
    content: (
      <div data-testid="timeline-item" data-kind={e.kind}>
        <Flex gap={8} align="baseline" wrap>
          <Typography.Text strong>{t(`timeline.kinds.${e.kind}`, { defaultValue: e.kind })}</Typography.Text>
          {e.actor && <Typography.Text type="secondary">· {e.actor.displayName}</Typography.Text>}
          <Tooltip title={formatDateTime(e.occurredAt)}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatRelative(e.occurredAt)}
            </Typography.Text>
          </Tooltip>
        </Flex>
        {e.summary && <div style={{ marginTop: 2 }}>{e.summary}</div>}
      </div>
    ),
  }));

  return (
    <div data-testid="timeline-tab" style={{ paddingTop: 8, maxWidth: 860 }}>
      <Timeline items={items} />
      <Flex justify="center">
        {timeline.hasNextPage ? (
          <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} data-testid="timeline-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('timeline.end')}</Typography.Text>
        )}
      </Flex>
    </div>
  );
}
