// i18next set-up: zh-CN by default, English otherwise; the choice follows the browser and is
// kept in localStorage once the user switches in the header. dayjs follows the language.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { zhCN } from './zh-CN';
import { en } from './en';

dayjs.extend(relativeTime);
dayjs.extend(utc);
dayjs.extend(timezone);

export type AppLanguage = 'zh-CN' | 'en';
export const LANGUAGES: ReadonlyArray<{ code: AppLanguage; label: string }> = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
];
export const LANGUAGE_STORAGE_KEY = 'kam.lang';

/** zh, zh-CN, zh-Hans-CN, zh-TW … → zh-CN; anything else → en. */
export function normaliseLanguage(lng: string | undefined | null): AppLanguage {
  if (!lng) return 'zh-CN';
  return lng.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function applyDayjsLocale(lng: string) {
  dayjs.locale(normaliseLanguage(lng) === 'zh-CN' ? 'zh-cn' : 'en');
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    supportedLngs: ['zh-CN', 'en'],
    nonExplicitSupportedLngs: false,
    fallbackLng: 'zh-CN',
    // Browser languages are normalised: every zh* variant shows zh-CN, the rest English.
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [],
      convertDetectedLanguage: (lng: string) => normaliseLanguage(lng),
    },
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

applyDayjsLocale(i18n.language);
document.documentElement.lang = normaliseLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyDayjsLocale(lng);
  document.documentElement.lang = normaliseLanguage(lng);
});

export function currentLanguage(): AppLanguage {
  return normaliseLanguage(i18n.resolvedLanguage ?? i18n.language);
}

export function setLanguage(lng: AppLanguage): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lng);
}

export default i18n;
