// Add or edit a contact. When the user may not see the contact's PII (phone, email,
// birthday), those fields are locked and left out of the update.
import { Alert, App, Col, DatePicker, Form, Input, Modal, Radio, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactLevel, Id } from '../api/types';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { useEnumOptions } from '../shared/labels';
import { useContactMutations } from './api';
import type { ContactBody } from './api';

interface Values {
  name: string;
  department?: string;
  title?: string;
  level?: ContactLevel | null;
  phone?: string;
  email?: string;
  birthday?: Dayjs | null;
  preferences?: string;
}

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function ContactModal({ accountId, contact, onClose }: { accountId: Id; contact?: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const enums = useEnumOptions();
  const { create, update } = useContactMutations(accountId);
  const [form] = Form.useForm<Values>();
  const piiLocked = contact?.piiHidden === true;

  const initial: Partial<Values> = contact
    ? {
        name: contact.name,
        department: contact.department ?? undefined,
        title: contact.title ?? undefined,
        level: contact.level,
        phone: contact.phone ?? undefined,
        email: contact.email ?? undefined,
        birthday: contact.birthday ? dayjs(contact.birthday) : null,
        preferences: contact.preferences ?? undefined,
      }
    : {};

  const submit = async (v: Values) => {
    const body: ContactBody = {
      name: v.name.trim(),
      department: blank(v.department),
      title: blank(v.title),
      level: v.level ?? null,
      preferences: blank(v.preferences),
    };
    if (!piiLocked) {
      body.phone = blank(v.phone);
      body.email = blank(v.email);
      body.birthday = v.birthday ? v.birthday.format('YYYY-MM-DD') : null;
    }
    try {
      if (contact) await update.mutateAsync({ id: contact.id, body: { ...body, version: contact.version } });
      else await create.mutateAsync(body);
      void message.success(contact ? t('common.saved') : t('contacts.added'));
      onClose();
    } catch (err) {
      handleError(err, { form });
    }
  };

  const pii = (name: 'phone' | 'email') => ({ disabled: piiLocked, placeholder: piiLocked ? t('contacts.piiHidden') : undefined, 'data-testid': `contact-${name}` });

  return (
    <Modal
      open
      width={640}
      title={contact ? t('contacts.edit') : t('contacts.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={contact ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'contact-submit' }}
      destroyOnHidden
    >
      {piiLocked && <Alert type="info" showIcon title={t('contacts.piiLockedHint')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={(changed) => clearFieldErrors(form, changed)} initialValues={initial} data-testid="contact-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('contacts.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
              <Input data-testid="contact-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={t('contacts.fields.level')} tooltip={t('contacts.levelHint')}>
              <Radio.Group optionType="button" options={enums.contactLevel} data-testid="contact-level" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="department" label={t('contacts.fields.department')}>
              <Input data-testid="contact-department" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('contacts.fields.title')}>
              <Input data-testid="contact-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('contacts.fields.phone')} rules={[{ pattern: /^[+\d][\d\s\-()]{4,30}$/, message: t('validation.phone') }]}>
              <Input {...pii('phone')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('contacts.fields.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input {...pii('email')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="birthday" label={t('contacts.fields.birthday')}>
              <DatePicker
                style={{ width: '100%' }}
                disabled={piiLocked}
                disabledDate={(d) => d.isAfter(dayjs())}
                data-testid="contact-birthday"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="preferences" label={t('contacts.fields.preferences')} tooltip={t('contacts.preferencesHint')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="contact-preferences" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
