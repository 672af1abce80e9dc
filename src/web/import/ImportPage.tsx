// 数据导入: upload → mapping (preview) → check (dry run, validation report) → import (options,
// progress) → result, for the job in the URL (?job=ID, so a reload or a link comes back to it),
// and the list of recent import jobs below.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Flex, Skeleton, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useImportJob, useImportJobs, isActive, type ImportJob } from './api';
import { JobsList } from './JobsList';
import { CheckedView, FailedView, ProgressView, ResultView } from './JobViews';
import { MappingStep } from './MappingStep';
import { UploadStep } from './UploadStep';

type Step = 0 | 1 | 2 | 3 | 4;

/** Which step a job is at (editing: the user went back to the mapping). */
function stepOf(job: ImportJob | undefined, editing: boolean): Step {
  if (!job) return 0;
  if (editing || job.status === 'uploaded' || job.status === 'cancelled') return 1;
  const dry = job.options.dryRun ?? false;
  if (job.status === 'succeeded') return job.summary?.committed && !dry ? 4 : 2;
  return dry ? 2 : 3;
}

export default function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('importing.title'));
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ? Number(params.get('job')) : null;
  const [editing, setEditing] = useState(false);
  const jobs = useImportJobs();
  const job = useImportJob(jobId);
  const current = jobId === null ? undefined : job.data;
  const step = stepOf(current, editing);
  const qc = useQueryClient();
  const status = current?.status;
  useEffect(() => {
    // The list follows the open job's status at once, not at its own next poll.
    if (status) void qc.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [status, qc]);

  const open = (id: number | null) => {
    setEditing(false);
    setParams(id === null ? {} : { job: String(id) }, { replace: false });
  };

  const failed = current?.status === 'failed';
  const stepItems = (['upload', 'mapping', 'check', 'import', 'result'] as const).map((k, i) => ({
    key: k,
    title: t(`importing.steps.${k}`),
    status: failed && !editing && i === step ? ('error' as const) : i < step || (i === 4 && step === 4) ? ('finish' as const) : i === step ? ('process' as const) : ('wait' as const),
  }));

  let body;
  if (jobId !== null && job.isLoading) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (jobId !== null && job.isError)
    body = (
      <Alert
        type="error"
        showIcon
        title={t('errors.loadFailed')}
        action={<Button onClick={() => open(null)}>{t('importing.result.another')}</Button>}
      />
    );
  else if (!current) body = <UploadStep maxBytes={jobs.data?.maxUploadBytes} onUploaded={(j) => open(j.id)} />;
  else if (isActive(current.status)) body = <ProgressView job={current} />;
  else if (step === 1) body = <MappingStep key={`${current.id}-${current.version}`} job={current} onReupload={() => open(null)} onQueued={() => setEditing(false)} />;
  else if (failed) body = <FailedView job={current} onRetry={() => setEditing(true)} onAnother={() => open(null)} />;
  else if (step === 2) body = <CheckedView key={current.id} job={current} onEditMapping={() => setEditing(true)} />;
  else body = <ResultView job={current} onAnother={() => open(null)} />;

  return (
    <>
      <PageHeader title={t('importing.title')} subtitle={t('importing.subtitle')} />
      <Flex vertical gap={16}>
        <Card variant="borderless">
          <Steps current={step} items={stepItems} style={{ marginBottom: 24 }} data-testid="import-steps" />
          {body}
        </Card>
        <JobsList jobs={jobs} activeId={jobId} onOpen={open} />
      </Flex>
    </>
  );
}
