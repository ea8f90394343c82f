import { useMemo } from 'react';
import { createBrowserRouter, Navigate, type RouteObject, RouterProvider } from 'react-router';
import { RouteErrorBoundary } from '@/components/errors/route-error-boundary';
import { FullPageProgress } from '@/components/feedback/skeletons';
import { paths } from '@/config/paths';

/** Every page is its own lazy chunk, so the first visit downloads only the page it opens. */
export function createAppRoutes(): RouteObject[] {
  return [
    {
      path: paths.login.path,
      lazy: () => import('./routes/auth/login'),
      HydrateFallback: FullPageProgress,
      ErrorBoundary: RouteErrorBoundary,
    },
    {
      path: paths.home.path,
      lazy: () => import('./routes/app/root'),
      HydrateFallback: FullPageProgress,
      ErrorBoundary: RouteErrorBoundary,
      children: [
        { index: true, element: <Navigate to={paths.queue.getHref()} replace /> },
        { path: paths.queue.path, lazy: () => import('./routes/app/queue') },
        { path: paths.case.path, lazy: () => import('./routes/app/case') },
        { path: paths.subject.path, lazy: () => import('./routes/app/subject') },
        { path: paths.search.path, lazy: () => import('./routes/app/search') },
        { path: paths.audit.path, lazy: () => import('./routes/app/audit') },
        { path: paths.overview.path, lazy: () => import('./routes/app/overview') },
        { path: '*', lazy: () => import('./routes/app/not-found') },
      ],
    },
  ];
}

export function AppRouter() {
  const router = useMemo(() => createBrowserRouter(createAppRoutes()), []);
  return <RouterProvider router={router} />;
}
