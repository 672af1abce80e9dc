// The bell in the header: the caller's unread reminders (polled every minute, refreshed when a
// reminder is marked), a click opens 我的提醒.
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './api';

export function ReminderBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const counts = useUnreadCount();
  const unread = counts.data?.unread ?? 0;
  const label = unread > 0 ? t('reminders.bellCount', { count: unread }) : t('reminders.bell');
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} onClick={() => void navigate('/reminders?filter=unread')} data-testid="reminder-bell" style={{ height: 40 }}>
        <Badge count={unread} size="small" overflowCount={99} data-testid="reminder-bell-count">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
