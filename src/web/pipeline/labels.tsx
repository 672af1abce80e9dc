// Small shared pieces of the pipeline pages: stage names in the UI language, status, information
// point and threat tags, and the money of an opportunity in its own currency.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { normaliseLanguage } from '../i18n';
import { pipelineZh } from '../i18n/ns-pipeline';
import { formatAmount } from '../orders/api';
import type { InfoStatus, OpportunityStatus, StageDef } from './api';

/** stage number → its name in the UI language ("lost" → 输单). */
export function useStageName(stages: readonly StageDef[] | undefined) {
  const { t, i18n } = useTranslation();
  const zh = normaliseLanguage(i18n.language) === 'zh-CN';
  return (stage: number | 'lost') => {
    if (stage === 'lost') return t('pipeline.lost');
    const def = stages?.find((s) => s.stage === stage);
    return def ? (zh ? def.nameZh : def.nameEn) : String(stage);
  };
}

/**
 * The exit criteria shipped with the eight stages (migration 20261123T1420) are in the zh-CN
 * catalogue under their keys, worded as shipped: shown in the UI language while an admin has not
 * reworded them; an admin's own wording (or criterion) is shown as written.
 */
const SHIPPED_CRITERIA: Readonly<Record<string, string>> = pipelineZh.criteria;

export function useCriterionLabel() {
  const { t } = useTranslation();
  return (c: { key: string; label: string }) => (SHIPPED_CRITERIA[c.key] === c.label ? t(`pipeline.criteria.${c.key}`) : c.label);
}

const STATUS_COLOR: Record<OpportunityStatus, string> = { open: 'processing', won: 'success', lost: 'error' };

export function StatusTag({ status }: { status: OpportunityStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="opportunity-status">
      {t(`pipeline.status.${status}`)}
    </Tag>
  );
}

const INFO_COLOR: Record<InfoStatus, string> = { unknown: 'default', partial: 'gold', known: 'green' };

export function InfoStatusTag({ status }: { status: InfoStatus }) {
  const { t } = useTranslation();
  return <Tag color={INFO_COLOR[status]}>{t(`pipeline.info.status.${status}`)}</Tag>;
}

const THREAT_COLOR = ['', 'default', 'blue', 'gold', 'orange', 'red'];

export function ThreatTag({ threat }: { threat: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('pipeline.competitors.threatHint')}>
      <Tag color={THREAT_COLOR[threat] ?? 'default'}>{t('pipeline.competitors.threatLevel', { level: threat })}</Tag>
    </Tooltip>
  );
}

export function Money({ value, currency, testId }: { value: string; currency: string; testId?: string }) {
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId}>
      {formatAmount(value, currency)}
    </span>
  );
}
