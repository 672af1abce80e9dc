// Add or edit one need of an account.
import { App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Id, Need, NeedKind } from '../../api/types';
import { clearFieldErrors, useErrorHandler } from '../../api/errors';
import { useNeedMutations } from '../api';

interface Values {
  title: string;
  description?: string;
  kind: NeedKind;
}

export function NeedModal({ accountId, need, onClose }: { accountId: Id; need?: Need; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const { create, update } = useNeedMutations(accountId);
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    const body = { title: v.title.trim(), description: v.description?.trim() || null, kind: v.kind };
    try {
      if (need) await update.mutateAsync({ id: need.id, body: { ...body, version: need.version } });
      else await create.mutateAsync(body);
      void message.success(t(need ? 'common.saved' : 'needs.added'));
      onClose();
    } catch (err) {
      handleError(err, { form });
    }
  };

  return (
    <Modal
      open
      title={need ? t('needs.edit') : t('needs.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={need ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'need-submit' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => clearFieldErrors(form, changed)}
        initialValues={need ? { title: need.title, description: need.description ?? undefined, kind: need.kind } : { kind: 'implicit' }}
      >
        <Form.Item name="title" label={t('needs.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200 }]}>
          <Input data-testid="need-title" />
        </Form.Item>
        <Form.Item name="description" label={t('needs.fields.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="need-description" />
        </Form.Item>
        <Form.Item name="kind" label={t('needs.fields.kind')} extra={t('needs.kindHint')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'implicit', label: t('enums.needKind.implicit') },
              { value: 'explicit', label: t('enums.needKind.explicit') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
