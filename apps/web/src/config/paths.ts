import type { Provider } from '@review-desk/contracts';

const withSearch = (path: string, search?: URLSearchParams | string): string => {
  const query = typeof search === 'string' ? search.replace(/^\?/, '') : (search?.toString() ?? '');
  return query === '' ? path : `${path}?${query}`;
};

/** Every in-app address: `path` is the router pattern, `getHref` builds a link to it. */
export const paths = {
  home: { path: '/', getHref: () => '/' },
  login: {
    path: '/login',
    getHref: (next?: string) => withSearch('/login', next ? new URLSearchParams({ next }) : undefined),
  },
  queue: { path: '/queue', getHref: (search?: URLSearchParams | string) => withSearch('/queue', search) },
  case: { path: '/cases/:caseId', getHref: (caseId: string) => `/cases/${encodeURIComponent(caseId)}` },
  subject: {
    path: '/subjects/:provider/:id',
    getHref: (provider: Provider, id: string) => `/subjects/${provider}/${encodeURIComponent(id)}`,
  },
  search: {
    path: '/search',
    getHref: (q?: string) => withSearch('/search', q ? new URLSearchParams({ q }) : undefined),
  },
  audit: { path: '/audit', getHref: (search?: URLSearchParams | string) => withSearch('/audit', search) },
  overview: { path: '/overview', getHref: () => '/overview' },
  users: { path: '/admin/users', getHref: () => '/admin/users' },
  deliveries: { path: '/admin/deliveries', getHref: () => '/admin/deliveries' },
} as const;
