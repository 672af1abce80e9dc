// 评分模型: the scoring model versions. An admin edits a draft (criteria and weights summing to
// 100 %, window, tier rule by shares or thresholds, tier names); directors and admins preview a
// draft against live data (what-if: who would move from which tier to which) and publish it.
// Published versions are read-only.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Popconfirm, Radio, Row, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Id } from '../api/types';
import { useCurrentUser } from '../auth/session';
import { can } from '../auth/permissions';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { PageHeader } from '../shared/PageHeader';
import { formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useModelMutations, useModels, type Model, type ModelInput, type TierKey, type WhatIf } from './api';
import { TIER_COLORS } from './charts';

const CRITERIA = ['orderAmount', 'contribution', 'credit', 'growth', 'relationship', 'needDiversity', 'strategicValue'];
const TIERS: TierKey[] = ['key', 'major', 'ordinary', 'longTail'];
const STATUS_COLOR = { draft: 'blue', published: 'green', retired: 'default' } as const;

interface Values {
  name: string;
  criteria: { criterion: string; weight: number }[];
  windowMonths: number;
  tierRule: 'shares' | 'thresholds';
  shares: number[];
  thresholds: number[];
  tierNames: string[];
  consolidateGroups: boolean;
}

const toValues = (m: Model): Values => ({
  name: m.name,
  criteria: m.criteria.map((c) => ({ criterion: c.criterion, weight: Number(c.weight) })),
  windowMonths: m.windowMonths,
  tierRule: m.tierRule,
  shares: m.shares.map(Number),
  thresholds: m.thresholds.map(Number),
  tierNames: m.tierNames,
  consolidateGroups: m.consolidateGroups,
});
const toInput = (v: Values): ModelInput => ({
  name: v.name,
  criteria: v.criteria.map((c) => ({ criterion: c.criterion, weight: String(c.weight) })),
  windowMonths: v.windowMonths,
  tierRule: v.tierRule,
  shares: v.shares.map(String),
  thresholds: v.thresholds.map(String),
  tierNames: v.tierNames,
  consolidateGroups: v.consolidateGroups,
});

function WhatIfResult({ r, names }: { r: WhatIf; names: string[] }) {
  const { t } = useTranslation();
  type RowT = { key: string; label: string; cells: number[] };
  const rows: RowT[] = [...TIERS.map((k, i) => ({ key: k, label: names[i] ?? k, cells: r.matrix[i] ?? [] })), { key: 'new', label: t('tiering.newAccounts'), cells: r.newIn }];
  const columns: TableProps<RowT>['columns'] = [
    { key: 'from', title: t('tiering.models.nowVsDraft'), render: (_v, x) => <Typography.Text strong>{x.label}</Typography.Text> },
    ...TIERS.map((k, j) => ({ key: k, title: names[j] ?? k, align: 'right' as const, render: (_v: unknown, x: RowT) => <span style={{ fontWeight: x.key === k ? 600 : undefined }}>{(x.cells[j] ?? 0).toLocaleString()}</span> })),
  ];
  return (
    <Card size="small" title={t('tiering.models.whatIfTitle', { moved: r.moved.toLocaleString(), asOf: r.asOf })} style={{ marginTop: 16 }} data-testid="what-if">
      <Table<RowT> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} />
      <Table
        rowKey="accountId"
        size="small"
        style={{ marginTop: 12 }}
        dataSource={r.movers}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        columns={[
          { key: 'name', title: t('accounts.fields.name'), render: (_v, m: WhatIf['movers'][number]) => <Link to={`/accounts/${m.accountId}?tab=tier`}>{m.accountName}</Link> },
          { key: 'move', title: t('tiering.move'), width: 220, render: (_v, m: WhatIf['movers'][number]) => <Flex gap={4}>{m.from ? <Tag color={TIER_COLORS[m.from]}>{names[TIERS.indexOf(m.from)]}</Tag> : <Tag>{t('tiering.newAccounts')}</Tag>}→<Tag color={TIER_COLORS[m.to]}>{names[TIERS.indexOf(m.to)]}</Tag></Flex> },
        ]}
      />
    </Card>
  );
}

export default function ModelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const user = useCurrentUser();
  useDocumentTitle(t('tiering.models.title'));
  const models = useModels();
  const m = useModelMutations();
  const [selectedId, setSelectedId] = useState<Id | null>(null);
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const [form] = Form.useForm<Values>();
  const items = models.data?.items ?? [];
  const selected = items.find((x) => x.id === selectedId) ?? items.find((x) => x.status === 'draft') ?? items.find((x) => x.status === 'published') ?? null;
  const editable = selected?.status === 'draft' && user.role === 'admin';
  const decides = can.manageTiers(user.role);
  const criteria = Form.useWatch('criteria', form);
  const tierRule = Form.useWatch('tierRule', form);
  const weightSum = useMemo(() => (criteria ?? []).reduce((s, c) => s + (Number(c?.weight) || 0), 0), [criteria]);

  useEffect(() => {
    if (selected) form.setFieldsValue(toValues(selected));
    setWhatIf(null);
  }, [selected, form]);

  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (err) {
      handleError(err, { form });
    }
  };
  const save = () => run(async () => {
    const v = await form.validateFields();
    const saved = await m.update.mutateAsync({ id: selected!.id, version: selected!.version, ...toInput(v) });
    setSelectedId(saved.id);
    void message.success(t('common.saved'));
  });
  const newDraft = () => run(async () => {
    const d = await m.createDraft.mutateAsync({ basedOnId: selected?.id, name: `${selected?.name ?? ''}`.slice(0, 90) || t('tiering.models.draft') });
    setSelectedId(d.id);
  });

  const columns: TableProps<Model>['columns'] = [
    { key: 'v', title: t('tiering.models.version'), width: 60, render: (_v, x) => `v${x.versionNo}` },
    { key: 'name', title: t('tiering.models.name'), ellipsis: true, dataIndex: 'name' },
    { key: 'status', title: t('tiering.models.status'), width: 90, render: (_v, x) => <Tag color={STATUS_COLOR[x.status]}>{t(`tiering.models.statuses.${x.status}`)}</Tag> },
  ];

  return (
    <>
      <PageHeader title={t('tiering.models.title')} subtitle={t('tiering.models.subtitle')} breadcrumb={[{ title: <Link to="/tiering">{t('tiering.title')}</Link> }, { title: t('tiering.models.title') }]} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card variant="borderless" title={t('tiering.models.versions')} extra={user.role === 'admin' && selected && <Button size="small" icon={<PlusOutlined />} onClick={() => void newDraft()} loading={m.createDraft.isPending} data-testid="model-new-draft">{t('tiering.models.newDraft')}</Button>}>
            <Table<Model> rowKey="id" size="small" columns={columns} dataSource={items} loading={models.isLoading} pagination={false} rowClassName={(x) => (x.id === selected?.id ? 'ant-table-row-selected' : '')} onRow={(x) => ({ onClick: () => setSelectedId(x.id), style: { cursor: 'pointer' } })} data-testid="models-table" />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          {!selected ? (
            <Card variant="borderless"><Empty /></Card>
          ) : (
            <Card variant="borderless" title={`v${selected.versionNo} · ${selected.name}`} extra={selected.publishedAt && <Typography.Text type="secondary">{t('tiering.models.publishedAt', { at: formatDateTime(selected.publishedAt) })}</Typography.Text>}>
              <Form<Values> form={form} layout="vertical" disabled={!editable} onValuesChange={(changed) => clearFieldErrors(form, changed)}>
                <Form.Item name="name" label={t('tiering.models.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item>
                <Typography.Text strong>{t('tiering.models.criteria')}</Typography.Text>
                <Form.List name="criteria">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Flex key={f.key} gap={8} align="baseline">
                          <Form.Item name={[f.name, 'criterion']} rules={[{ required: true }]} style={{ flex: 1, marginBottom: 8 }}>
                            <Select options={CRITERIA.map((c) => ({ value: c, label: t(`tiering.criteria.${c}`) }))} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]} style={{ width: 140, marginBottom: 8 }}>
                            <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
                          </Form.Item>
                          {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />}
                        </Flex>
                      ))}
                      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
                        {editable ? <Button icon={<PlusOutlined />} onClick={() => add({ criterion: CRITERIA.find((c) => !(criteria ?? []).some((x) => x?.criterion === c)), weight: 0 })} disabled={fields.length >= CRITERIA.length}>{t('tiering.models.addCriterion')}</Button> : <span />}
                        <Typography.Text type={Math.abs(weightSum - 100) < 0.005 ? 'success' : 'danger'} data-testid="weight-sum">{t('tiering.models.weightSum', { sum: weightSum.toFixed(2) })}</Typography.Text>
                      </Flex>
                    </>
                  )}
                </Form.List>
                <Flex gap={16} wrap>
                  <Form.Item name="windowMonths" label={t('tiering.models.window')} rules={[{ required: true }]}><InputNumber min={1} max={120} suffix={t('tiering.models.months')} /></Form.Item>
                  <Form.Item name="tierRule" label={t('tiering.models.tierRule')}><Radio.Group options={[{ value: 'shares', label: t('tiering.rule.shares') }, { value: 'thresholds', label: t('tiering.rule.thresholds') }]} /></Form.Item>
                  <Form.Item name="consolidateGroups" label={t('tiering.models.consolidate')} valuePropName="checked"><Switch /></Form.Item>
                </Flex>
                <Flex gap={8} wrap>
                  {TIERS.map((k, i) => (
                    <Flex key={k} vertical style={{ width: 150 }}>
                      <Form.Item name={['tierNames', i]} label={t(`keyAccounts.tiers.${k}`)} rules={[{ required: true, max: 20 }]} style={{ marginBottom: 8 }}><Input /></Form.Item>
                      {tierRule === 'shares' ? (
                        <Form.Item name={['shares', i]} rules={[{ required: true }]}><InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} /></Form.Item>
                      ) : i < 3 ? (
                        <Form.Item name={['thresholds', i]} rules={[{ required: true }]}><InputNumber min={0} max={100} precision={2} prefix="≥" style={{ width: '100%' }} /></Form.Item>
                      ) : null}
                    </Flex>
                  ))}
                </Flex>
              </Form>
              <Flex gap={8} wrap style={{ marginTop: 8 }}>
                {editable && <Button type="primary" onClick={() => void save()} loading={m.update.isPending} data-testid="model-save">{t('common.save')}</Button>}
                {decides && <Button icon={<ExperimentOutlined />} onClick={() => void run(async () => setWhatIf(await m.whatIf.mutateAsync(selected.id)))} loading={m.whatIf.isPending} data-testid="model-what-if">{t('tiering.models.whatIf')}</Button>}
                {decides && selected.status === 'draft' && (
                  <Popconfirm title={t('tiering.models.publishConfirm')} okText={t('tiering.models.publish')} cancelText={t('common.cancel')} onConfirm={() => run(async () => { await m.publish.mutateAsync({ id: selected.id, version: selected.version }); void message.success(t('tiering.models.published')); })}>
                    <Button danger data-testid="model-publish">{t('tiering.models.publish')}</Button>
                  </Popconfirm>
                )}
              </Flex>
              {whatIf && <WhatIfResult r={whatIf} names={selected.tierNames} />}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
