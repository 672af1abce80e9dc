import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "<page> · KAM 大客户管理" in the browser tab. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    const app = t('app.name');
    document.title = title ? `${title} · ${app}` : app;
  }, [title, t]);
}
