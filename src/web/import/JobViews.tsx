// Steps 3–5 of 数据导入: the validation report of a check (paginated table and CSV download) with
// the import options, the progress bar of a queued or running job, and the result.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, Flex, Progress, Radio, Result, Row, Statistic, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../api/errors';
import { listPath, reportUrl, useRunJob, type ImportJob, type ReportIssue } from './api';

export function ReportView({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const issues = job.issues ?? [];
  const summary = job.summary!;
  const lang = i18n.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const columns: TableProps<ReportIssue & { key: number }>['columns'] = [
    { key: 'row', title: t('importing.report.row'), width: 90, render: (_v, i) => (i.row === null ? t('importing.report.file') : i.row) },
    { key: 'column', title: t('importing.report.column'), width: 220, ellipsis: true, render: (_v, i) => i.column ?? '—' },
    {
      key: 'reason',
      title: t('importing.report.reason'),
      // zh-CN: a Chinese gist by the issue's code, above the importer's exact sentence (which names the value).
      render: (_v, i) =>
        lang === 'zh' && i18n.exists(`importing.reasons.${i.code}`) ? (
          <Flex vertical>
            <span>{t(`importing.reasons.${i.code}`)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.reason}
            </Typography.Text>
          </Flex>
        ) : (
          i.reason
        ),
    },
  ];
  return (
    <Flex vertical gap={12} data-testid="import-report">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('importing.report.title')}
        </Typography.Title>
        {summary.issueCount > 0 && (
          <Button icon={<DownloadOutlined />} href={reportUrl(job.id, lang)} data-testid="import-report-download">
            {t('importing.report.download')}
          </Button>
        )}
      </Flex>
      {summary.ignoredColumns.length > 0 && <Alert type="info" showIcon title={t('importing.report.ignored', { columns: summary.ignoredColumns.join('、') })} />}
      {summary.issueCount > issues.length && <Typography.Text type="secondary">{t('importing.report.more', { count: summary.issueCount, shown: issues.length })}</Typography.Text>}
      <Table
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={issues.map((i, key) => ({ ...i, key }))}
        pagination={{ defaultPageSize: 10, showSizeChanger: true, hideOnSinglePage: true }}
        locale={{ emptyText: t('importing.report.empty') }}
        data-testid="import-report-table"
      />
    </Flex>
  );
}

function Counts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const s = job.summary!;
  const items: [string, number, string?][] = [
    ['created', s.created, '#389e0d'],
    ['updated', s.updated],
    ['unchanged', s.unchanged],
    ['rejected', s.rejected, s.rejected ? '#cf1322' : undefined],
  ];
  if (s.accountsCreated) items.push(['accountsCreated', s.accountsCreated]);
  for (const [k, v] of Object.entries(s.extra)) if (k === 'orders' || k === 'lines') items.push([k, v]);
  return (
    <Row gutter={[16, 16]} data-testid="import-counts">
      {items.map(([k, v, color]) => (
        <Col key={k} xs={12} md={6} xl={4}>
          <Card size="small" variant="outlined">
            <Statistic title={t(`importing.result.${k}`)} value={v} styles={color ? { content: { color } } : undefined} data-testid={`import-count-${k}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** After a check (or an all-or-nothing import that met bad rows): the report, the options, Import. */
export function CheckedView({ job, onEditMapping }: { job: ImportJob; onEditMapping: () => void }) {
  const { t } = useTranslation();
  const handleError = useErrorHandler();
  const run = useRunJob();
  const s = job.summary!;
  const [skipInvalid, setSkipInvalid] = useState(job.options.skipInvalid ?? false); // all-or-nothing unless chosen
  const [createMissing, setCreateMissing] = useState(job.options.createMissing ?? false);
  const importNow = () =>
    run.mutate(
      { id: job.id, options: { mapping: job.options.mapping ?? {}, dryRun: false, skipInvalid, createMissing, mappingName: job.options.mappingName ?? null } },
      { onError: (e) => handleError(e) },
    );
  const nothingWritten = !s.dryRun && !s.committed;
  return (
    <Flex vertical gap={16} data-testid="import-checked">
      {nothingWritten ? (
        <Alert type="warning" showIcon title={t('importing.result.notCommitted', { rejected: s.rejected })} />
      ) : s.rejected === 0 ? (
        <Alert type="success" showIcon title={t('importing.check.ok', { rows: s.rows })} description={t('importing.check.counts', { created: s.created, updated: s.updated, unchanged: s.unchanged })} data-testid="import-check-ok" />
      ) : (
        <Alert type="warning" showIcon title={t('importing.check.bad', { rows: s.rows, rejected: s.rejected })} description={t('importing.check.counts', { created: s.created, updated: s.updated, unchanged: s.unchanged })} data-testid="import-check-bad" />
      )}
      <ReportView job={job} />
      <Card size="small" title={t('importing.options.title')}>
        <Flex vertical gap={12}>
          <Radio.Group value={skipInvalid ? 'skip' : 'all'} onChange={(e) => setSkipInvalid(e.target.value === 'skip')} data-testid="import-mode">
            <Flex vertical gap={8}>
              <Radio value="all" data-testid="import-mode-all">
                {t('importing.options.allOrNothing')} <Typography.Text type="secondary">— {t('importing.options.allOrNothingHint')}</Typography.Text>
              </Radio>
              <Radio value="skip" data-testid="import-mode-skip">
                {t('importing.options.skipInvalid')} <Typography.Text type="secondary">— {t('importing.options.skipInvalidHint')}</Typography.Text>
              </Radio>
            </Flex>
          </Radio.Group>
          {job.entity !== 'accounts' && (
            <Checkbox checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)} data-testid="import-create-missing">
              {t('importing.options.createMissing')} <Typography.Text type="secondary">— {t('importing.options.createMissingHint')}</Typography.Text>
            </Checkbox>
          )}
        </Flex>
      </Card>
      <Flex justify="space-between" gap={8} wrap>
        <Button icon={<EditOutlined />} onClick={onEditMapping} data-testid="import-edit-mapping">
          {t('importing.check.back')}
        </Button>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={importNow} loading={run.isPending} disabled={!job.canRun} data-testid="import-run">
          {t('importing.run.button')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** A queued or running job: a progress bar following the job row. */
export function ProgressView({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const label = job.status === 'queued' ? t('importing.run.queued') : job.options.dryRun ? t('importing.check.running') : t('importing.run.running');
  const rows = job.rowsEstimated ? t('importing.run.rowsOf', { count: job.rowsProcessed, total: job.rowsEstimated }) : t('importing.run.rows', { count: job.rowsProcessed });
  return (
    <Flex vertical gap={8} align="center" style={{ padding: '32px 0' }} data-testid="import-progress">
      <Typography.Text strong>{label}</Typography.Text>
      <Progress percent={job.percent ?? 0} status="active" style={{ maxWidth: 560 }} showInfo={job.percent !== null} />
      <Typography.Text type="secondary">{rows}</Typography.Text>
    </Flex>
  );
}

export function ResultView({ job, onAnother }: { job: ImportJob; onAnother: () => void }) {
  const { t } = useTranslation();
  const s = job.summary!;
  const entity = t(`importing.entities.${job.entity}`);
  return (
    <Flex vertical gap={16} data-testid="import-result">
      <Result
        status="success"
        title={t('importing.result.title')}
        subTitle={t('importing.result.subtitle', { file: job.fileName, rows: s.rows, seconds: (s.ms / 1000).toFixed(1) })}
        extra={[
          <Link key="open" to={listPath(job.entity)}>
            <Button type="primary" data-testid="import-open-list">
              {t('importing.result.open', { entity })}
            </Button>
          </Link>,
          <Button key="again" onClick={onAnother} data-testid="import-another">
            {t('importing.result.another')}
          </Button>,
        ]}
        style={{ paddingBottom: 0 }}
      />
      <Counts job={job} />
      {s.rejected > 0 && <ReportView job={job} />}
    </Flex>
  );
}

export function FailedView({ job, onRetry, onAnother }: { job: ImportJob; onRetry: () => void; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('importing.result.failed')}
      subTitle={<span data-testid="import-error">{job.error?.code === 'interrupted' ? t('importing.result.interrupted') : job.error?.message}</span>}
      extra={[
        job.canRun && (
          <Button key="retry" type="primary" onClick={onRetry}>
            {t('importing.result.rerun')}
          </Button>
        ),
        <Button key="again" onClick={onAnother}>
          {t('importing.result.another')}
        </Button>,
      ]}
    />
  );
}
