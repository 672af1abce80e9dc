// Before / after of one audited write, field by field; changed fields are highlighted.
import { useState } from 'react';
import { Flex, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Row {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 2);
}

export function diffRows(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    return [{ field: '—', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
  return keys.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffRows(before, after);
  const changedCount = rows.filter((r) => r.changed).length;
  const [onlyChanged, setOnlyChanged] = useState(changedCount > 0 && before != null && after != null);
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  const cell = (v: unknown) => (
    <pre className="kam-mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {v === undefined ? <Typography.Text type="secondary">—</Typography.Text> : show(v)}
    </pre>
  );
  return (
    <div data-testid="audit-diff">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('audit.changedFields', { count: changedCount })}</Typography.Text>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('audit.onlyChanged')}</Typography.Text>
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
        </Flex>
      </Flex>
      <Table<Row>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={shown}
        rowClassName={(r) => (r.changed ? 'kam-diff-changed' : '')}
        columns={[
          { key: 'field', title: t('audit.field'), width: 200, render: (_v, r) => <span className="kam-mono">{r.field}</span> },
          { key: 'before', title: t('audit.before'), render: (_v, r) => cell(r.before) },
          { key: 'after', title: t('audit.after'), render: (_v, r) => cell(r.after) },
        ]}
      />
    </div>
  );
}
