import type { MeResponse, SessionResponse, SessionUser } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError, rememberCsrfToken } from '@/lib/api-client';

export const meQueryKey = ['auth', 'me'] as const;

/**
 * The signed-in user, or null when there is no session. A signed-out browser gets `{ user: null }`; a cookie
 * whose session has ended gets 401, which is an answer here too, not an error.
 */
export async function getMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await api.get<SessionResponse>('/api/auth/me', { signal, expectUnauthorized: true });
    if (!('csrfToken' in me)) return null;
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
  });

export const useMe = () => useQuery(getMeQueryOptions());

/** The signed-in user inside the authenticated part of the app, where the guard has already loaded it. */
export function useUser(): SessionUser {
  const { data } = useMe();
  if (!data) throw new Error('useUser is only available behind the sign-in guard');
  return data.user;
}
