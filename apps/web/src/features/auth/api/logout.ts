import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from '@/lib/api-client';
import { meQueryKey } from './get-me';

export const logout = () => api.post<unknown>('/api/auth/logout', undefined, { expectUnauthorized: true });

export function useLogout(options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      rememberCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      options.onSuccess?.();
    },
  });
}
