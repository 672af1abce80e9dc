// 竞争对手 of an opportunity: strengths, weaknesses, threat 1–5 and our outcome against each
// (pending / won / lost), with the win–loss record over them; add, edit, remove.
import { useState } from 'react';
import { App, Button, Empty, Flex, Form, Input, Modal, Rate, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../api/errors';
import { EMPTY } from '../shared/format';
import { useCompetitors, useOpportunityPartsMutations, type Competitor, type CompetitorOutcome } from './api';
import { ThreatTag } from './labels';

const OUTCOMES: CompetitorOutcome[] = ['pending', 'won', 'lost'];
const OUTCOME_COLOR: Record<CompetitorOutcome, string> = { pending: 'default', won: 'green', lost: 'red' };

export function OutcomeTag({ outcome }: { outcome: CompetitorOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`pipeline.competitors.outcome.${outcome}`)}</Tag>;
}

export function CompetitorsCard({ opportunityId, canEdit }: { opportunityId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const list = useCompetitors(opportunityId);
  const { removeCompetitor } = useOpportunityPartsMutations(opportunityId);
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState<Competitor | 'new' | null>(null);

  if (list.isLoading) return <Skeleton active />;
  if (list.isError || !list.data)
    return (
      <Empty description={t('errors.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Empty>
    );
  const items = list.data;
  const record = { won: items.filter((c) => c.outcome === 'won').length, lost: items.filter((c) => c.outcome === 'lost').length, pending: items.filter((c) => c.outcome === 'pending').length };

  const confirmRemove = (c: Competitor) =>
    modal.confirm({
      title: t('pipeline.competitors.removeTitle', { name: c.name }),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => removeCompetitor.mutateAsync({ competitorId: c.id, version: c.version }).catch((e: unknown) => handleError(e)),
    });

  const columns: TableProps<Competitor>['columns'] = [
    { key: 'name', title: t('pipeline.competitors.name'), dataIndex: 'name', width: 180, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { key: 'strengths', title: t('pipeline.competitors.strengths'), render: (_v, c) => <span style={{ whiteSpace: 'pre-wrap' }}>{c.strengths ?? EMPTY}</span> },
    { key: 'weaknesses', title: t('pipeline.competitors.weaknesses'), render: (_v, c) => <span style={{ whiteSpace: 'pre-wrap' }}>{c.weaknesses ?? EMPTY}</span> },
    { key: 'threat', title: t('pipeline.competitors.threat'), width: 110, render: (_v, c) => <ThreatTag threat={c.threat} /> },
    { key: 'outcome', title: t('pipeline.competitors.outcomeLabel'), width: 110, render: (_v, c) => <OutcomeTag outcome={c.outcome} /> },
  ];
  if (canEdit)
    columns.push({
      key: 'actions',
      width: 90,
      render: (_v, c) => (
        <Flex gap={4}>
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(c)} />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => confirmRemove(c)} />
        </Flex>
      ),
    });

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Typography.Text type="secondary" data-testid="competitors-record">
          {t('pipeline.competitors.record', record)}
        </Typography.Text>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="competitor-add">
            {t('pipeline.competitors.add')}
          </Button>
        )}
      </Flex>
      <Table<Competitor> rowKey="id" size="small" columns={columns} dataSource={items} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.competitors.empty')} /> }} data-testid="competitors-table" />
      {editing && <CompetitorModal opportunityId={opportunityId} competitor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

interface Values {
  name: string;
  strengths?: string;
  weaknesses?: string;
  threat: number;
  outcome: CompetitorOutcome;
}

function CompetitorModal({ opportunityId, competitor, onClose }: { opportunityId: number; competitor: Competitor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { addCompetitor, updateCompetitor } = useOpportunityPartsMutations(opportunityId);
  const handleError = useErrorHandler();
  const blank = (s?: string) => (s?.trim() ? s.trim() : null);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is wrong
    const body = { name: v.name.trim(), strengths: blank(v.strengths), weaknesses: blank(v.weaknesses), threat: v.threat, outcome: v.outcome };
    try {
      if (competitor) await updateCompetitor.mutateAsync({ competitorId: competitor.id, version: competitor.version, ...body });
      else await addCompetitor.mutateAsync(body);
      onClose();
    } catch (e) {
      handleError(e, { form });
    }
  };
  return (
    <Modal
      open
      title={competitor ? t('pipeline.competitors.editTitle', { name: competitor.name }) : t('pipeline.competitors.add')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      okButtonProps={{ loading: addCompetitor.isPending || updateCompetitor.isPending }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={competitor ? { ...competitor, strengths: competitor.strengths ?? '', weaknesses: competitor.weaknesses ?? '' } : { threat: 3, outcome: 'pending' }}>
        <Form.Item name="name" label={t('pipeline.competitors.name')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="strengths" label={t('pipeline.competitors.strengths')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="weaknesses" label={t('pipeline.competitors.weaknesses')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item name="threat" label={t('pipeline.competitors.threat')} extra={t('pipeline.competitors.threatHint')}>
            <Rate count={5} allowClear={false} />
          </Form.Item>
          <Form.Item name="outcome" label={t('pipeline.competitors.outcomeLabel')}>
            <Segmented options={OUTCOMES.map((o) => ({ value: o, label: t(`pipeline.competitors.outcome.${o}`) }))} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
