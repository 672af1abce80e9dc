// 九个信息点: the nine things a project-type sale must know, each with a status (unknown /
// partial / known) and notes, edited one at a time (the server versions each point).
import { useState } from 'react';
import { Button, Empty, Flex, Form, Input, Modal, Progress, Radio, Skeleton, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../api/errors';
import { formatDateTime } from '../shared/format';
import { useInfoPoints, useOpportunityPartsMutations, type InfoPoint, type InfoStatus } from './api';
import { InfoStatusTag } from './labels';

const STATUSES: InfoStatus[] = ['unknown', 'partial', 'known'];

export function InfoPointsCard({ opportunityId, canEdit }: { opportunityId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const points = useInfoPoints(opportunityId);
  const [editing, setEditing] = useState<InfoPoint | null>(null);

  if (points.isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (points.isError || !points.data)
    return (
      <Empty description={t('errors.loadFailed')}>
        <Button onClick={() => void points.refetch()}>{t('common.retry')}</Button>
      </Empty>
    );
  const known = points.data.filter((p) => p.status === 'known').length;
  const partial = points.data.filter((p) => p.status === 'partial').length;

  const columns: TableProps<InfoPoint>['columns'] = [
    { key: 'point', title: '#', dataIndex: 'point', width: 48 },
    { key: 'label', title: t('pipeline.info.point'), width: 260, render: (_v, p) => <Typography.Text strong>{t(`pipeline.info.points.${p.key}`, { defaultValue: p.labelZh })}</Typography.Text> },
    { key: 'status', title: t('pipeline.info.statusLabel'), width: 100, render: (_v, p) => <span data-testid={`info-point-${p.point}-status`}><InfoStatusTag status={p.status} /></span> },
    {
      key: 'notes',
      title: t('pipeline.info.notes'),
      render: (_v, p) =>
        p.notes ? (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: true }} data-testid={`info-point-${p.point}-notes`}>
            {p.notes}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('pipeline.info.noNotes')}</Typography.Text>
        ),
    },
    { key: 'updated', title: t('common.updatedAt'), width: 200, render: (_v, p) => (p.updatedAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(p.updatedAt)}{p.updatedBy ? ` · ${p.updatedBy}` : ''}</Typography.Text> : null) },
  ];
  if (canEdit)
    columns.push({
      key: 'edit',
      width: 56,
      render: (_v, p) => <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(p)} data-testid={`info-point-${p.point}-edit`} />,
    });

  return (
    <>
      <Flex align="center" gap={16} style={{ marginBottom: 12 }} wrap>
        <Progress percent={Math.round((known / 9) * 100)} success={{ percent: Math.round((known / 9) * 100) }} size="small" style={{ width: 200, margin: 0 }} format={() => `${known}/9`} />
        <Typography.Text type="secondary">{t('pipeline.info.summary', { known, partial, unknown: 9 - known - partial })}</Typography.Text>
      </Flex>
      <Table<InfoPoint> rowKey="point" size="small" columns={columns} dataSource={points.data} pagination={false} scroll={{ x: 800 }} data-testid="info-points-table" />
      {editing && <InfoPointModal opportunityId={opportunityId} point={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function InfoPointModal({ opportunityId, point, onClose }: { opportunityId: number; point: InfoPoint; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ status: InfoStatus; notes?: string }>();
  const { setInfoPoint } = useOpportunityPartsMutations(opportunityId);
  const handleError = useErrorHandler();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is wrong
    try {
      await setInfoPoint.mutateAsync({ point: point.point, version: point.version, status: v.status, notes: v.notes?.trim() ? v.notes.trim() : null });
      onClose();
    } catch (e) {
      handleError(e, { form });
    }
  };
  return (
    <Modal open title={`${point.point}. ${t(`pipeline.info.points.${point.key}`, { defaultValue: point.labelZh })}`} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} okButtonProps={{ loading: setInfoPoint.isPending, 'data-testid': 'info-point-save' } as never} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t(`pipeline.info.hints.${point.key}`, { defaultValue: '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ status: point.status, notes: point.notes ?? '' }}>
        <Form.Item name="status" label={t('pipeline.info.statusLabel')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={STATUSES.map((s) => ({ value: s, label: <span data-testid={`info-status-${s}`}>{t(`pipeline.info.status.${s}`)}</span> }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('pipeline.info.notes')}>
          <Input.TextArea rows={5} maxLength={4000} showCount data-testid="info-point-notes-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
