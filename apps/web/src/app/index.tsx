import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AppProvider } from './provider';

type Router = Parameters<typeof RouterProvider>[0]['router'];

export function App({ queryClient, router }: { queryClient: QueryClient; router: Router }) {
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
