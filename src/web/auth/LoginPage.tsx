// Sign-in: username and password, language switch; back to where the user was going.
import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useLogin, useSession } from './session';
import { LanguageSwitch } from '../app/LanguageSwitch';

interface LoginForm {
  username: string;
  password: string;
}

function safeNext(next: string | null): string {
  // Only paths of this app: never an absolute or protocol-relative URL.
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/accounts';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { session } = useSession();
  const login = useLogin();
  const [form] = Form.useForm<LoginForm>();
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  }, [t]);

  if (session) return <Navigate to={next} replace />;

  const errorText = (() => {
    const err = login.error;
    if (!err) return null;
    if (isApiError(err)) {
      if (err.status === 401 || err.code === 'UNAUTHENTICATED') return t('login.failed');
      if (err.code === 'LOCKED' || err.code === 'RATE_LIMITED') return t('login.locked');
      if (err.code === 'VALIDATION') return t('login.failed');
      if (err.code === 'NETWORK') return t('errors.network');
      return err.message;
    }
    return t('errors.generic');
  })();

  return (
    <Flex style={{ minHeight: '100vh', background: '#f4f6fa' }}>
      <Flex
        vertical
        justify="space-between"
        style={{
          flex: '0 0 44%',
          padding: '48px 56px',
          background: 'linear-gradient(150deg, #0f1b33 0%, #1d3a8a 60%, #1d4ed8 100%)',
          color: '#fff',
        }}
        className="kam-login-brand"
      >
        <Flex align="center" gap={12}>
          <div
            style={{
              width: 36,
              height: 36,
              borderRadius: 8,
              background: '#fff',
              color: '#1d4ed8',
              display: 'grid',
              placeItems: 'center',
              fontWeight: 800,
            }}
          >
            K
          </div>
          <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{t('app.name')}</Typography.Text>
        </Flex>
        <div>
          <Typography.Title level={2} style={{ color: '#fff', marginBottom: 16 }}>
            {t('login.headline')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.75)', fontSize: 15, maxWidth: 460 }}>
            {t('login.tagline')}
          </Typography.Paragraph>
        </div>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.5)' }}>{t('login.footer')}</Typography.Text>
      </Flex>
      <Flex vertical style={{ flex: 1, padding: 24 }}>
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <Flex flex={1} align="center" justify="center">
          <Card style={{ width: 400, maxWidth: '100%' }} variant="borderless">
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
            {errorText && (
              <Alert type="error" showIcon title={errorText} style={{ marginBottom: 16 }} data-testid="login-error" />
            )}
            <Form<LoginForm>
              form={form}
              layout="vertical"
              requiredMark={false}
              size="large"
              data-testid="login-form"
              onFinish={(values) =>
                login.mutate(values, { onSuccess: () => void navigate(next, { replace: true }) })
              }
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  autoComplete="current-password"
                  data-testid="login-password"
                />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                loading={login.isPending}
                data-testid="login-submit"
              >
                {t('login.submit')}
              </Button>
            </Form>
          </Card>
        </Flex>
      </Flex>
    </Flex>
  );
}
