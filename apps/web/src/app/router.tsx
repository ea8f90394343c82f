import type { QueryClient } from '@tanstack/react-query';
import { Navigate, type RouteObject } from 'react-router';
import { RouteErrorBoundary } from '@/components/errors/route-error-boundary';
import { FullPageProgress } from '@/components/feedback/skeletons';
import { paths } from '@/config/paths';
import { getMeQueryOptions, meQueryKey } from '@/features/auth/api/get-me';
import { preloadCaseImages, preloadSelfieVideo } from '@/features/case-view/api/preload-media';
import { caseDetailQueryKey, getCaseQueryOptions } from '@/features/cases/api/get-case';
import { getCasesInfiniteQueryOptions } from '@/features/cases/api/get-cases';
import {
  parseQueueSearch,
  QUEUE_RESULTS_ID,
  queueSearchParams,
  toCaseListQuery,
} from '@/features/cases/utils/queue-search';
import { permissions } from '@/lib/authorization';
import { earlyMediaStarted } from '@/lib/early-requests';
import { Component as QueuePage } from './routes/app/queue';
import { Component as SignedInArea } from './routes/app/root';

/**
 * The signed-in area and the queue, where every session starts, are part of the entry: they load with it,
 * from index.html, rather than after it. Every other page is its own lazy chunk, downloaded when opened.
 *
 * The loaders start the requests a page makes as it opens (the session check, the queue's first page, the
 * case) as soon as the navigation begins, alongside the page's code, rather than one after another once each
 * component has loaded and rendered. They do not wait for the answers: the pages read the same queries from
 * the cache and show their own loading and error states.
 */
export function createAppRoutes(queryClient: QueryClient): RouteObject[] {
  // Signed out (the session check answered null), a page's requests could only answer 401.
  const signedOut = () => queryClient.getQueryData(meQueryKey) === null;
  // The queue's search as the signed-in role may ask for it (support: not by the triage score). An address
  // that asks for what only some roles may waits for the session check already under way, so that nothing is
  // sent that would be refused; the page cannot draw before that answer anyway.
  const queueSearchFor = async (params: URLSearchParams) => {
    const search = parseQueueSearch(params);
    const unscored = parseQueueSearch(params, { screening: false });
    if (queueSearchParams(search).toString() === queueSearchParams(unscored).toString()) return search;
    const me = await queryClient.ensureQueryData(getMeQueryOptions()).catch(() => null);
    return me && !permissions.seeScreening(me.user.role) ? unscored : search;
  };
  const checkSession = () => {
    if (queryClient.getQueryData(meQueryKey) === undefined)
      void queryClient.prefetchQuery(getMeQueryOptions());
    return null;
  };
  // A loader to run makes the router draw a "loading" state first and then the new page as a transition, in
  // slices. When the loader would do nothing (the session is known, the case is already in the cache), it is
  // not run again, so a move from case to case (the next case, opened from the cache) is drawn at once, in one
  // render (navigate's flushSync).
  const sessionUnknown = () => queryClient.getQueryData(meQueryKey) === undefined;

  return [
    {
      path: paths.login.path,
      lazy: () => import('./routes/auth/login'),
      loader: checkSession,
      HydrateFallback: FullPageProgress,
      ErrorBoundary: RouteErrorBoundary,
    },
    {
      path: paths.home.path,
      Component: SignedInArea,
      loader: checkSession,
      shouldRevalidate: ({ defaultShouldRevalidate }) => defaultShouldRevalidate && sessionUnknown(),
      HydrateFallback: FullPageProgress,
      ErrorBoundary: RouteErrorBoundary,
      children: [
        { index: true, element: <Navigate to={paths.queue.getHref()} replace /> },
        {
          path: paths.queue.path,
          Component: QueuePage,
          handle: { skipLink: { label: 'Skip to results', targetId: QUEUE_RESULTS_ID } },
          loader: async ({ request }) => {
            const search = await queueSearchFor(new URL(request.url).searchParams);
            if (!signedOut())
              void queryClient.prefetchInfiniteQuery(getCasesInfiniteQueryOptions(toCaseListQuery(search)));
            return null;
          },
        },
        {
          path: paths.case.path,
          lazy: () => import('./routes/app/case'),
          loader: ({ params }) => {
            if (params.caseId && !signedOut()) {
              // The images and the selfie video's player start as soon as the case is in, not once its page
              // (whose code may still be loading) has rendered.
              const loading = queryClient.fetchQuery(getCaseQueryOptions(params.caseId));
              // After index.html's first script has started the media of the case it was opened at, if any.
              void Promise.all([loading, earlyMediaStarted()]).then(
                ([detail]) => {
                  if (!detail.view) return;
                  preloadCaseImages(detail.view, detail.case.id);
                  preloadSelfieVideo(detail.view, detail.case.id);
                },
                () => undefined,
              );
            }
            return null;
          },
          shouldRevalidate: ({ defaultShouldRevalidate, nextParams }) =>
            defaultShouldRevalidate &&
            (nextParams.caseId === undefined ||
              queryClient.getQueryData(caseDetailQueryKey(nextParams.caseId)) === undefined),
        },
        { path: paths.subject.path, lazy: () => import('./routes/app/subject') },
        { path: paths.search.path, lazy: () => import('./routes/app/search') },
        { path: paths.audit.path, lazy: () => import('./routes/app/audit') },
        { path: paths.overview.path, lazy: () => import('./routes/app/overview') },
        { path: paths.users.path, lazy: () => import('./routes/app/users') },
        { path: paths.deliveries.path, lazy: () => import('./routes/app/deliveries') },
        { path: '*', lazy: () => import('./routes/app/not-found') },
      ],
    },
  ];
}
