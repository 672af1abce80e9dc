// Users and teams: queries and mutations over /api/v1/users and /api/v1/teams.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id, Page, Role, Team, User } from '../api/types';

export const usersKey = ['users'] as const;
export const teamsKey = ['teams'] as const;

/** All users (up to 500, the page limit): enough for pickers and the admin table. */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'all'],
    queryFn: () => api.get<Page<User>>('/api/v1/users', { limit: 500 }),
    enabled,
    staleTime: 60_000,
    select: (page) => page.items,
  });
}

export function useTeams(enabled = true) {
  return useQuery({
    queryKey: [...teamsKey, 'all'],
    queryFn: () => api.get<Page<Team>>('/api/v1/teams', { limit: 500 }),
    enabled,
    staleTime: 60_000,
    select: (page) => page.items,
  });
}

export interface UserCreateBody {
  username: string;
  displayName: string;
  role: Role;
  teamId: Id | null;
  password: string;
  email: string | null;
}

export interface UserPatchBody {
  version?: number;
  displayName?: string;
  role?: Role;
  teamId?: Id | null;
  active?: boolean;
  email?: string | null;
}

export function useUserMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: usersKey });
  return {
    create: useMutation({
      mutationFn: (body: UserCreateBody) => api.post<unknown>('/api/v1/users', body),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: Id; body: UserPatchBody }) => api.patch<unknown>(`/api/v1/users/${id}`, body),
      onSuccess: invalidate,
    }),
    resetPassword: useMutation({
      mutationFn: ({ id, password }: { id: Id; password: string }) =>
        api.post<unknown>(`/api/v1/users/${id}/password`, { password }),
    }),
  };
}

export function useTeamMutations() {
  const qc = useQueryClient();
  const invalidate = () => qc.invalidateQueries({ queryKey: teamsKey });
  return {
    create: useMutation({
      mutationFn: (body: { name: string; managerId: Id | null }) => api.post<unknown>('/api/v1/teams', body),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: Id; body: { version: number; name?: string; managerId?: Id | null } }) =>
        api.patch<unknown>(`/api/v1/teams/${id}`, body),
      onSuccess: invalidate,
    }),
  };
}
