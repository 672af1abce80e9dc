// Accounts and what hangs off an account (hierarchy, timeline, team, needs) over /api/v1.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Query } from '../api/client';
import type {
  Account,
  AccountCreated,
  AccountListItem,
  AccountRef,
  AccountTeam,
  Hierarchy,
  Id,
  Need,
  NeedKind,
  NeedStatus,
  Page,
  TeamMemberRole,
  TimelineEvent,
} from '../api/types';

export const accountsKey = ['accounts'] as const;
export const accountKey = (id: Id) => ['accounts', 'one', id] as const;

export interface AccountListParams {
  q?: string;
  lifecycleStatus?: string;
  industry?: string;
  region?: string;
  classification?: string;
  ownerId?: Id;
  parentId?: Id;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export function useAccountList(params: AccountListParams) {
  return useQuery({
    queryKey: [...accountsKey, 'list', params],
    queryFn: ({ signal }) => api.get<Page<AccountListItem>>('/api/v1/accounts', params as Query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: Id | undefined) {
  return useQuery({
    queryKey: accountKey(id ?? 0),
    queryFn: () => api.get<Account>(`/api/v1/accounts/${id}`).then(unwrapAccount),
    enabled: id !== undefined && Number.isFinite(id),
  });
}

/** PATCH / GET may answer the account itself or {account}. */
function unwrapAccount(res: Account | { account: Account }): Account {
  return 'account' in res && typeof res.account === 'object' ? res.account : (res as Account);
}

export function fetchDuplicates(name: string, excludeId?: Id, signal?: AbortSignal) {
  return api.get<{ items: AccountRef[] }>('/api/v1/accounts/duplicates', { name, excludeId }, signal);
}

/** Body of POST / PATCH /api/v1/accounts (PATCH adds version, and may send a subset). */
export type AccountBody = Partial<
  Omit<Account, 'id' | 'parent' | 'owner' | 'sponsor' | 'createdAt' | 'updatedAt' | 'permissions'>
>;

export function useAccountMutations() {
  const qc = useQueryClient();
  const invalidateAll = () => qc.invalidateQueries({ queryKey: accountsKey });
  return {
    create: useMutation({
      mutationFn: (body: AccountBody) => api.post<AccountCreated>('/api/v1/accounts', body),
      onSuccess: invalidateAll,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: Id; body: AccountBody & { version: number } }) =>
        api.patch<Account | { account: Account }>(`/api/v1/accounts/${id}`, body).then(unwrapAccount),
      onSuccess: (account, { id }) => {
        if (account && typeof account === 'object' && 'id' in account) qc.setQueryData(accountKey(id), account);
        return invalidateAll();
      },
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: Id; version: number }) =>
        api.delete(`/api/v1/accounts/${id}`, { version }),
      onSuccess: (_r, { id }) => {
        qc.removeQueries({ queryKey: accountKey(id) });
        return Promise.all([invalidateAll(), qc.invalidateQueries({ queryKey: ['recycle-bin'] })]);
      },
    }),
    merge: useMutation({
      mutationFn: ({ id, sourceId }: { id: Id; sourceId: Id }) =>
        api.post<unknown>(`/api/v1/accounts/${id}/merge`, { sourceId }),
      onSuccess: invalidateAll,
    }),
  };
}

export function useHierarchy(id: Id) {
  return useQuery({
    queryKey: [...accountKey(id), 'hierarchy'],
    queryFn: () => api.get<Hierarchy>(`/api/v1/accounts/${id}/hierarchy`),
  });
}

export function useTimeline(id: Id, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: [...accountKey(id), 'timeline'],
    queryFn: ({ pageParam }) =>
      api.get<Page<TimelineEvent>>(`/api/v1/accounts/${id}/timeline`, { limit: pageSize, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAccountTeam(id: Id) {
  return useQuery({
    queryKey: [...accountKey(id), 'team'],
    queryFn: () => api.get<AccountTeam>(`/api/v1/accounts/${id}/team`),
  });
}

export function useTeamMemberMutations(accountId: Id) {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: accountKey(accountId) });
  return {
    put: useMutation({
      mutationFn: ({ userId, role }: { userId: Id; role: TeamMemberRole }) =>
        api.put<unknown>(`/api/v1/accounts/${accountId}/team/members/${userId}`, { role }),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: (userId: Id) => api.delete(`/api/v1/accounts/${accountId}/team/members/${userId}`),
      onSuccess: invalidate,
    }),
  };
}

export function useNeeds(accountId: Id) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'needs'],
    queryFn: () => api.get<{ items: Need[] }>(`/api/v1/accounts/${accountId}/needs`),
    select: (p) => p.items,
  });
}

export interface NeedPatch {
  version: number;
  title?: string;
  description?: string | null;
  kind?: NeedKind;
  status?: NeedStatus;
}

export function useNeedMutations(accountId: Id) {
  const qc = useQueryClient();
  // Needs show on the timeline too: refresh the whole account subtree.
  const invalidate = () => qc.invalidateQueries({ queryKey: accountKey(accountId) });
  return {
    create: useMutation({
      mutationFn: (body: { title: string; description: string | null; kind: NeedKind }) =>
        api.post<unknown>(`/api/v1/accounts/${accountId}/needs`, body),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: Id; body: NeedPatch }) => api.patch<unknown>(`/api/v1/needs/${id}`, body),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: Id; version: number }) => api.delete(`/api/v1/needs/${id}`, { version }),
      onSuccess: invalidate,
    }),
  };
}
