import type { LogoutResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken } from '@/lib/api-client';
import { meQueryKey } from './get-me';

/** Ends the session; a single sign-on session answers with the provider's end-session URL to go to next. */
export const logout = () =>
  api.post<LogoutResponse | null>('/api/auth/logout', undefined, { expectUnauthorized: true });

export function useLogout(options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: (answer) => {
      rememberCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
      // Signed in through the organisation's provider: sign out there too, which comes back to /login.
      if (answer?.endSessionUrl) window.location.assign(answer.endSessionUrl);
      else options.onSuccess?.();
    },
  });
}
