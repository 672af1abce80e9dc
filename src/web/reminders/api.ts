// The caller's reminders inbox over /api/v1/reminders: the list (cursor pages), the unread count
// the header bell polls, and marking read / done (one or several).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id, Page } from '../api/types';

export interface Reminder {
  id: Id;
  kind: string;
  accountId: Id | null;
  accountName: string | null;
  /** The server's (Chinese) sentence, shown for kinds the web app has no words for. */
  subject: string;
  /** The figures and names of the sentence: coverage (0–1), person, days, staleAfterDays. */
  facts: Record<string, string | number | null>;
  entity: string | null;
  entityId: string | null;
  dueOn: string | null;
  read: boolean;
  readAt: string | null;
  done: boolean;
  doneAt: string | null;
  /** Done by the system because the condition cleared. */
  resolved: boolean;
  createdAt: string;
  version: number;
}

export interface ReminderCounts {
  unread: number;
  open: number;
}

const PAGE = 100;
/** How often the header bell asks for the unread count. */
export const UNREAD_POLL_MS = 60_000;

export function useReminders(status: 'open' | 'done' | 'all') {
  return useInfiniteQuery({
    queryKey: ['reminders', 'list', status],
    queryFn: ({ pageParam, signal }) => api.get<Page<Reminder>>('/api/v1/reminders', { status, limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: ['reminders', 'counts'],
    queryFn: ({ signal }) => api.get<ReminderCounts>('/api/v1/reminders/unread-count', undefined, signal),
    refetchInterval: UNREAD_POLL_MS,
  });
}

export interface MarkInput {
  read?: boolean;
  done?: boolean;
}

/** Marks one or several reminders; the list and the bell's count refresh afterwards. */
export function useMarkReminders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ items, change }: { items: Pick<Reminder, 'id' | 'version'>[]; change: MarkInput }) => {
      // One PATCH per reminder (each carries its version); all are sent, failures reported together.
      const results = await Promise.allSettled(items.map((r) => api.patch<Reminder>(`/api/v1/reminders/${r.id}`, { version: r.version, ...change })));
      const failed = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      if (failed.length) throw failed[0]!.reason;
      return results.length;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: ['reminders'] }),
  });
}
