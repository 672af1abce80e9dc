// A searchable select of users (owner, sponsor, team members, managers, audit actor).
import { Select } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../admin/api';
import type { Id, Role } from '../api/types';

interface Props extends Omit<SelectProps<Id | null>, 'options' | 'mode'> {
  /** Only users with one of these roles. */
  roles?: Role[];
  /** Leave out these user ids. */
  exclude?: Id[];
  includeInactive?: boolean;
}

export function UserSelect({ roles, exclude, includeInactive, ...rest }: Props) {
  const { t } = useTranslation();
  const users = useUsers();
  const options = (users.data ?? [])
    .filter((u) => includeInactive || u.active !== false)
    .filter((u) => !roles || roles.includes(u.role))
    .filter((u) => !exclude?.includes(u.id))
    .map((u) => ({
      value: u.id,
      label: `${u.displayName} (${u.username})`,
      search: `${u.displayName} ${u.username}`.toLowerCase(),
      role: t(`enums.role.${u.role}`),
    }));
  return (
    <Select<Id | null>
      allowClear
      showSearch={{
        filterOption: (input, option) => !!option && option.search.includes(input.toLowerCase()),
      }}
      loading={users.isLoading}
      placeholder={t('common.selectUser')}
      notFoundContent={users.isError ? t('errors.usersUnavailable') : undefined}
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label} <span style={{ color: 'var(--ant-color-text-tertiary)' }}>· {o.data.role}</span>
        </span>
      )}
      {...rest}
    />
  );
}
