// What every page sits in: antd theme and locale (following the UI language), the antd App
// context (message / modal / notification), and the bridge that sends a 401 to the login page.
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setUnauthenticatedHandler } from '../api/client';
import { sessionKey } from '../auth/session';
import { normaliseLanguage } from '../i18n';
import { appTheme } from './theme';

function UnauthenticatedBridge() {
  const qc = useQueryClient();
  useEffect(() => {
    // Any 401 means the session is gone: forget it, RequireAuth then sends the user to /login.
    setUnauthenticatedHandler(() => qc.setQueryData(sessionKey, null));
    return () => setUnauthenticatedHandler(null);
  }, [qc]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lang = normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={appTheme}>
      <AntApp message={{ maxCount: 3 }}>
        <UnauthenticatedBridge />
        {children}
      </AntApp>
    </ConfigProvider>
  );
}
