// Header language switch (zh-CN / en); the choice is kept in localStorage.
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, normaliseLanguage, setLanguage } from '../i18n';
import type { AppLanguage } from '../i18n';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { i18n, t } = useTranslation();
  const value = normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
  return (
    <Segmented<AppLanguage>
      data-testid="lang-switch"
      aria-label={t('header.language')}
      size={size}
      value={value}
      onChange={(lng) => setLanguage(lng)}
      options={LANGUAGES.map((l) => ({
        value: l.code,
        label: <span data-testid={`lang-${l.code}`}>{l.code === 'zh-CN' ? '中文' : 'EN'}</span>,
        title: l.label,
      }))}
    />
  );
}
