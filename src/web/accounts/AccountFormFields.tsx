// The fields of the account form (create and edit), grouped in sections.
import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, Classification, Id, LifecycleStatus, Segment } from '../api/types';
import { metaOptions, useMeta } from '../api/meta';
import { useEnumOptions } from '../shared/labels';
import { UserSelect } from '../shared/UserSelect';
import { checkCreditCode } from '../shared/creditCode';
import { groupDigits } from '../shared/format';
import { AccountSelect } from './AccountSelect';

export interface AccountFormValues {
  name: string;
  shortName?: string;
  creditCode?: string;
  externalCode?: string;
  industry?: string | null;
  region?: string | null;
  employees?: number | null;
  annualRevenue?: string | null;
  website?: string;
  address?: string;
  classifications: Classification[];
  segment?: Segment | null;
  parentId?: Id | null;
  lifecycleStatus: LifecycleStatus;
  lifecycleReason?: string;
  ownerId?: Id | null;
  sponsorId?: Id | null;
}

interface Props {
  form: FormInstance<AccountFormValues>;
  account?: Account;
  showAssignment: boolean;
  onNameBlur: () => void;
}

/** Options of a meta list, keeping the record's current value even if the list lacks it. */
function withCurrent(options: Array<{ value: string; label: string }>, current: string | null | undefined) {
  return current && !options.some((o) => o.value === current) ? [{ value: current, label: current }, ...options] : options;
}

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ margin: '8px 0 16px', fontSize: 15 }}>
      {children}
    </Typography.Title>
  );
}

const tid = (field: string) => ({ 'data-testid': `account-form-${field}` });

export function AccountFormFields({ form, account, showAssignment, onNameBlur }: Props) {
  const { t } = useTranslation();
  const meta = useMeta();
  const enums = useEnumOptions();
  const status = Form.useWatch('lifecycleStatus', form);
  const industries = withCurrent(metaOptions(meta.data?.industries), account?.industry);
  const regions = withCurrent(metaOptions(meta.data?.regions), account?.region);

  return (
    <>
      <SectionTitle>{t('accounts.sections.basic')}</SectionTitle>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item
            name="name"
            label={t('accounts.fields.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}
          >
            <Input {...tid('name')} onBlur={onNameBlur} placeholder={t('accounts.placeholders.name')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="shortName" label={t('accounts.fields.shortName')} rules={[{ max: 100 }]}>
            <Input {...tid('shortName')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="creditCode"
            label={t('accounts.fields.creditCode')}
            normalize={(v: string | undefined) => v?.toUpperCase().replace(/\s/g, '')}
            rules={[
              {
                validator: (_r, v: string | undefined) => {
                  if (!v) return Promise.resolve();
                  const problem = checkCreditCode(v);
                  return problem ? Promise.reject(new Error(t(`validation.creditCode.${problem}`))) : Promise.resolve();
                },
              },
            ]}
          >
            <Input {...tid('creditCode')} maxLength={18} showCount placeholder="91110000XXXXXXXXXX" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="externalCode" label={t('accounts.fields.externalCode')} tooltip={t('accounts.hints.externalCode')}>
            <Input {...tid('externalCode')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industry" label={t('accounts.fields.industry')}>
            <Select {...tid('industry')} allowClear showSearch={{ optionFilterProp: 'label' }} options={industries} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="region" label={t('accounts.fields.region')}>
            <Select {...tid('region')} allowClear showSearch={{ optionFilterProp: 'label' }} options={regions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="website" label={t('accounts.fields.website')}>
            <Input {...tid('website')} placeholder="https://" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={t('accounts.fields.address')}>
            <Input {...tid('address')} />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('accounts.sections.size')}</SectionTitle>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="employees" label={t('accounts.fields.employees')}>
            <InputNumber<number> {...tid('employees')} min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="annualRevenue"
            label={t('accounts.fields.annualRevenue')}
            rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('validation.decimal') }]}
          >
            <InputNumber<string>
              {...tid('annualRevenue')}
              stringMode
              min="0"
              prefix="¥"
              style={{ width: '100%' }}
              formatter={(v) => groupDigits(v)}
              parser={(v) => (v ?? '').replace(/[,\s¥]/g, '')}
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('accounts.sections.classification')}</SectionTitle>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="classifications" label={t('accounts.fields.classifications')} tooltip={t('accounts.hints.classifications')}>
            <Select {...tid('classifications')} mode="multiple" allowClear options={enums.classification} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="segment" label={t('accounts.fields.segment')}>
            <Select {...tid('segment')} allowClear options={enums.segment} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="parentId" label={t('accounts.fields.parent')} tooltip={t('accounts.hints.parent')}>
            <AccountSelect
              data-testid="account-form-parentId"
              exclude={account ? [account.id] : undefined}
              initial={account?.parent ?? null}
            />
          </Form.Item>
        </Col>
      </Row>

      <SectionTitle>{t('accounts.sections.lifecycle')}</SectionTitle>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="lifecycleStatus" label={t('accounts.fields.lifecycleStatus')} rules={[{ required: true }]}>
            <Select {...tid('lifecycleStatus')} options={enums.lifecycle} />
          </Form.Item>
        </Col>
        {(status === 'lost' || status === 'dormant') && (
          <Col xs={24}>
            <Form.Item
              name="lifecycleReason"
              label={t('accounts.fields.lifecycleReason')}
              rules={[{ required: status === 'lost', whitespace: true, message: t('validation.lostReason') }]}
            >
              <Input.TextArea {...tid('lifecycleReason')} autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
        )}
      </Row>

      {showAssignment && (
        <>
          <SectionTitle>{t('accounts.sections.assignment')}</SectionTitle>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="ownerId" label={t('accounts.fields.owner')}>
                <UserSelect data-testid="account-form-ownerId" roles={['kam', 'director', 'admin']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sponsorId" label={t('accounts.fields.sponsor')}>
                <UserSelect data-testid="account-form-sponsorId" roles={['sponsor', 'director', 'admin']} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
