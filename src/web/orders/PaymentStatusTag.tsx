// A payment's state as a tag: 已回款 (and how late), 未到期, 逾期 N 天.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Payment } from './api';

const STATUS_COLOR = { paid: 'green', overdue: 'red', notDue: 'blue' } as const;

export function PaymentStatusTag({ p }: { p: Pick<Payment, 'status' | 'daysLate'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[p.status]} data-testid="payment-status">
      {p.status === 'overdue' ? t('payments.status.overdueDays', { days: p.daysLate }) : t(`payments.status.${p.status}`)}
      {p.status === 'paid' && p.daysLate > 0 ? ` · ${t('payments.status.late', { days: p.daysLate })}` : ''}
    </Tag>
  );
}
