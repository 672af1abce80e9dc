// Step 1 of 数据导入: what to import into, and the file (dragged or chosen). The file goes up as
// multipart/form-data; the server answers with the job and its preview.
import { useState } from 'react';
import { Alert, Flex, Select, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { IMPORT_ENTITIES, useUpload, type ImportEntity, type ImportJob } from './api';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function UploadStep({ maxBytes, onUploaded }: { maxBytes: number | undefined; onUploaded: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<ImportEntity>('accounts');
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useUpload();
  const size = maxBytes ? formatBytes(maxBytes) : '';

  const send = (file: File) => {
    setProblem(null);
    if (maxBytes && file.size > maxBytes) {
      setProblem(t('importing.upload.tooLarge', { size }));
      return;
    }
    upload.mutate(
      { entity, file },
      {
        onSuccess: onUploaded,
        onError: (e) => setProblem(isApiError(e) ? e.message : t('errors.generic')),
      },
    );
  };

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Typography.Text strong>{t('importing.entity')}</Typography.Text>
        <Select<ImportEntity>
          value={entity}
          onChange={setEntity}
          style={{ width: 200 }}
          data-testid="import-entity"
          options={IMPORT_ENTITIES.map((e) => ({ value: e, label: t(`importing.entities.${e}`) }))}
        />
      </Flex>
      <div data-testid="import-dropzone">
        <Upload.Dragger
          accept=".csv,.txt,.tsv,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            send(file);
            return false; // we send it ourselves
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{upload.isPending ? t('importing.upload.uploading') : t('importing.upload.drop')}</p>
          <p className="ant-upload-hint">{t('importing.upload.hint', { size })}</p>
        </Upload.Dragger>
      </div>
      {problem && <Alert type="error" showIcon title={t('importing.upload.failed')} description={problem} data-testid="import-upload-error" />}
    </Flex>
  );
}
