// GET /api/v1/meta: the enumerations and configured option lists (industries, regions),
// currency and time zone. Loaded once per session.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './client';
import type { Meta, MetaOption } from './types';
import { configureFormatting } from '../shared/format';

export function useMeta() {
  const query = useQuery({
    queryKey: ['meta'],
    queryFn: () => api.get<Meta>('/api/v1/meta'),
    staleTime: 60 * 60 * 1000,
  });
  const data = query.data;
  useEffect(() => {
    if (data) configureFormatting({ currency: data.currency, timezone: data.timezone });
  }, [data]);
  return query;
}

/** Meta option lists may hold strings or {value|code, label|name}. */
export function metaOptions(list: MetaOption[] | undefined): Array<{ value: string; label: string }> {
  return (list ?? []).map((o) => {
    if (typeof o === 'string') return { value: o, label: o };
    const value = o.value ?? o.code ?? o.label ?? o.name ?? '';
    return { value, label: o.label ?? o.name ?? value };
  });
}
