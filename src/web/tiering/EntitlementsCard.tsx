// 分级服务: what each tier is entitled to — response and resolution hours, visits a year by the
// account manager and by the executive sponsor, accounts per manager, a dedicated manager, a
// required sponsor, the discount ceiling, benefits. Directors and admins edit a tier.
import { useState } from 'react';
import { App, Button, Card, Flex, Form, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { useEntitlementMutation, useEntitlements, type Entitlement } from './api';
import { TIER_COLORS } from './charts';

type Values = Omit<Entitlement, 'tier' | 'tierName' | 'version' | 'discountCeiling'> & { discountCeiling: number };

function EditModal({ e, onClose }: { e: Entitlement; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const save = useEntitlementMutation();
  const [form] = Form.useForm<Values>();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ ...v, tier: e.tier, version: e.version, discountCeiling: String(v.discountCeiling) });
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      handleError(err, { form });
    }
  };
  const n = (name: keyof Values, label: string, max: number, suffix?: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true }]} style={{ flex: '1 1 180px' }}>
      <InputNumber min={0} max={max} precision={0} suffix={suffix} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal open title={t('tiering.entitlements.editTitle', { tier: e.tierName })} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} width={640} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ ...e, discountCeiling: Number(e.discountCeiling) }} onValuesChange={(c) => clearFieldErrors(form, c)}>
        <Flex gap={12} wrap>
          {n('responseHours', t('tiering.entitlements.responseHours'), 8760, 'h')}
          {n('resolutionHours', t('tiering.entitlements.resolutionHours'), 8760, 'h')}
          {n('managerVisitsPerYear', t('tiering.entitlements.managerVisits'), 365)}
          {n('sponsorVisitsPerYear', t('tiering.entitlements.sponsorVisits'), 365)}
          {n('accountsPerManager', t('tiering.entitlements.accountsPerManager'), 10000)}
          <Form.Item name="discountCeiling" label={t('tiering.entitlements.discountCeiling')} rules={[{ required: true }]} style={{ flex: '1 1 180px' }}>
            <InputNumber min={0} max={100} precision={2} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Flex gap={24}>
          <Form.Item name="dedicatedManager" label={t('tiering.entitlements.dedicatedManager')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="sponsorRequired" label={t('tiering.entitlements.sponsorRequired')} valuePropName="checked"><Switch /></Form.Item>
        </Flex>
        <Form.Item name="benefits" label={t('tiering.entitlements.benefits')}>
          <Select mode="tags" tokenSeparators={[',', '，']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EntitlementsCard({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const list = useEntitlements();
  const [editing, setEditing] = useState<Entitlement | null>(null);
  const yes = (b: boolean) => (b ? t('tiering.entitlements.yes') : t('tiering.entitlements.no'));
  const columns: TableProps<Entitlement>['columns'] = [
    { key: 'tier', title: t('tiering.tier'), width: 110, render: (_v, e) => <Tag color={TIER_COLORS[e.tier]}>{e.tierName}</Tag> },
    { key: 'sla', title: t('tiering.entitlements.sla'), render: (_v, e) => t('tiering.entitlements.slaText', { r: e.responseHours, s: e.resolutionHours }) },
    { key: 'visits', title: t('tiering.entitlements.visits'), render: (_v, e) => t('tiering.entitlements.visitsText', { m: e.managerVisitsPerYear, s: e.sponsorVisitsPerYear }) },
    { key: 'ratio', title: t('tiering.entitlements.accountsPerManager'), align: 'right', render: (_v, e) => `1:${e.accountsPerManager}` },
    { key: 'dedicated', title: t('tiering.entitlements.dedicatedManager'), render: (_v, e) => yes(e.dedicatedManager) },
    { key: 'sponsor', title: t('tiering.entitlements.sponsorRequired'), render: (_v, e) => yes(e.sponsorRequired) },
    { key: 'discount', title: t('tiering.entitlements.discountCeiling'), align: 'right', render: (_v, e) => `${Number(e.discountCeiling)}%` },
    { key: 'benefits', title: t('tiering.entitlements.benefits'), render: (_v, e) => e.benefits.join('、') },
    ...(editable ? [{ key: 'edit', width: 60, render: (_v: unknown, e: Entitlement) => <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(e)} /> }] : []),
  ];
  return (
    <Card variant="borderless" title={t('tiering.entitlements.title')} style={{ marginTop: 16 }}>
      <Table<Entitlement> rowKey="tier" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 1100 }} data-testid="entitlements-table" />
      {editing && <EditModal e={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
