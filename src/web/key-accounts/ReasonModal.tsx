// 纳入 / 淘汰: a director's decision, always with a reason (kept in the decision history).
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../api/errors';

export function ReasonModal({ title, warning, onSubmit, onClose, testId }: { title: string; warning?: string | null; onSubmit: (reason: string) => Promise<unknown>; onClose: () => void; testId: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const handleError = useErrorHandler();
  const submit = async () => {
    const { reason } = await form.validateFields();
    try {
      await onSubmit(reason.trim());
      onClose();
    } catch (err) {
      handleError(err, { form });
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void submit()} okText={t('keyAccounts.confirm')} cancelText={t('common.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': `${testId}-ok` } as Record<`data-${string}`, string>}>
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('keyAccounts.reason')} rules={[{ required: true, whitespace: true, message: t('keyAccounts.reasonRequired') }, { max: 1000 }]}>
          <Input.TextArea rows={3} autoFocus data-testid={`${testId}-reason`} placeholder={t('keyAccounts.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
