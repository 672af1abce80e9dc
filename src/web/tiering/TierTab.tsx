// 客户分级 on the account page: the tier and why — each criterion's raw value, percentile, weight and
// contribution, the score against the tier's cut-off — the director's override beside the
// computed tier, and the account manager's 0–5 ratings of the qualitative criteria.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Rate, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { useErrorHandler } from '../api/errors';
import { EMPTY, formatDate, formatDateTime, formatMoney } from '../shared/format';
import { useExplanation, useTieringMutations, type Explanation, type TierKey } from './api';
import { TIER_COLORS } from './charts';

type Criterion = NonNullable<Explanation['computed']>['criteria'][number];
const RATED = ['growth', 'relationship', 'needDiversity', 'strategicValue'] as const;
const num = (s: string | null, digits = 2) => (s === null ? EMPTY : Number(s).toLocaleString(undefined, { maximumFractionDigits: digits }));

function TierBadge({ tier, name }: { tier: TierKey; name: string }) {
  return <Tag color={TIER_COLORS[tier]} style={{ fontSize: 14, padding: '2px 10px' }}>{name}</Tag>;
}

export default function TierTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const ex = useExplanation(account.id);
  const { override, removeOverride, rate } = useTieringMutations();
  const [form] = Form.useForm<{ tier: TierKey; reason: string }>();
  const [ratings, setRatings] = useState<Partial<Record<(typeof RATED)[number], number | null>>>({});

  if (ex.isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!ex.data) return <Empty description={t('errors.loadFailed')} />;
  const e = ex.data;
  const c = e.computed;
  const rawText = (x: Criterion) => (x.raw === null ? EMPTY : ['orderAmount', 'contribution'].includes(x.criterion) ? formatMoney(x.raw) : num(x.raw, 4));
  const columns: TableProps<Criterion>['columns'] = [
    { key: 'criterion', title: t('tiering.criterion'), render: (_v, x) => t(`tiering.criteria.${x.criterion}`, { defaultValue: x.criterion }) },
    { key: 'raw', title: t('tiering.raw'), align: 'right', render: (_v, x) => rawText(x) },
    { key: 'percentile', title: t('tiering.percentile'), align: 'right', render: (_v, x) => num(x.percentile) },
    { key: 'weight', title: t('tiering.weight'), align: 'right', render: (_v, x) => `${Number(x.weight)}%` },
    { key: 'contribution', title: t('tiering.contribution'), align: 'right', render: (_v, x) => <Typography.Text strong>{num(x.contribution)}</Typography.Text> },
  ];
  const currentRating = (k: (typeof RATED)[number]) => ratings[k] ?? e.ratings.find((r) => r.criterion === k)?.rating ?? null;

  return (
    <div data-testid="tier-tab">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={16} align="center" wrap>
          {e.tier && e.tierName ? <TierBadge tier={e.tier} name={e.tierName} /> : <Tag>{t('keyAccounts.unscored')}</Tag>}
          {c && c.score !== null && <Typography.Text>{t('tiering.scoreLine', { score: num(c.score), cutoff: num(c.cutoff), tier: c.tierName })}</Typography.Text>}
          {e.override && c && <Typography.Text type="secondary">{t('tiering.computedWas', { tier: c.tierName })}</Typography.Text>}
        </Flex>
        {c?.insufficientData && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('tiering.insufficientExplain')} />}
        {c && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('tiering.window')}>{`${formatDate(c.window.after)} – ${formatDate(c.window.through)}`}</Descriptions.Item>
            <Descriptions.Item label={t('tiering.model')}>{`v${c.modelVersion} · ${t(`tiering.rule.${c.tierRule}`)}`}</Descriptions.Item>
            <Descriptions.Item label={t('tiering.computedAt')}>{formatDateTime(c.computedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tiering.revenue')}>{formatMoney(c.revenue)}</Descriptions.Item>
            <Descriptions.Item label={t('tiering.grossProfit')}>{formatMoney(c.grossProfit)}</Descriptions.Item>
            <Descriptions.Item label={t('tiering.scoredAccounts')}>{c.scoredAccounts?.toLocaleString() ?? EMPTY}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('tiering.explanation')} style={{ marginBottom: 16 }}>
        {c ? (
          <Table<Criterion> rowKey="criterion" size="small" columns={columns} dataSource={c.criteria} pagination={false} data-testid="tier-explanation" summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}><Typography.Text strong>{t('tiering.score')}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><Typography.Text strong>{num(c.score)}</Typography.Text></Table.Summary.Cell>
            </Table.Summary.Row>
          )} />
        ) : (
          <Empty description={t('tiering.notComputed')} />
        )}
      </Card>
      <Card size="small" title={t('tiering.overrideTitle')} style={{ marginBottom: 16 }}>
        {e.override ? (
          <Flex gap={12} align="center" wrap>
            <TierBadge tier={e.override.tier} name={e.override.tierName} />
            <Typography.Text>{e.override.reason}</Typography.Text>
            <Typography.Text type="secondary">— {e.override.setBy?.displayName ?? EMPTY}, {formatDateTime(e.override.setAt)}</Typography.Text>
            {e.canOverride && (
              <Button danger size="small" loading={removeOverride.isPending} onClick={() => removeOverride.mutateAsync(account.id).catch((err: unknown) => handleError(err))}>
                {t('tiering.removeOverride')}
              </Button>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('tiering.noOverride')}</Typography.Text>
        )}
        {e.canOverride && (
          <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => override.mutateAsync({ accountId: account.id, ...v }).then(() => { form.resetFields(); void message.success(t('common.saved')); }).catch((err: unknown) => handleError(err, { form }))}>
            <Form.Item name="tier" rules={[{ required: true, message: t('tiering.pickTier') }]}>
              <Select style={{ width: 140 }} placeholder={t('tiering.tier')} options={(['key', 'major', 'ordinary', 'longTail'] as const).map((k) => ({ value: k, label: t(`keyAccounts.tiers.${k}`) }))} data-testid="override-tier" />
            </Form.Item>
            <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('keyAccounts.reasonRequired') }]}>
              <Input style={{ width: 320 }} maxLength={1000} placeholder={t('tiering.overrideReason')} data-testid="override-reason" />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={override.isPending} data-testid="override-save">{t('tiering.setOverride')}</Button>
          </Form>
        )}
      </Card>
      <Card size="small" title={t('tiering.ratingsTitle')}>
        <Typography.Paragraph type="secondary">{t('tiering.ratingsHint')}</Typography.Paragraph>
        <Flex vertical gap={8}>
          {RATED.map((k) => (
            <Flex key={k} align="center" gap={12}>
              <span style={{ width: 120 }}>{t(`tiering.criteria.${k}`)}</span>
              <Rate count={5} allowClear disabled={!e.canRate} value={currentRating(k) ?? 0} onChange={(v) => setRatings({ ...ratings, [k]: v === 0 ? null : v })} />
            </Flex>
          ))}
        </Flex>
        {e.canRate && (
          <Button style={{ marginTop: 12 }} disabled={Object.keys(ratings).length === 0} loading={rate.isPending} onClick={() => rate.mutateAsync({ accountId: account.id, ratings }).then(() => { setRatings({}); void message.success(t('common.saved')); }).catch((err: unknown) => handleError(err))}>
            {t('common.save')}
          </Button>
        )}
      </Card>
    </div>
  );
}
