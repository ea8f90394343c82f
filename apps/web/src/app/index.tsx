import type { QueryClient } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import { RouterProvider } from 'react-router';
import { AppProvider } from './provider';

type Router = Parameters<typeof RouterProvider>[0]['router'];

const flushNow = (update: () => unknown): undefined => {
  flushSync(update);
};

export function App({ queryClient, router }: { queryClient: QueryClient; router: Router }) {
  return (
    <AppProvider queryClient={queryClient}>
      {/* ReactDOM's flushSync lets a navigation ask to be drawn at once rather than as a transition (the next
          case, src/app/routes/app/case.tsx); react-router/dom's provider would pass the same. */}
      <RouterProvider router={router} flushSync={flushNow} />
    </AppProvider>
  );
}
