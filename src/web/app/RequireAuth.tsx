// Route guards: signed in (else to /login?next=…), and role-restricted pages.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import type { Role } from '../api/types';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, isLoading, error, refetch } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (isLoading) {
    return (
      <Flex align="center" justify="center" style={{ height: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (error && !session) {
    return (
      <Result
        status="500"
        title={t('errors.serverUnavailable')}
        subTitle={(error as Error).message}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!session) {
    const next = location.pathname + location.search;
    const to = next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

export function RequireRole({ allow, children }: { allow: (role: Role) => boolean; children: ReactNode }) {
  const { session } = useSession();
  const { t } = useTranslation();
  if (!session || !allow(session.user.role)) {
    return <Result status="403" title="403" subTitle={t('errors.forbiddenPage')} />;
  }
  return <>{children}</>;
}
