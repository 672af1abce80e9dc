// One opportunity (商机): the eight stages as steps with the move action, the exit criteria of the
// current stage (ticked here), its fields (edited in the drawer), and tabs for the nine
// information points, the six-step analysis, competitors and the stage history. Delete asks first.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Dropdown, Empty, Flex, Result, Skeleton, Steps, Tabs, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, DownOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorHandler } from '../api/errors';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDate, formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { useOpportunity, useOpportunityMutations, useStages, type OpportunityDetail, type StageDef } from './api';
import { criterionLabel, daysInStage, isStalled } from './model';
import { Money, StatusTag, useCriterionLabel, useStageName } from './labels';
import { useStageMove } from './StageMove';
import { OpportunityFormDrawer } from './OpportunityFormDrawer';
import { InfoPointsCard } from './InfoPoints';
import { CompetitorsCard } from './Competitors';
import { SixStepAnalysis } from './SixStepAnalysis';

const TABS = ['info', 'six', 'competitors', 'history'] as const;

export default function OpportunityDetailPage() {
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const handleError = useErrorHandler();
  const opp = useOpportunity(id);
  const stages = useStages();
  const stageName = useStageName(stages.data);
  const { remove } = useOpportunityMutations();
  const mover = useStageMove(stages.data);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<(typeof TABS)[number]>('info');
  useDocumentTitle(opp.data?.name ?? t('pipeline.detail.title'));

  if (opp.isLoading || stages.isLoading) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (opp.isError && isApiError(opp.error, 'NOT_FOUND'))
    return <Result status="404" title={t('pipeline.detail.notFound')} extra={<Button onClick={() => navigate('/opportunities')}>{t('pipeline.list.title')}</Button>} />;
  if (!opp.data || !stages.data)
    return (
      <Empty description={t('errors.loadFailed')}>
        <Button onClick={() => void opp.refetch()}>{t('common.retry')}</Button>
      </Empty>
    );
  const o = opp.data;
  const now = new Date();
  const days = daysInStage(o.stageEnteredAt, now);

  const confirmDelete = () =>
    modal.confirm({
      title: t('pipeline.detail.deleteTitle', { name: o.name }),
      content: t('pipeline.detail.deleteBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'opportunity-delete-confirm' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: o.id, version: o.version });
          void message.success(t('common.deleted'));
          void navigate('/opportunities');
        } catch (e) {
          handleError(e);
        }
      },
    });

  const targets = [...stages.data.map((s) => s.stage).filter((s) => o.status === 'lost' || s !== o.stage), ...(o.status === 'lost' ? [] : (['lost'] as const))];
  const moveMenu = (
    <Dropdown
      trigger={['click']}
      disabled={!o.canEdit}
      menu={{
        items: targets.map((s) => ({ key: String(s), danger: s === 'lost', label: <span data-testid={`move-to-${s}`}>{s === 'lost' ? t('pipeline.move.closeLost') : `${s}. ${stageName(s)}`}</span> })),
        onClick: ({ key }) => mover.request(o, key === 'lost' ? 'lost' : Number(key)),
      }}
    >
      <Button type="primary" icon={<SwapOutlined />} loading={mover.busy} data-testid="opportunity-move">
        {o.status === 'lost' ? t('pipeline.move.reopen') : t('pipeline.move.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: <Link to="/opportunities">{t('pipeline.list.title')}</Link> }, { title: o.name }]}
        title={<span data-testid="opportunity-title">{o.name}</span>}
        tags={
          <>
            <StatusTag status={o.status} />
            {isStalled(o, now) && <Tag color="red">{t('pipeline.board.stalled', { days })}</Tag>}
          </>
        }
        subtitle={
          <Link to={`/accounts/${o.accountId}?tab=opportunities`} data-testid="opportunity-account-link">
            {o.accountName}
          </Link>
        }
        extra={
          o.canEdit ? (
            <>
              {moveMenu}
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="opportunity-edit">
                {t('common.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="opportunity-delete">
                {t('common.delete')}
              </Button>
            </>
          ) : undefined
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={o.stage - 1}
          status={o.status === 'lost' ? 'error' : o.status === 'won' ? 'finish' : 'process'}
          items={stages.data.map((s) => ({ title: stageName(s.stage), content: `${s.probability}%` }))}
          data-testid="opportunity-steps"
          responsive
        />
        {o.status === 'lost' && <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('pipeline.detail.lostAt', { stage: stageName(o.stage), date: formatDate(o.closedOn) })} description={t('pipeline.detail.lostBecause', { reason: o.lostReason ?? EMPTY, competitor: o.winningCompetitor ?? EMPTY })} />}
        <ExitCriteria opp={o} stage={stages.data.find((s) => s.stage === o.stage)} />
      </Card>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          data-testid="opportunity-fields"
          items={[
            { key: 'amount', label: t('pipeline.fields.amount'), children: <Money value={o.amount} currency={o.currency} testId="opportunity-detail-amount" /> },
            { key: 'probability', label: t('pipeline.fields.probability'), children: `${o.probability}%${o.probabilityOverridden ? ` (${t('pipeline.detail.ownProbability')})` : ''}` },
            { key: 'close', label: t('pipeline.fields.expectedClose'), children: formatDate(o.expectedCloseDate) },
            { key: 'owner', label: t('pipeline.fields.owner'), children: o.ownerName ?? t('pipeline.noOwner') },
            { key: 'days', label: t('pipeline.fields.daysInStage'), children: t('pipeline.board.days', { days }) },
            { key: 'opened', label: t('pipeline.fields.openedOn'), children: formatDate(o.openedOn) },
            { key: 'products', label: t('pipeline.fields.products'), children: o.products.length ? <Flex gap={4} wrap>{o.products.map((p) => <Tag key={p}>{p}</Tag>)}</Flex> : EMPTY },
            { key: 'closed', label: t('pipeline.fields.closedOn'), children: formatDate(o.closedOn) },
            { key: 'source', label: t('pipeline.fields.source'), children: o.externalRef ? `${o.source} · ${o.externalRef}` : o.source },
            { key: 'notes', label: t('pipeline.fields.notes'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.notes ?? EMPTY}</span> },
          ]}
        />
      </Card>
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as (typeof TABS)[number])}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`opportunity-tab-${k}`}>{t(`pipeline.detail.tabs.${k}`)}</span> }))}
        />
        {tab === 'info' && <InfoPointsCard opportunityId={o.id} canEdit={o.canEdit} />}
        {tab === 'six' && <SixStepAnalysis opp={o} />}
        {tab === 'competitors' && <CompetitorsCard opportunityId={o.id} canEdit={o.canEdit} />}
        {tab === 'history' && <StageHistory opp={o} stages={stages.data} />}
      </Card>
      {editing && <OpportunityFormDrawer open opportunity={o} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {mover.dialog}
    </>
  );
}

/** The exit criteria (里程碑与标准) of the current stage, ticked as met by those who may edit. */
function ExitCriteria({ opp, stage }: { opp: OpportunityDetail; stage: StageDef | undefined }) {
  const { t } = useTranslation();
  const labelOf = useCriterionLabel();
  const { update } = useOpportunityMutations();
  const handleError = useErrorHandler();
  if (!stage || stage.exitCriteria.length === 0 || opp.status !== 'open') return null;
  const met = opp.milestones[String(stage.stage)] ?? [];
  const change = (keys: string[]) =>
    update.mutateAsync({ id: opp.id, version: opp.version, milestones: { ...opp.milestones, [String(stage.stage)]: keys } }).catch((e: unknown) => handleError(e));
  return (
    <Flex gap={12} align="center" wrap style={{ marginTop: 16 }} data-testid="exit-criteria">
      <Typography.Text type="secondary">{t('pipeline.detail.exitCriteria')}</Typography.Text>
      <Checkbox.Group disabled={!opp.canEdit || update.isPending} value={met} onChange={(v) => void change(v)} options={stage.exitCriteria.map((c) => ({ value: c.key, label: labelOf(c) }))} />
    </Flex>
  );
}

function StageHistory({ opp, stages }: { opp: OpportunityDetail; stages: StageDef[] }) {
  const { t } = useTranslation();
  const stageName = useStageName(stages);
  const labelOf = useCriterionLabel();
  const entries = [...opp.history].reverse();
  return (
    <Timeline
      data-testid="stage-history"
      items={entries.map((h) => ({
        color: h.toStatus === 'lost' ? 'red' : h.overridden ? 'orange' : h.toStatus === 'won' ? 'green' : 'blue',
        content: (
          <div>
            <Typography.Text strong>
              {h.fromStage === null
                ? t('pipeline.history.created', { stage: stageName(h.toStage) })
                : h.toStatus === 'lost'
                  ? t('pipeline.history.lost', { stage: stageName(h.toStage) })
                  : t('pipeline.history.moved', { from: stageName(h.fromStage), to: stageName(h.toStage) })}
            </Typography.Text>
            {h.overridden && (
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                {t('pipeline.history.override')}
              </Tag>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(h.at)} · {h.byName ?? t('pipeline.history.system')}
              </Typography.Text>
            </div>
            {h.reason && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t('pipeline.history.reason', { reason: h.reason })}</Typography.Paragraph>}
            {h.unmet.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
                {t('pipeline.history.unmet', { list: h.unmet.map((u) => criterionLabel(stages, u, labelOf)).join(t('pipeline.history.listSeparator')) })}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
