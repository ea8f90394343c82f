import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { meQueryKey } from '@/features/auth/api/get-me';
import { onSessionExpired } from '@/lib/api-client';
import { ColorModeProvider } from '@/lib/theme';

type AppProviderProps = { children: ReactNode; queryClient: QueryClient };

/** Theme and data cache for the whole app. An expired session clears the user, and the guard sends them to sign in. */
export function AppProvider({ children, queryClient }: AppProviderProps) {
  useEffect(() => onSessionExpired(() => queryClient.setQueryData(meQueryKey, null)), [queryClient]);

  return (
    <ColorModeProvider>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </ColorModeProvider>
  );
}
