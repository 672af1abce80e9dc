// The measures beside the map, each as words and numbers (readable without the chart), alerts in
// red: support coverage, opposition, coach, decision maker contacted in 90 days, stale people.
import { Alert, Button, Card, Empty, Flex, Progress, Typography } from 'antd';
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { measureItems } from './measures-view';
import type { RelationshipMap } from './model';

interface Props {
  map: RelationshipMap;
  onOpenPerson: (id: number) => void;
}

export function MeasuresPanel({ map, onOpenPerson }: Props) {
  const { t } = useTranslation();
  const m = map.measures;
  const head = (
    <Flex justify="space-between" align="baseline">
      <span>{t('relationships.measures.title')}</span>
      <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
        {t('relationships.measures.people', { count: map.nodes.length })}
      </Typography.Text>
    </Flex>
  );
  if (map.assessmentsHidden || !m) {
    return (
      <Card size="small" title={head} data-testid="measures-panel">
        <Alert type="info" showIcon title={t('relationships.measures.hidden')} data-testid="measures-hidden" />
      </Card>
    );
  }
  if (m.stakeholders === 0) {
    return (
      <Card size="small" title={head} data-testid="measures-panel">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('relationships.measures.empty')} />
      </Card>
    );
  }
  const items = measureItems(m, map.history, map.nodes);
  return (
    <Card size="small" title={head} data-testid="measures-panel" styles={{ body: { padding: 8 } }}>
      <Flex vertical gap={8}>
        {items.map((item) => (
          <div
            key={item.key}
            data-testid={`measure-${item.key}`}
            data-alert={item.alert ? 'true' : 'false'}
            style={{
              padding: '8px 10px',
              borderRadius: 8,
              background: item.alert ? 'var(--ant-color-error-bg)' : 'var(--ant-color-fill-quaternary)',
              border: `1px solid ${item.alert ? 'var(--ant-color-error-border)' : 'transparent'}`,
            }}
          >
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>
                {item.alert ? <WarningFilled style={{ color: 'var(--ant-color-error)', marginInlineEnd: 6 }} /> : <CheckCircleFilled style={{ color: 'var(--ant-color-success)', marginInlineEnd: 6 }} />}
                {t(`relationships.measures.${item.key}`)}
              </Typography.Text>
              {item.value !== null && (
                <Typography.Text strong style={{ fontSize: 18 }} data-testid={`measure-${item.key}-value`}>
                  {item.value}
                </Typography.Text>
              )}
            </Flex>
            {item.percent !== null && (
              <Progress
                percent={item.percent}
                showInfo={false}
                size="small"
                strokeColor={item.key === 'opposition' ? '#cf1322' : '#389e0d'}
                aria-label={`${t(`relationships.measures.${item.key}`)} ${item.value ?? ''}`}
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid={`measure-${item.key}-text`}>
              {t(`relationships.measures.${item.detail.key}`, item.detail.params ?? {})}
            </Typography.Text>
            {item.warning && (
              <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>
                {t(`relationships.measures.${item.warning.key}`, item.warning.params ?? {})}
              </Typography.Text>
            )}
            {item.key === 'stale' && item.people.length > 0 && (
              <Flex wrap gap={4} style={{ marginTop: 4 }}>
                {item.people.slice(0, 8).map((p) => (
                  <Button key={p.id} size="small" type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onOpenPerson(p.id)}>
                    {p.name}
                  </Button>
                ))}
                {item.people.length > 8 && <Typography.Text type="secondary">+{item.people.length - 8}</Typography.Text>}
              </Flex>
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}
