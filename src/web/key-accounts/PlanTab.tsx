// 客户计划 on the account page: its place in the key-account program (key or not, criteria it
// misses, decisions), the yearly plan (objectives, strategies, risks, actions) and the whitespace
// matrix.
import { useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, Popconfirm, Select, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CheckOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Account, Id } from '../api/types';
import { useErrorHandler } from '../api/errors';
import { EMPTY, formatDate, formatDateTime } from '../shared/format';
import { UserSelect } from '../shared/UserSelect';
import { useAccountKeyStatus, usePlan, usePlanMutations, usePlanYears, type PlanAction } from './api';
import { CriteriaState, TierTag } from './labels';
import { WhitespaceMatrix } from './WhitespaceMatrix';

function KeyAccountStatus({ accountId }: { accountId: Id }) {
  const { t } = useTranslation();
  const status = useAccountKeyStatus(accountId);
  if (status.isLoading || !status.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const s = status.data;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="key-status">
      <Flex gap={12} align="center" wrap>
        {s.isKeyAccount ? <Tag color="gold">{t('keyAccounts.isKey')}</Tag> : <Tag>{t('keyAccounts.notKey')}</Tag>}
        <TierTag tier={s.tier} overridden={s.overridden} />
        <CriteriaState a={s} />
        <Typography.Text type="secondary">
          {t('keyAccounts.sponsor')}: {s.sponsor?.displayName ?? t('keyAccounts.noSponsor')}
        </Typography.Text>
      </Flex>
      {s.decisions.length > 0 && (
        <Timeline
          style={{ marginTop: 16, marginBottom: -16 }}
          items={s.decisions.map((d) => ({
            color: d.action === 'designate' ? 'green' : 'red',
            content: (
              <>
                <Typography.Text strong>{t(`keyAccounts.decision.${d.action}`)}</Typography.Text> · {d.reason}
                <Typography.Text type="secondary"> — {d.decidedBy?.displayName ?? EMPTY}, {formatDateTime(d.decidedAt)}</Typography.Text>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}

interface PlanValues {
  objectives: string;
  strategies: string;
  risks: string;
}

function PlanEditor({ accountId, year }: { accountId: Id; year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const plan = usePlan(accountId, year);
  const years = usePlanYears(accountId);
  const m = usePlanMutations(accountId, year);
  const [form] = Form.useForm<PlanValues>();
  const [newAction, setNewAction] = useState<{ title: string; ownerId: Id | null; due: Dayjs | null }>({ title: '', ownerId: null, due: null });
  const canEdit = plan.data?.canEdit ?? years.data?.canEdit ?? false;

  useEffect(() => {
    form.setFieldsValue({ objectives: plan.data?.objectives ?? '', strategies: plan.data?.strategies ?? '', risks: plan.data?.risks ?? '' });
  }, [plan.data, form]);

  if (plan.isLoading) return <Skeleton active />;
  const p = plan.data ?? null;

  const save = async () => {
    const v = await form.validateFields();
    try {
      await m.save.mutateAsync({ ...(p ? { version: p.version } : {}), ...v });
      void message.success(t('common.saved'));
    } catch (err) {
      handleError(err, { form, onReload: () => void plan.refetch() });
    }
  };
  const add = async () => {
    if (!newAction.title.trim()) return;
    try {
      await m.addAction.mutateAsync({ title: newAction.title.trim(), ownerId: newAction.ownerId, dueDate: newAction.due?.format('YYYY-MM-DD') ?? null });
      setNewAction({ title: '', ownerId: null, due: null });
    } catch (err) {
      handleError(err);
    }
  };

  const columns: TableProps<PlanAction>['columns'] = [
    { key: 'title', title: t('keyAccounts.action'), dataIndex: 'title', render: (v: string, a) => <Typography.Text delete={a.status === 'dropped'}>{v}</Typography.Text> },
    { key: 'owner', title: t('keyAccounts.actionOwner'), width: 120, render: (_v, a) => a.owner?.displayName ?? EMPTY },
    { key: 'due', title: t('keyAccounts.dueDate'), width: 120, render: (_v, a) => (a.dueDate ? formatDate(a.dueDate) : EMPTY) },
    { key: 'status', title: t('keyAccounts.status'), width: 100, render: (_v, a) => <Tag color={a.status === 'done' ? 'green' : a.status === 'dropped' ? 'default' : 'blue'}>{t(`keyAccounts.actionStatus.${a.status}`)}</Tag> },
    ...(canEdit
      ? [
          {
            key: 'ops',
            width: 120,
            render: (_v: unknown, a: PlanAction) => (
              <Flex gap={4}>
                {a.status === 'open' && (
                  <Button size="small" icon={<CheckOutlined />} aria-label={t('keyAccounts.markDone')} data-testid="action-done" onClick={() => m.updateAction.mutateAsync({ id: a.id, version: a.version, status: 'done' }).catch((e: unknown) => handleError(e))} />
                )}
                <Popconfirm title={t('keyAccounts.removeAction')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => m.removeAction.mutateAsync({ id: a.id, version: a.version }).catch((e: unknown) => handleError(e))}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Form<PlanValues> form={form} layout="vertical" disabled={!canEdit}>
        <Form.Item name="objectives" label={t('keyAccounts.objectives')} rules={[{ max: 20000 }]}>
          <Input.TextArea rows={3} placeholder={t('keyAccounts.objectivesPlaceholder')} data-testid="plan-objectives" />
        </Form.Item>
        <Form.Item name="strategies" label={t('keyAccounts.strategies')} rules={[{ max: 20000 }]}>
          <Input.TextArea rows={3} placeholder={t('keyAccounts.strategiesPlaceholder')} />
        </Form.Item>
        <Form.Item name="risks" label={t('keyAccounts.risks')} rules={[{ max: 20000 }]}>
          <Input.TextArea rows={2} placeholder={t('keyAccounts.risksPlaceholder')} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" onClick={() => void save()} loading={m.save.isPending} data-testid="plan-save">
            {p ? t('common.save') : t('keyAccounts.startPlan', { year })}
          </Button>
        )}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('keyAccounts.actions')}
      </Typography.Title>
      {p ? (
        <>
          <Table<PlanAction> rowKey="id" size="small" columns={columns} dataSource={p.actions} pagination={false} data-testid="plan-actions" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('keyAccounts.noActions')} /> }} />
          {canEdit && (
            <Flex gap={8} wrap style={{ marginTop: 12 }}>
              <Input style={{ flex: '1 1 240px' }} maxLength={500} value={newAction.title} onChange={(e) => setNewAction({ ...newAction, title: e.target.value })} onPressEnter={() => void add()} placeholder={t('keyAccounts.actionPlaceholder')} data-testid="action-title" />
              <UserSelect style={{ width: 180 }} allowClear value={newAction.ownerId} onChange={(v) => setNewAction({ ...newAction, ownerId: v ?? null })} placeholder={t('keyAccounts.actionOwner')} />
              <DatePicker value={newAction.due} onChange={(d) => setNewAction({ ...newAction, due: d })} placeholder={t('keyAccounts.dueDate')} />
              <Button icon={<PlusOutlined />} onClick={() => void add()} disabled={!newAction.title.trim()} loading={m.addAction.isPending} data-testid="action-add">
                {t('keyAccounts.addAction')}
              </Button>
            </Flex>
          )}
        </>
      ) : (
        <Typography.Text type="secondary">{t('keyAccounts.startFirst')}</Typography.Text>
      )}
    </>
  );
}

export default function PlanTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const years = usePlanYears(account.id);
  const [year, setYear] = useState(thisYear);
  const known = new Set([thisYear, thisYear + 1, ...(years.data?.items.map((y) => y.year) ?? [])]);
  return (
    <div data-testid="plan-tab">
      <KeyAccountStatus accountId={account.id} />
      <Card
        size="small"
        title={t('keyAccounts.planTitle')}
        extra={<Select value={year} onChange={setYear} style={{ width: 110 }} options={[...known].sort((a, b) => b - a).map((y) => ({ value: y, label: t('keyAccounts.year', { year: y }) }))} data-testid="plan-year" />}
        style={{ marginBottom: 16 }}
      >
        <PlanEditor key={year} accountId={account.id} year={year} />
      </Card>
      <WhitespaceMatrix accountId={account.id} />
    </div>
  );
}
