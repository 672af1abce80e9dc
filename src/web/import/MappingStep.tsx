// Step 2 of 数据导入: what was detected (format, encoding, delimiter, rows), a mapping table — one
// select per file column: a field of the entity or 忽略 — with the column's first values, named
// mappings to load or save, the first rows of the file, and the check (a dry run).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { SaveOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../api/errors';
import { currentLanguage } from '../i18n';
import { formatBytes } from './UploadStep';
import { useRunJob, useSaveMapping, useSavedMappings, type ColumnMapping, type ImportJob, type ImportPreview, type PreviewField } from './api';

const IGNORE = '__ignore__';
const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '').replace(/^\*|\*$/g, '');

/** The mapping to start from: the job's last one, else what the server suggested by header names. */
function initialMapping(job: ImportJob, preview: ImportPreview): (string | null)[] {
  const saved = job.options.mapping;
  return preview.header.map((h, i) => (saved && h in saved ? (saved[h] ?? null) : (preview.suggested[i] ?? null)));
}

export function fieldLabel(f: PreviewField): string {
  return currentLanguage() === 'zh-CN' ? f.label.zh : f.label.en;
}

interface Row {
  index: number;
  header: string;
  samples: string[];
}

export function MappingStep({ job, onReupload, onQueued }: { job: ImportJob; onReupload: () => void; onQueued: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const preview = job.preview!;
  const [fields, setFields] = useState<(string | null)[]>(() => initialMapping(job, preview));
  const [mappingName, setMappingName] = useState<string | null>(job.options.mappingName ?? null);
  const [saving, setSaving] = useState(false);
  const [newName, setNewName] = useState('');
  const saved = useSavedMappings(job.entity);
  const save = useSaveMapping();
  const run = useRunJob();

  const byName = useMemo(() => new Map(preview.fields.map((f) => [f.name, f])), [preview.fields]);
  const mapping: ColumnMapping = useMemo(() => {
    // Every named column explicitly (a field or null); a repeated header name is sent once.
    const m: ColumnMapping = {};
    const seen = new Set<string>();
    preview.header.forEach((h, i) => {
      if (h.trim() === '' || seen.has(norm(h))) return;
      seen.add(norm(h));
      m[h] = fields[i] ?? null;
    });
    return m;
  }, [preview.header, fields]);

  const used = fields.filter((f): f is string => f !== null);
  const missing = preview.fields.filter((f) => f.required && !used.includes(f.name));
  const duplicated = [...new Set(used.filter((f, i) => used.indexOf(f) !== i))];
  const blocked = missing.length > 0 || duplicated.length > 0;

  const loadMapping = (id: number) => {
    const m = saved.data?.items.find((x) => x.id === id);
    if (!m) return;
    const cols = new Map(Object.entries(m.columns).map(([k, v]) => [norm(k), v]));
    setFields(preview.header.map((h, i) => (cols.has(norm(h)) ? (cols.get(norm(h)) ?? null) : (preview.suggested[i] ?? null))));
    setMappingName(m.name);
    void message.success(t('importing.mapping.loaded', { name: m.name }));
  };

  const saveMapping = () => {
    const name = newName.trim();
    if (!name) return;
    const existing = saved.data?.items.find((m) => m.name.toLowerCase() === name.toLowerCase());
    save.mutate(
      { entity: job.entity, name, columns: mapping, existing },
      {
        onSuccess: () => {
          setSaving(false);
          setMappingName(name);
          void message.success(t('importing.mapping.saved', { name }));
        },
        onError: (e) => handleError(e),
      },
    );
  };

  const check = () =>
    run.mutate({ id: job.id, options: { mapping, dryRun: true, skipInvalid: false, createMissing: false, mappingName } }, { onSuccess: onQueued, onError: (e) => handleError(e) });

  const rows: Row[] = preview.header.map((header, index) => ({ index, header, samples: preview.rows.slice(0, 3).map((r) => r.cells[index] ?? '').filter((v) => v !== '') }));
  const columns: TableProps<Row>['columns'] = [
    {
      key: 'column',
      title: t('importing.mapping.column'),
      width: 260,
      render: (_v, r) => (
        <Typography.Text strong={r.header !== ''} type={r.header === '' ? 'secondary' : undefined}>
          {r.header || t('importing.mapping.noHeader')}
        </Typography.Text>
      ),
    },
    {
      key: 'field',
      title: t('importing.mapping.field'),
      width: 300,
      render: (_v, r) => (
        <Select<string>
          value={fields[r.index] ?? IGNORE}
          disabled={r.header === ''}
          style={{ width: '100%' }}
          showSearch={{ optionFilterProp: 'search' }}
          status={fields[r.index] && duplicated.includes(fields[r.index]!) ? 'error' : undefined}
          data-testid={`import-map-${r.index}`}
          onChange={(v) => setFields((prev) => prev.map((f, i) => (i === r.index ? (v === IGNORE ? null : v) : f)))}
          options={[
            { value: IGNORE, label: <Typography.Text type="secondary">{t('importing.mapping.ignore')}</Typography.Text>, search: t('importing.mapping.ignore') },
            ...preview.fields.map((f) => ({
              value: f.name,
              search: `${f.label.zh} ${f.label.en} ${f.name}`,
              label: (
                <Flex justify="space-between" gap={8}>
                  <span>
                    {fieldLabel(f)}
                    {f.required && <Typography.Text type="danger"> *</Typography.Text>}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.name}
                  </Typography.Text>
                </Flex>
              ),
            })),
          ]}
        />
      ),
    },
    { key: 'sample', title: t('importing.mapping.sample'), ellipsis: true, render: (_v, r) => <Typography.Text type="secondary">{r.samples.join(' · ')}</Typography.Text> },
  ];

  const dataColumns: TableProps<{ row: number; cells: string[] }>['columns'] = [
    { key: 'row', title: '#', dataIndex: 'row', width: 60, fixed: 'left' },
    ...preview.header.map((h, i) => ({
      key: String(i),
      title: (
        <Flex vertical>
          <span>{h || t('importing.mapping.noHeader')}</span>
          <Typography.Text type={fields[i] ? 'success' : 'secondary'} style={{ fontSize: 12, fontWeight: 'normal' }}>
            {fields[i] ? `→ ${fieldLabel(byName.get(fields[i])!)}` : t('importing.mapping.ignore')}
          </Typography.Text>
        </Flex>
      ),
      width: 160,
      ellipsis: true,
      render: (_v: unknown, r: { cells: string[] }) => r.cells[i],
    })),
  ];

  const delimiter = preview.delimiter === '\t' ? t('importing.preview.tab') : preview.delimiter;
  return (
    <Flex vertical gap={16} data-testid="import-mapping">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3, xl: 5 }}
        items={[
          { key: 'file', label: t('importing.jobs.file'), children: `${job.fileName} (${formatBytes(job.sizeBytes)})` },
          { key: 'entity', label: t('importing.entity'), children: t(`importing.entities.${job.entity}`) },
          { key: 'format', label: t('importing.preview.format'), children: preview.format === 'xlsx' ? 'Excel (XLSX)' : 'CSV' },
          ...(preview.format === 'csv'
            ? [
                { key: 'encoding', label: t('importing.preview.encoding'), children: preview.encoding },
                { key: 'delimiter', label: t('importing.preview.delimiter'), children: <Tag>{delimiter}</Tag> },
              ]
            : []),
          ...(preview.rowsEstimated !== null ? [{ key: 'rows', label: t('importing.preview.rows'), children: t('importing.preview.rowsEstimated', { count: preview.rowsEstimated.toLocaleString() }) }] : []),
        ]}
      />
      {preview.headerIssues.length > 0 && (
        <Alert type="warning" showIcon title={t('importing.preview.headerIssues', { entity: t(`importing.entities.${job.entity}`) })} description={preview.headerIssues.map((i) => i.reason).join('; ')} />
      )}
      <Flex gap={8} wrap align="center">
        <Select<number>
          placeholder={t('importing.mapping.load')}
          style={{ minWidth: 240 }}
          loading={saved.isLoading}
          value={saved.data?.items.find((m) => m.name === mappingName)?.id}
          notFoundContent={t('importing.mapping.none')}
          onChange={loadMapping}
          data-testid="import-mapping-load"
          options={(saved.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
        />
        <Button icon={<SaveOutlined />} onClick={() => (setNewName(mappingName ?? ''), setSaving(true))} data-testid="import-mapping-save">
          {t('importing.mapping.save')}
        </Button>
      </Flex>
      <Table<Row> rowKey="index" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="import-mapping-table" />
      {missing.length > 0 && <Alert type="error" showIcon title={t('importing.mapping.missingRequired', { fields: missing.map(fieldLabel).join('、') })} />}
      {duplicated.map((f) => (
        <Alert key={f} type="error" showIcon title={t('importing.mapping.duplicate', { field: fieldLabel(byName.get(f)!) })} />
      ))}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('importing.preview.title')} <Typography.Text type="secondary">({t('importing.preview.firstRows', { count: preview.rows.length })})</Typography.Text>
      </Typography.Title>
      <Table rowKey="row" size="small" columns={dataColumns} dataSource={preview.rows} pagination={false} scroll={{ x: 'max-content', y: 360 }} data-testid="import-preview-table" />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Button onClick={onReupload}>{t('importing.mapping.reupload')}</Button>
        <Flex align="center" gap={12}>
          <Typography.Text type="secondary">{t('importing.check.hint')}</Typography.Text>
          <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={blocked} loading={run.isPending} onClick={check} data-testid="import-check">
            {t('importing.check.button')}
          </Button>
        </Flex>
      </Flex>
      <Modal
        open={saving}
        title={t('importing.mapping.saveTitle')}
        onCancel={() => setSaving(false)}
        onOk={saveMapping}
        okButtonProps={{ disabled: newName.trim() === '', loading: save.isPending, 'data-testid': 'import-mapping-save-ok' }}
        destroyOnHidden
      >
        <Typography.Text>{t('importing.mapping.name')}</Typography.Text>
        <Input value={newName} maxLength={100} placeholder={t('importing.mapping.namePlaceholder')} onChange={(e) => setNewName(e.target.value)} onPressEnter={saveMapping} data-testid="import-mapping-name" style={{ marginTop: 8 }} />
      </Modal>
    </Flex>
  );
}
