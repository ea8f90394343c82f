import type { LoginRequest, MeResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from '@/lib/api-client';
import { meQueryKey } from './get-me';

export async function login(credentials: LoginRequest): Promise<MeResponse> {
  const me = await api.post<MeResponse>('/api/auth/login', credentials, { expectUnauthorized: true });
  rememberCsrfToken(me.csrfToken);
  return me;
}

export function useLogin(options: { onSuccess?: (me: MeResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // Another user may sign in on this tab: nothing cached for the previous one may show.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, me);
      options.onSuccess?.(me);
    },
  });
}
