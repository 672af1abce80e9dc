// 六步分析法 (SPEC C5): the six questions of a project review, each answered from what the
// opportunity already holds — the decision chain (C4, people of this opportunity and of the whole
// account), the stage and its exit criteria, the competitors and the nine information points.
// Read-only: the answers are edited where they live (information points, competitors, the map).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card, Col, Empty, Flex, List, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EMPTY } from '../shared/format';
import { useCompetitors, useInfoPoints, useOpportunityStakeholders, useStages, type InfoPoint, type OpportunityDetail, type Stakeholder } from './api';
import { daysInStage, isStalled } from './model';
import { InfoStatusTag, ThreatTag, useCriterionLabel, useStageName } from './labels';
import { OutcomeTag } from './Competitors';

const SUPPORTIVE = new Set(['coach', 'ally', 'supporter']);

export function SixStepAnalysis({ opp }: { opp: OpportunityDetail }) {
  const { t } = useTranslation();
  const stages = useStages();
  const stageName = useStageName(stages.data);
  const criterionLabel = useCriterionLabel();
  const info = useInfoPoints(opp.id);
  const competitors = useCompetitors(opp.id);
  const people = useOpportunityStakeholders(opp.accountId, opp.id);
  const now = new Date();
  const point = (n: number) => info.data?.find((p) => p.point === n);
  const def = stages.data?.find((s) => s.stage === opp.stage);
  const met = new Set(opp.milestones[String(opp.stage)] ?? []);
  const persons = people.data ?? [];
  const hidden = persons.some((p) => p.assessmentsHidden);
  // Key persons still to win over: not (yet) supportive, most influential first.
  const toWin = persons.filter((p) => !p.assessmentsHidden && !SUPPORTIVE.has(p.attitude ?? '')).sort((a, b) => (b.influence ?? 0) - (a.influence ?? 0));
  const role = (p: Stakeholder) => (p.buyingRole ? t(`relationships.buyingRole.${p.buyingRole}`, { defaultValue: p.buyingRole }) : t('pipeline.six.noRole'));
  const attitude = (p: Stakeholder) => (p.attitude ? t(`relationships.attitude.${p.attitude}`, { defaultValue: p.attitude }) : t('pipeline.six.unassessed'));
  const mapLink = (
    <Link to={`/accounts/${opp.accountId}?tab=relationships`} data-testid="six-map-link">
      {t('pipeline.six.openMap')}
    </Link>
  );

  return (
    <Row gutter={[16, 16]} data-testid="six-step">
      <Step n={1} title={t('pipeline.six.s1')} notes={[point(3)]}>
        {persons.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>{t('pipeline.six.noPeople')} {mapLink}</>} />
        ) : (
          <List size="small" dataSource={persons} renderItem={(p) => <List.Item style={{ paddingInline: 0 }}><Typography.Text strong>{p.name}</Typography.Text><Typography.Text type="secondary">{p.title ?? EMPTY} · {role(p)}</Typography.Text></List.Item>} />
        )}
      </Step>
      <Step n={2} title={t('pipeline.six.s2')} notes={[point(4), point(6)]}>
        {hidden ? (
          <Typography.Text type="secondary">{t('pipeline.six.assessmentsHidden')}</Typography.Text>
        ) : persons.length === 0 ? (
          <Typography.Text type="secondary">{t('pipeline.six.noPeople')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={[...persons].sort((a, b) => (b.influence ?? 0) - (a.influence ?? 0))}
            renderItem={(p) => (
              <List.Item style={{ paddingInline: 0, display: 'block' }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <Space size={4}>
                    <Tag color={SUPPORTIVE.has(p.attitude ?? '') ? 'green' : p.attitude === 'opponent' ? 'red' : 'default'}>{attitude(p)}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pipeline.six.influence', { n: p.influence ?? '—' })}</Typography.Text>
                  </Space>
                </Flex>
                {p.personalNeeds && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pipeline.six.needs', { text: p.personalNeeds })}</Typography.Text>}
              </List.Item>
            )}
          />
        )}
        <div style={{ marginTop: 8 }}>{mapLink}</div>
      </Step>
      <Step n={3} title={t('pipeline.six.s3')} notes={[point(2)]}>
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            <Typography.Text strong>{`${opp.stage}. ${stageName(opp.stage)}`}</Typography.Text> · {t('pipeline.fields.probability')} {opp.probability}%
          </Typography.Text>
          <Typography.Text type="secondary">{t('pipeline.six.inStage', { days: daysInStage(opp.stageEnteredAt, now) })}</Typography.Text>
          {opp.status !== 'open' && <Tag color={opp.status === 'won' ? 'green' : 'red'}>{t(`pipeline.status.${opp.status}`)}</Tag>}
        </Space>
      </Step>
      <Step n={4} title={t('pipeline.six.s4')} notes={[point(1)]}>
        {isStalled(opp, now) && <Tag color="red" style={{ marginBottom: 8 }}>{t('pipeline.board.stalled', { days: daysInStage(opp.stageEnteredAt, now) })}</Tag>}
        {def && def.exitCriteria.length > 0 ? (
          <List
            size="small"
            header={<Typography.Text type="secondary">{t('pipeline.six.criteria')}</Typography.Text>}
            dataSource={def.exitCriteria}
            renderItem={(c) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Space>
                  {met.has(c.key) ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
                  <Typography.Text type={met.has(c.key) ? 'secondary' : undefined}>{criterionLabel(c)}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t('pipeline.six.noCriteria')}</Typography.Text>
        )}
      </Step>
      <Step n={5} title={t('pipeline.six.s5')} notes={[point(8)]}>
        {(competitors.data ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t('pipeline.competitors.empty')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={[...(competitors.data ?? [])].sort((a, b) => b.threat - a.threat)}
            renderItem={(c) => (
              <List.Item style={{ paddingInline: 0, display: 'block' }}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  <Space size={4}>
                    <ThreatTag threat={c.threat} />
                    <OutcomeTag outcome={c.outcome} />
                  </Space>
                </Flex>
                {c.weaknesses && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('pipeline.six.weaknesses', { text: c.weaknesses })}</Typography.Text>}
              </List.Item>
            )}
          />
        )}
      </Step>
      <Step n={6} title={t('pipeline.six.s6')} notes={[point(7), point(9)]}>
        {hidden ? (
          <Typography.Text type="secondary">{t('pipeline.six.assessmentsHidden')}</Typography.Text>
        ) : toWin.length === 0 ? (
          <Typography.Text type="secondary">{persons.length ? t('pipeline.six.allSupportive') : t('pipeline.six.noPeople')}</Typography.Text>
        ) : (
          <List
            size="small"
            header={<Typography.Text type="secondary">{t('pipeline.six.toWin')}</Typography.Text>}
            dataSource={toWin.slice(0, 5)}
            renderItem={(p) => (
              <List.Item style={{ paddingInline: 0 }}>
                <Typography.Text strong>{p.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {attitude(p)} · {t('pipeline.six.influence', { n: p.influence ?? '—' })} · {p.coveredBy.length ? p.coveredBy.map((u) => u.name).join('、') : t('pipeline.six.uncovered')}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
      </Step>
    </Row>
  );
}

function Step({ n, title, notes, children }: { n: number; title: string; notes: (InfoPoint | undefined)[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Col xs={24} lg={12} xxl={8}>
      <Card
        size="small"
        style={{ height: '100%' }}
        title={
          <Typography.Text strong style={{ whiteSpace: 'normal' }}>
            <Tag color="blue" style={{ marginInlineEnd: 8 }}>
              {n}
            </Tag>
            {title}
          </Typography.Text>
        }
        data-testid={`six-step-${n}`}
      >
        {children}
        {notes.filter((p): p is InfoPoint => !!p).map((p) => (
          <div key={p.point} style={{ marginTop: 10, paddingTop: 8, borderTop: '1px dashed #f0f0f0' }}>
            <Flex gap={6} align="center" wrap>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pipeline.six.fromPoint', { n: p.point, label: t(`pipeline.info.points.${p.key}`, { defaultValue: p.labelZh }) })}
              </Typography.Text>
              <InfoStatusTag status={p.status} />
            </Flex>
            <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', fontSize: 13 }} type={p.notes ? undefined : 'secondary'} ellipsis={{ rows: 4, expandable: true }}>
              {p.notes ?? t('pipeline.info.noNotes')}
            </Typography.Paragraph>
          </div>
        ))}
      </Card>
    </Col>
  );
}
