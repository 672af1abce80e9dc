// Create a user, or edit one's display name, email, role, team and whether it is active.
import { App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Id, Role, User } from '../../api/types';
import { clearFieldErrors, useErrorHandler } from '../../api/errors';
import { useEnumOptions } from '../../shared/labels';
import { useTeams, useUserMutations } from '../api';

/** The server's minimum (users/rules/user-rules.ts). */
const PASSWORD_MIN = 10;

interface Values {
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  teamId?: Id | null;
  active: boolean;
  password?: string;
}

export function UserFormModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const enums = useEnumOptions();
  const teams = useTeams();
  const { create, update } = useUserMutations();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    const email = v.email?.trim() ? v.email.trim() : null;
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          body: { version: user.version, displayName: v.displayName.trim(), email, role: v.role, teamId: v.teamId ?? null, active: v.active },
        });
      } else {
        await create.mutateAsync({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          email,
          role: v.role,
          teamId: v.teamId ?? null,
          password: v.password ?? '',
        });
      }
      void message.success(user ? t('common.saved') : t('users.created'));
      onClose();
    } catch (err) {
      handleError(err, { form });
    }
  };

  return (
    <Modal
      open
      width={640}
      title={user ? t('users.edit', { name: user.displayName }) : t('users.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={user ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => clearFieldErrors(form, changed)}
        initialValues={
          user
            ? { username: user.username, displayName: user.displayName, email: user.email ?? undefined, role: user.role, teamId: user.teamId, active: user.active }
            : { role: 'kam', active: true }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="username"
              label={t('users.fields.username')}
              rules={[{ required: true, message: t('validation.required') }, { pattern: /^[A-Za-z0-9._-]{3,50}$/, message: t('validation.username') }]}
            >
              <Input disabled={!!user} autoComplete="off" data-testid="user-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="displayName" label={t('users.fields.displayName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input data-testid="user-displayName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t('users.fields.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true }]}>
              <Select options={enums.role} data-testid="user-role" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="teamId" label={t('users.fields.team')}>
              <Select allowClear loading={teams.isLoading} options={(teams.data ?? []).map((tm) => ({ value: tm.id, label: tm.name }))} />
            </Form.Item>
          </Col>
          {user ? (
            <Col xs={24} md={12}>
              <Form.Item name="active" label={t('users.fields.active')} valuePropName="checked">
                <Switch checkedChildren={t('users.status.active')} unCheckedChildren={t('users.status.disabled')} />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} md={12}>
              <Form.Item name="password" label={t('users.fields.password')} rules={[{ required: true, message: t('validation.required') }, { min: PASSWORD_MIN, message: t('validation.passwordMin', { count: PASSWORD_MIN }) }]}>
                <Input.Password autoComplete="new-password" data-testid="user-password" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const { resetPassword } = useUserMutations();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  return (
    <Modal
      open
      title={t('users.resetPasswordFor', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={resetPassword.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ password }) => {
          try {
            await resetPassword.mutateAsync({ id: user.id, password });
            void message.success(t('users.passwordReset'));
            onClose();
          } catch (err) {
            handleError(err, { form });
          }
        }}
      >
        <Form.Item name="password" label={t('users.fields.newPassword')} rules={[{ required: true, message: t('validation.required') }, { min: PASSWORD_MIN, message: t('validation.passwordMin', { count: PASSWORD_MIN }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.fields.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (!v || getFieldValue('password') === v ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
