// The signed-in session: GET /api/auth/me once, kept in the react-query cache; login and
// logout update it. The CSRF token of the session is handed to the API client.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api/client';
import type { Session, SessionUser } from '../api/types';

export const sessionKey = ['auth', 'me'] as const;

export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.raw<Session>('GET', '/api/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Infinity,
    retry: (count, err) => !(isApiError(err) && err.status < 500) && count < 2,
  });
  return { session: query.data ?? null, isLoading: query.isLoading, error: query.error, refetch: query.refetch };
}

/** The signed-in user; only for components rendered behind RequireAuth. */
export function useCurrentUser(): SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('useCurrentUser outside an authenticated route');
  return session.user;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api.raw<Session>('POST', '/api/auth/login', body),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, session);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/auth/logout');
      } catch {
        // the session may already be gone; signing out locally is what matters
      }
    },
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}
