// The parts every cursor-paged list page shares: the page size and the cursor stack reset by the
// filters, the table's empty area (first load, failed load with retry, nothing matching the
// filters, nothing at all) and the pager under the table.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Empty, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { CursorPager } from './CursorPager';
import { useCursorStack } from './useCursorStack';

/** What the pages need of a react-query list result. */
export interface PagedQuery {
  data?: { items: readonly unknown[]; nextCursor: string | null };
  isLoading: boolean;
  isFetching: boolean;
  isError: boolean;
  refetch: () => unknown;
}

/** Page size and cursor for a list whose filters are `filters`; a change of either starts at page 1. */
export function usePaging(filters: unknown) {
  const [pageSize, setPageSize] = useState(20);
  const pager = useCursorStack(JSON.stringify({ filters, pageSize }));
  return { pageSize, setPageSize, pager, query: { limit: pageSize, cursor: pager.cursor } };
}

export type Paging = ReturnType<typeof usePaging>;

/** True while the first page has not arrived (a skeleton, not a spinner over an empty table). */
export const isFirstLoad = (list: PagedQuery) => list.isLoading && !list.data;

interface EmptyProps {
  list: PagedQuery;
  /** Set when filters are applied: the empty text then offers to clear them. */
  filtered?: { text: string; onClear: () => void } | false;
  /** The text (and an optional call to action) when there is nothing at all. */
  empty: ReactNode;
  action?: ReactNode;
  simple?: boolean;
}

export function ListEmpty({ list, filtered, empty, action, simple }: EmptyProps) {
  const { t } = useTranslation();
  if (isFirstLoad(list)) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (list.isError) {
    return (
      <Empty description={t('errors.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Empty>
    );
  }
  if (filtered) {
    return (
      <Empty description={filtered.text}>
        <Button onClick={filtered.onClear}>{t('common.clearFilters')}</Button>
      </Empty>
    );
  }
  return (
    <Empty image={simple ? Empty.PRESENTED_IMAGE_SIMPLE : undefined} description={empty}>
      {action}
    </Empty>
  );
}

/** The pager under the table, once there is something to page through. */
export function ListPager({ list, paging }: { list: PagedQuery; paging: Paging }) {
  const shown = list.data?.items.length ?? 0;
  const { pager } = paging;
  if (shown === 0 && !pager.hasPrev) return null;
  return (
    <CursorPager
      page={pager.page}
      hasPrev={pager.hasPrev}
      hasNext={!!list.data?.nextCursor}
      onPrev={pager.prev}
      onNext={() => list.data?.nextCursor && pager.next(list.data.nextCursor)}
      pageSize={paging.pageSize}
      onPageSize={paging.setPageSize}
      loading={list.isFetching}
      shown={shown}
    />
  );
}
