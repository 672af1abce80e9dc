// Contacts of an account over /api/v1/contacts.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Contact, ContactLevel, Id, Page } from '../api/types';
import { accountKey } from '../accounts/api';

export const contactsKey = (accountId: Id) => ['contacts', accountId] as const;

export function useContacts(accountId: Id, q: string, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: [...contactsKey(accountId), q],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Contact>>('/api/v1/contacts', { accountId, q: q || undefined, limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface ContactBody {
  accountId?: Id;
  name?: string;
  department?: string | null;
  title?: string | null;
  level?: ContactLevel | null;
  phone?: string | null;
  email?: string | null;
  birthday?: string | null;
  preferences?: string | null;
  version?: number;
}

export function useContactMutations(accountId: Id) {
  const qc = useQueryClient();
  const invalidate = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: contactsKey(accountId) }),
      qc.invalidateQueries({ queryKey: [...accountKey(accountId), 'timeline'] }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: ContactBody) => api.post<unknown>('/api/v1/contacts', { ...body, accountId }),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: Id; body: ContactBody }) => api.patch<unknown>(`/api/v1/contacts/${id}`, body),
      onSuccess: invalidate,
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: Id; version: number }) => api.delete(`/api/v1/contacts/${id}`, { version }),
      onSuccess: () =>
        Promise.all([invalidate(), qc.invalidateQueries({ queryKey: ['recycle-bin'] })]),
    }),
  };
}
