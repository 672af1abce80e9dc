// Create (on an account, at a chosen stage) or edit an opportunity in a drawer: name, amount,
// currency, expected close, owner, probability of its own, products, notes. The stage itself
// changes only through a stage move (exit criteria), never here.
import { useState } from 'react';
import { Button, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Id, Role } from '../api/types';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { AccountSelect } from '../accounts/AccountSelect';
import { UserSelect } from '../shared/UserSelect';
import { useOpportunityMutations, useStages, type OpportunityDetail, type OpportunityInput } from './api';
import { useStageName } from './labels';

/** Who may open opportunities at all (the server decides per account: canWriteOpportunities). */
export const canCreateOpportunities = (role: Role) => role === 'admin' || role === 'director' || role === 'kam';
const OWNER_ROLES: Role[] = ['admin', 'director', 'kam', 'sponsor'];
const AMOUNT_RE = /^\d{1,18}(\.\d{1,2})?$/;

interface Values {
  accountId?: Id | null;
  name: string;
  amount?: string;
  currency?: string;
  expectedCloseDate?: Dayjs | null;
  ownerId?: Id | null;
  stage?: number;
  probability?: number | null;
  products?: string[];
  notes?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (o: OpportunityDetail, created: boolean) => void;
  /** Edit this one; create when absent. */
  opportunity?: OpportunityDetail;
  /** Create on this account (the account field is then fixed). */
  account?: { id: Id; name: string };
}

export function OpportunityFormDrawer({ open, onClose, onSaved, opportunity, account }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const handleError = useErrorHandler();
  const { create, update } = useOpportunityMutations();
  const stages = useStages();
  const stageName = useStageName(stages.data);
  const [saving, setSaving] = useState(false);
  const editing = !!opportunity;

  const initial: Values = opportunity
    ? {
        name: opportunity.name,
        amount: opportunity.amount,
        currency: opportunity.currency,
        expectedCloseDate: opportunity.expectedCloseDate ? dayjs(opportunity.expectedCloseDate) : null,
        ownerId: opportunity.ownerId,
        probability: opportunity.probabilityOverridden ? opportunity.probability : null,
        products: opportunity.products,
        notes: opportunity.notes ?? undefined,
      }
    : { accountId: account?.id ?? null, name: '', stage: 1, products: [] };

  const submit = async (v: Values) => {
    const body: OpportunityInput = {
      name: v.name.trim(),
      amount: (v.amount ?? '0').replace(/,/g, '').trim() || '0',
      expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
      probability: v.probability ?? null,
      products: v.products ?? [],
      notes: v.notes?.trim() ? v.notes.trim() : null,
    };
    if (v.currency) body.currency = v.currency.trim().toUpperCase();
    if (v.ownerId !== undefined) body.ownerId = v.ownerId;
    setSaving(true);
    try {
      const saved = opportunity
        ? await update.mutateAsync({ id: opportunity.id, version: opportunity.version, ...body })
        : await create.mutateAsync({ ...body, name: body.name!, accountId: v.accountId!, stage: v.stage ?? 1 });
      onSaved(saved, !opportunity);
    } catch (e) {
      handleError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      mask={{ closable: !saving }}
      title={editing ? t('pipeline.form.editTitle', { name: opportunity.name }) : t('pipeline.form.createTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="opportunity-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} onValuesChange={(c: Record<string, unknown>) => clearFieldErrors(form, c)} data-testid="opportunity-form">
        {!editing && (
          <Form.Item name="accountId" label={t('pipeline.fields.account')} rules={[{ required: true, message: t('pipeline.form.accountRequired') }]}>
            <AccountSelect initial={account ?? null} disabled={!!account} data-testid="opportunity-form-account" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('pipeline.fields.name')} rules={[{ required: true, whitespace: true, message: t('pipeline.form.nameRequired') }, { max: 200 }]}>
          <Input maxLength={200} data-testid="opportunity-form-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="amount" label={t('pipeline.fields.amount')} rules={[{ validator: (_r, v?: string) => (!v || AMOUNT_RE.test(v.replace(/,/g, '').trim()) ? Promise.resolve() : Promise.reject(new Error(t('pipeline.form.amountInvalid')))) }]}>
              <Input inputMode="decimal" placeholder="0.00" data-testid="opportunity-form-amount" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="currency" label={t('pipeline.fields.currency')} rules={[{ pattern: /^[A-Za-z]{3}$/, message: t('pipeline.form.currencyInvalid') }]}>
              <Input maxLength={3} placeholder="CNY" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="expectedCloseDate" label={t('pipeline.fields.expectedClose')}>
              <DatePicker style={{ width: '100%' }} data-testid="opportunity-form-close" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="probability" label={t('pipeline.fields.probabilityOwn')} extra={t('pipeline.form.probabilityHint')}>
              <InputNumber min={0} max={200} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={editing ? 24 : 12}>
            <Form.Item name="ownerId" label={t('pipeline.fields.owner')} extra={editing ? undefined : t('pipeline.form.ownerHint')}>
              <UserSelect roles={OWNER_ROLES} />
            </Form.Item>
          </Col>
          {!editing && (
            <Col span={12}>
              <Form.Item name="stage" label={t('pipeline.fields.initialStage')}>
                <Select options={(stages.data ?? []).map((s) => ({ value: s.stage, label: `${s.stage}. ${stageName(s.stage)} (${s.probability}%)` }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item name="products" label={t('pipeline.fields.products')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} placeholder={t('pipeline.form.productsHint')} />
        </Form.Item>
        <Form.Item name="notes" label={t('pipeline.fields.notes')}>
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
