// Tier tags and unmet-criterion texts shared by the program page and the account's plan tab.
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProgramAccount, TierKey } from './api';

export const TIER_COLOR: Record<TierKey, string> = { key: 'red', major: 'orange', ordinary: 'blue', longTail: 'default' };

export function TierTag({ tier, overridden }: { tier: TierKey | null; overridden?: boolean }) {
  const { t } = useTranslation();
  if (tier === null) return <Tag>{t('keyAccounts.unscored')}</Tag>;
  const tag = <Tag color={TIER_COLOR[tier]}>{t(`keyAccounts.tiers.${tier}`)}{overridden ? ' *' : ''}</Tag>;
  return overridden ? <Tooltip title={t('keyAccounts.overridden')}>{tag}</Tooltip> : tag;
}

export function CriteriaState({ a }: { a: Pick<ProgramAccount, 'meetsCriteria' | 'unmet'> }) {
  const { t } = useTranslation();
  if (a.meetsCriteria) return <Tag color="green">{t('keyAccounts.meets')}</Tag>;
  return (
    <Space size={4} wrap>
      {a.unmet.map((u) => (
        <Tag key={u} color="volcano">
          {t(`keyAccounts.unmet.${u}`)}
        </Tag>
      ))}
    </Space>
  );
}
