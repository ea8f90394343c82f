import { Paper, Typography } from '@mui/material';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from '@/app';
import { Component as SignedInArea } from '@/app/routes/app/root';
import { FullPageProgress } from '@/components/feedback/skeletons';
import { getMeQueryOptions, useUser } from '@/features/auth/api/get-me';
import { createQueryClient } from '@/lib/query-client';

/**
 * The benchmark's floor (bench/README.md, section e): the least a page of this stack can do. React, MUI and
 * its theme, the router, the data cache and the signed-in area's shell, as the app starts them, with one
 * small JSON request (the session) rendered. The case page is measured against it in the same run. Built only
 * by the benchmark (`vite build --mode floor`, into dist/floor), never by `pnpm build`.
 */
const container = document.getElementById('root');
if (container === null) throw new Error('the floor page has no #root element');

function Floor() {
  const user = useUser();
  return (
    <Paper component="section" aria-label="Floor" variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h5" component="h1">
        {user.displayName}
      </Typography>
      <Typography color="text.secondary">{user.username}</Typography>
    </Paper>
  );
}

const queryClient = createQueryClient();
const router = createBrowserRouter([
  {
    path: '*',
    Component: SignedInArea,
    // As the app's loaders do: the request starts with the navigation, not once the shell has rendered.
    loader: () => {
      void queryClient.prefetchQuery(getMeQueryOptions());
      return null;
    },
    HydrateFallback: FullPageProgress,
    children: [{ path: '*', Component: Floor }],
  },
]);

createRoot(container).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
