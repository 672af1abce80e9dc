// Pick an account by typing part of its name: searches the account list API (q) as you type.
import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import type { SelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AccountListItem, AccountRef, Id, Page } from '../api/types';
import { useDebounced } from '../shared/useDebounced';

interface Props extends Omit<SelectProps<Id | null>, 'options' | 'mode' | 'showSearch'> {
  /** Accounts that must not be offered (e.g. the account itself). */
  exclude?: Id[];
  /** The currently chosen account, so its name shows before any search. */
  initial?: AccountRef | null;
}

export function AccountSelect({ exclude, initial, ...rest }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const query = useQuery({
    queryKey: ['accounts', 'list', { q, limit: 20, sort: 'name', picker: true }],
    queryFn: ({ signal }) =>
      api.get<Page<AccountListItem>>('/api/v1/accounts', { q, limit: 20, sort: 'name' }, signal),
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const seen = new Set<Id>();
    const list: Array<{ value: Id; label: string }> = [];
    if (initial) {
      seen.add(initial.id);
      list.push({ value: initial.id, label: initial.name });
    }
    for (const a of query.data?.items ?? []) {
      if (seen.has(a.id) || exclude?.includes(a.id)) continue;
      seen.add(a.id);
      list.push({ value: a.id, label: a.shortName ? `${a.name}（${a.shortName}）` : a.name });
    }
    return list;
  }, [query.data, initial, exclude]);

  return (
    <Select<Id | null>
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      placeholder={t('accounts.pickAccount')}
      options={options}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      {...rest}
    />
  );
}
