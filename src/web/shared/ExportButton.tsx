// 导出: a CSV / XLSX dropdown that downloads a list with its current filters. A plain navigation
// (not fetch): the browser streams the file to disk itself, and the session cookie authenticates
// the GET. The server answers with Content-Disposition: attachment, so the page stays.
import { Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export type ExportEntity = 'accounts' | 'contacts' | 'orders' | 'payments';

/** The export URL of a list: its filters (empty ones left out), the format and the header language. */
export function exportUrl(entity: ExportEntity, format: 'csv' | 'xlsx', lang: 'zh' | 'en', filters: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams({ format, lang });
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return `/api/v1/${entity}/export?${params.toString()}`;
}

export function ExportButton({ entity, filters, size }: { entity: ExportEntity; filters: Record<string, string | number | undefined | null>; size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const go = (format: 'csv' | 'xlsx') => {
    window.location.href = exportUrl(entity, format, lang, filters);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: <span data-testid={`${entity}-export-csv`}>{t('exporting.csv')}</span> },
          { key: 'xlsx', label: <span data-testid={`${entity}-export-xlsx`}>{t('exporting.xlsx')}</span> },
        ],
        onClick: ({ key }) => go(key as 'csv' | 'xlsx'),
      }}
    >
      <Button icon={<DownloadOutlined />} size={size} data-testid={`${entity}-export`} title={t('exporting.hint')}>
        {t('exporting.button')}
      </Button>
    </Dropdown>
  );
}
