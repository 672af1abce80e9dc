// Adds a person to the decision chain: one of the account's contacts (linked by contactId, name
// and title taken from the contact) or a new name, with a first buying role, attitude and
// influence. The rest of the assessment is filled in the drawer.
import { useMemo, useState } from 'react';
import { Form, Input, InputNumber, Modal, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Id } from '../api/types';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { useContacts } from '../contacts/api';
import { useDebounced } from '../shared/useDebounced';
import { ATTITUDES, BUYING_ROLES, type Attitude, type BuyingRole, type Stakeholder } from './model';
import type { useMapMutations } from './api';

interface Values {
  contactId?: Id;
  name?: string;
  title?: string;
  buyingRole?: BuyingRole;
  attitude: Attitude;
  influence: number;
}

interface Props {
  accountId: Id;
  open: boolean;
  create: ReturnType<typeof useMapMutations>['create'];
  onClose: (created: Stakeholder | null) => void;
}

export function AddPersonModal({ accountId, open, create, onClose }: Props) {
  const { t } = useTranslation();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'new' | 'contact'>('new');
  const [q, setQ] = useState('');
  const debounced = useDebounced(q, 250);
  const contacts = useContacts(accountId, mode === 'contact' && open ? debounced : '', 20);
  const contactList = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);

  const submit = async () => {
    const v = await form.validateFields();
    const contact = mode === 'contact' ? contactList.find((c) => c.id === v.contactId) : undefined;
    const name = contact?.name ?? v.name?.trim() ?? '';
    try {
      const created = await create.mutateAsync({
        name,
        title: (contact ? contact.title : v.title?.trim()) || null,
        contactId: contact?.id ?? null,
        buyingRole: v.buyingRole ?? null,
        attitude: v.attitude,
        influence: v.influence,
      });
      form.resetFields();
      onClose(created);
    } catch (err) {
      handleError(err, { form });
    }
  };

  return (
    <Modal
      open={open}
      title={t('relationships.add.title')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={() => onClose(null)}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'add-person-ok' }}
      destroyOnHidden
    >
      <Segmented
        block
        style={{ marginBottom: 16 }}
        value={mode}
        onChange={(v) => setMode(v as 'new' | 'contact')}
        options={[
          { value: 'new', label: t('relationships.add.newName') },
          { value: 'contact', label: t('relationships.add.fromContact') },
        ]}
        data-testid="add-person-mode"
      />
      <Form<Values> form={form} layout="vertical" initialValues={{ attitude: 'neutral', influence: 5 }} onValuesChange={(c) => clearFieldErrors(form, c)} preserve={false}>
        {mode === 'contact' ? (
          <Form.Item name="contactId" label={t('relationships.fields.contact')} rules={[{ required: true, message: t('relationships.add.contactRequired') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQ }}
              loading={contacts.isFetching}
              placeholder={t('relationships.add.contactPlaceholder')}
              options={contactList.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
              data-testid="add-person-contact"
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label={t('relationships.fields.name')} rules={[{ required: true, whitespace: true, message: t('relationships.add.nameRequired') }, { max: 100 }]}>
              <Input autoFocus data-testid="add-person-name" />
            </Form.Item>
            <Form.Item name="title" label={t('relationships.fields.title')} rules={[{ max: 100 }]}>
              <Input data-testid="add-person-title" />
            </Form.Item>
          </>
        )}
        <Form.Item name="buyingRole" label={t('relationships.fields.buyingRole')}>
          <Select allowClear options={BUYING_ROLES.map((r) => ({ value: r, label: t(`relationships.buyingRole.${r}`) }))} data-testid="add-person-role" />
        </Form.Item>
        <Form.Item name="attitude" label={t('relationships.fields.attitude')}>
          <Select options={ATTITUDES.map((a) => ({ value: a, label: t(`relationships.attitude.${a}`) }))} data-testid="add-person-attitude" />
        </Form.Item>
        <Form.Item name="influence" label={t('relationships.fields.influence')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10} precision={0} style={{ width: 120 }} data-testid="add-person-influence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
