import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { meQueryKey } from '@/features/auth/api/get-me';
import { onSessionExpired } from '@/lib/api-client';
import { createQueryClient } from '@/lib/query-client';
import { ColorModeProvider } from '@/lib/theme';

type AppProviderProps = { children: ReactNode; queryClient?: QueryClient };

/** Theme and data cache for the whole app. An expired session clears the user, and the guard sends them to sign in. */
export function AppProvider({ children, queryClient }: AppProviderProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => onSessionExpired(() => client.setQueryData(meQueryKey, null)), [client]);

  return (
    <ColorModeProvider>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </ColorModeProvider>
  );
}
