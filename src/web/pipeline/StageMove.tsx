// Moving an opportunity to another stage, shared by the board (drag, or the "move to stage…"
// menu) and the detail page. The move is first sent as it is; when the server refuses it because
// exit criteria are unmet (or a reason is needed to reopen / un-win) the dialog says why and asks
// for the reason of the override — or lets the user tick the criteria as met instead. Closing
// lost always asks the reason and the competitor who won. `optimistic` applies the move on
// screen at once and returns how to undo it when the server says no.
import { useState } from 'react';
import { Alert, AutoComplete, Button, Form, Input, List, Modal, Typography } from 'antd';
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorHandler } from '../api/errors';
import { useCompetitors, useOpportunityMutations, type MoveRequest, type Opportunity, type OpportunityDetail, type StageDef } from './api';
import { unmetForMove } from './model';
import { useCriterionLabel, useStageName } from './labels';

type Target = number | 'lost';
type Mode = 'lost' | 'override' | 'reason';
interface Pending {
  opp: Opportunity;
  to: Target;
  mode: Mode;
}

export function useStageMove(stages: readonly StageDef[] | undefined, optimistic?: (opp: Opportunity, to: Target) => () => void) {
  const [pending, setPending] = useState<Pending | null>(null);
  const { move, update, refresh } = useOpportunityMutations();
  const qc = useQueryClient();
  const handleError = useErrorHandler();

  /** Sends one move; true when it went through. A refusal that a reason can fix opens the dialog. */
  const send = async (opp: Opportunity, req: MoveRequest): Promise<boolean> => {
    const undo = optimistic?.(opp, req.to);
    try {
      const after = await move.mutateAsync({ id: opp.id, version: opp.version, ...req });
      qc.setQueryData(['opportunities', after.id], after);
      void refresh();
      return true;
    } catch (e) {
      undo?.();
      const issue = isApiError(e, 'VALIDATION') ? e.fieldIssues[0] : undefined;
      if (!req.reason && req.to !== 'lost' && issue?.code === 'criteria_unmet') {
        setPending({ opp, to: req.to, mode: 'override' });
        return false;
      }
      if (!req.reason && req.to !== 'lost' && issue?.field === 'reason') {
        setPending({ opp, to: req.to, mode: 'reason' });
        return false;
      }
      handleError(e);
      return false;
    }
  };

  const request = (opp: Opportunity, to: Target) => {
    if (to === 'lost') setPending({ opp, to, mode: 'lost' });
    else if (to !== opp.stage || opp.status === 'lost') void send(opp, { to });
  };

  /** Ticks the unmet criteria as met (PATCH milestones), then moves without an override. */
  const markMetAndMove = async (p: Pending) => {
    const unmet = stages ? unmetForMove(stages, p.opp, p.to) : [];
    const milestones: Record<string, string[]> = { ...p.opp.milestones };
    for (const c of unmet) milestones[String(c.stage)] = [...new Set([...(milestones[String(c.stage)] ?? []), c.key])];
    try {
      const updated: OpportunityDetail = await update.mutateAsync({ id: p.opp.id, version: p.opp.version, milestones });
      if (await send(updated, { to: p.to })) setPending(null);
    } catch (e) {
      handleError(e);
    }
  };

  const dialog = pending ? (
    <MoveDialog
      key={`${pending.opp.id}-${String(pending.to)}-${pending.mode}`}
      pending={pending}
      stages={stages}
      busy={move.isPending || update.isPending}
      onCancel={() => setPending(null)}
      onMarkMet={() => void markMetAndMove(pending)}
      onSubmit={async (values) => {
        const req: MoveRequest = pending.mode === 'lost' ? { to: 'lost', lostReason: values.lostReason, winningCompetitor: values.winningCompetitor } : { to: pending.to, reason: values.reason };
        if (await send(pending.opp, req)) setPending(null);
      }}
    />
  ) : null;

  return { request, dialog, busy: move.isPending };
}

interface DialogValues {
  reason?: string;
  lostReason?: string;
  winningCompetitor?: string;
}

function MoveDialog({ pending, stages, busy, onCancel, onSubmit, onMarkMet }: { pending: Pending; stages: readonly StageDef[] | undefined; busy: boolean; onCancel: () => void; onSubmit: (v: DialogValues) => Promise<void>; onMarkMet: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DialogValues>();
  const stageName = useStageName(stages);
  const criterionLabel = useCriterionLabel();
  const { opp, to, mode } = pending;
  const competitors = useCompetitors(opp.id);
  const unmet = mode === 'override' && stages ? unmetForMove(stages, opp, to) : [];
  const title = mode === 'lost' ? t('pipeline.move.lostTitle', { name: opp.name }) : t('pipeline.move.title', { name: opp.name, stage: stageName(to) });

  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      okText={mode === 'override' ? t('pipeline.move.override') : mode === 'lost' ? t('pipeline.move.closeLost') : t('pipeline.move.submit')}
      okButtonProps={{ danger: mode !== 'reason', loading: busy, 'data-testid': 'move-submit' } as never}
      // Invalid fields show their messages; nothing else to do with the rejection.
      onOk={() => void form.validateFields().then(onSubmit, () => undefined)}
      destroyOnHidden
      data-testid="move-dialog"
    >
      {mode === 'override' && (
        <>
          <Alert
            type="warning"
            showIcon
            icon={<WarningOutlined />}
            style={{ marginBottom: 12 }}
            title={t('pipeline.move.unmetTitle', { from: stageName(opp.stage), to: stageName(to) })}
            description={
              <List
                size="small"
                data-testid="move-unmet"
                dataSource={unmet}
                renderItem={(c) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <Typography.Text>
                      <Typography.Text type="secondary">{stageName(c.stage)} · </Typography.Text>
                      {criterionLabel(c)}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            }
          />
          {unmet.length > 0 && (
            <Button icon={<CheckCircleOutlined />} onClick={onMarkMet} loading={busy} style={{ marginBottom: 16 }} data-testid="move-mark-met">
              {t('pipeline.move.markMet')}
            </Button>
          )}
          <Typography.Paragraph type="secondary">{t('pipeline.move.overrideHint')}</Typography.Paragraph>
        </>
      )}
      {mode === 'reason' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={opp.status === 'lost' ? t('pipeline.move.reopenHint') : t('pipeline.move.unwinHint')} />}
      <Form form={form} layout="vertical" requiredMark={false}>
        {mode === 'lost' ? (
          <>
            <Form.Item name="lostReason" label={t('pipeline.fields.lostReason')} rules={[{ required: true, whitespace: true, message: t('pipeline.move.lostReasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="move-lost-reason" />
            </Form.Item>
            <Form.Item name="winningCompetitor" label={t('pipeline.fields.winningCompetitor')} rules={[{ required: true, whitespace: true, message: t('pipeline.move.competitorRequired') }]}>
              <AutoComplete
                options={(competitors.data ?? []).map((c) => ({ value: c.name }))}
                placeholder={t('pipeline.move.competitorPlaceholder')}
                maxLength={200}
                data-testid="move-winning-competitor"
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label={t('pipeline.move.reason')} rules={[{ required: true, whitespace: true, message: t('pipeline.move.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('pipeline.move.reasonPlaceholder')} data-testid="move-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
