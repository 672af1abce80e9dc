// Tags and option lists for the enumerations, with their Chinese / English labels.
import { Tag, Tooltip } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CLASSIFICATIONS,
  CONTACT_LEVELS,
  LIFECYCLE_STATUSES,
  NEED_STATUSES,
  ROLES,
  SEGMENTS,
  TEAM_MEMBER_ROLES,
} from '../api/types';
import type { Classification, LifecycleStatus, NeedKind, NeedStatus, Role } from '../api/types';
import { EMPTY } from './format';

const LIFECYCLE_COLOR: Record<LifecycleStatus, string> = {
  prospect: 'blue',
  active: 'green',
  dormant: 'gold',
  lost: 'default',
};

const CLASSIFICATION_COLOR: Record<Classification, string> = {
  economic: 'volcano',
  important: 'red',
  group: 'purple',
  strategic: 'geekblue',
};

const NEED_STATUS_COLOR: Record<NeedStatus, string> = { open: 'processing', met: 'success', dropped: 'default' };

export function LifecycleTag({ status }: { status: LifecycleStatus | null | undefined }) {
  const { t } = useTranslation();
  if (!status) return <>{EMPTY}</>;
  return (
    <Tag color={LIFECYCLE_COLOR[status] ?? 'default'} data-testid={`lifecycle-${status}`}>
      {t(`enums.lifecycle.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function ClassificationTags({ values }: { values: Classification[] | null | undefined }) {
  const { t } = useTranslation();
  if (!values || values.length === 0) return <>{EMPTY}</>;
  return (
    <>
      {values.map((c) => (
        <Tag key={c} color={CLASSIFICATION_COLOR[c] ?? 'default'} style={{ marginInlineEnd: 4 }}>
          {t(`enums.classification.${c}`, { defaultValue: c })}
        </Tag>
      ))}
    </>
  );
}

export function NeedKindTag({ kind }: { kind: NeedKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={kind === 'explicit' ? 'cyan' : 'magenta'} variant="outlined">
      {t(`enums.needKind.${kind}`)}
    </Tag>
  );
}

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return <Tag color={NEED_STATUS_COLOR[status]}>{t(`enums.needStatus.${status}`)}</Tag>;
}

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  const color = role === 'admin' ? 'red' : role === 'director' ? 'gold' : role === 'kam' ? 'blue' : 'default';
  return <Tag color={color}>{t(`enums.role.${role}`, { defaultValue: role })}</Tag>;
}

/** A value the user may not see (contact PII): a dash with a lock and an explanation. */
export function HiddenValue() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('contacts.piiHidden')}>
      <span data-testid="pii-hidden" style={{ color: 'var(--ant-color-text-tertiary)' }}>
        {EMPTY} <LockOutlined />
      </span>
    </Tooltip>
  );
}

/** Select options of the fixed enumerations, labelled in the current language. */
export function useEnumOptions() {
  const { t } = useTranslation();
  const opts = <T extends string>(values: readonly T[], ns: string) =>
    values.map((v) => ({ value: v, label: t(`enums.${ns}.${v}`, { defaultValue: v }) }));
  return {
    lifecycle: opts(LIFECYCLE_STATUSES, 'lifecycle'),
    classification: opts(CLASSIFICATIONS, 'classification'),
    segment: opts(SEGMENTS, 'segment'),
    contactLevel: opts(CONTACT_LEVELS, 'contactLevel'),
    teamRole: opts(TEAM_MEMBER_ROLES, 'teamRole'),
    needStatus: opts(NEED_STATUSES, 'needStatus'),
    needKind: opts(['explicit', 'implicit'] as const, 'needKind'),
    role: opts(ROLES, 'role'),
  };
}
