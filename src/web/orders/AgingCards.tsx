// 应收账龄: the receivables aging as one card per bucket (未到期 / 逾期1–30天 / 31–60天 / 61–90天 /
// 90天以上), for one account or the whole portfolio. The cards are the table behind any chart.
import { Alert, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../shared/format';
import { AGING_KEYS, formatAmount, type AgingKey, type Receivables } from './api';

export const BUCKET_COLOR: Record<AgingKey, string> = { notDue: '#1d4ed8', '1-30': '#d48806', '31-60': '#d46b08', '61-90': '#d4380d', '90+': '#cf1322' };

export type AgingData = Pick<Receivables, 'buckets' | 'total' | 'overdue' | 'currency' | 'asOf'> & { otherCurrencies?: string[] };

export function AgingCards({ data, title }: { data: AgingData; title?: string }) {
  const { t } = useTranslation();
  const byKey = new Map(data.buckets.map((b) => [b.key, b]));
  return (
    <div data-testid="receivables-aging" style={{ marginBottom: 20 }}>
      <Flex justify="space-between" align="baseline" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title ?? t('payments.aging.title')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('payments.aging.summary', {
            total: formatAmount(data.total.amount, data.currency),
            overdue: formatAmount(data.overdue.amount, data.currency),
            asOf: formatDate(data.asOf),
          })}
        </Typography.Text>
      </Flex>
      <Row gutter={[12, 12]}>
        {AGING_KEYS.map((k) => {
          const b = byKey.get(k);
          return (
            <Col key={k} flex="1 1 170px">
              <Card size="small" data-testid={`aging-${k}`} styles={{ body: { borderTop: `3px solid ${BUCKET_COLOR[k]}`, borderRadius: 8 } }}>
                <Statistic
                  title={t(`payments.aging.buckets.${k}`)}
                  value={formatAmount(b?.amount ?? '0', data.currency)}
                  styles={{ content: { fontSize: 20, color: b && b.count > 0 && k !== 'notDue' ? BUCKET_COLOR[k] : undefined, fontVariantNumeric: 'tabular-nums' } }}
                />
                <Typography.Text type="secondary">{t('payments.aging.count', { count: b?.count ?? 0 })}</Typography.Text>
              </Card>
            </Col>
          );
        })}
      </Row>
      {data.otherCurrencies && data.otherCurrencies.length > 0 && (
        <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('payments.aging.otherCurrencies', { list: data.otherCurrencies.join(', ') })} />
      )}
    </div>
  );
}
