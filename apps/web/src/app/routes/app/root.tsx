import { Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { FullPageProgress } from '@/components/feedback/skeletons';
import { AppShell, type NavItem, type SkipLink } from '@/components/layouts/app-shell';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { useLogout } from '@/features/auth/api/logout';
import { permissions } from '@/lib/authorization';

/** The signed-in area: no session sends the user to sign in, and back here afterwards. */
export function Component() {
  const me = useMe();
  // A page declares where its skip link goes in its route's handle (see router.tsx).
  const skipLink = useMatches()
    .map((match) => (match.handle as { skipLink?: SkipLink } | undefined)?.skipLink)
    .findLast((link) => link !== undefined);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout({ onSuccess: () => navigate(paths.login.getHref(), { replace: true }) });

  if (me.isPending) return <FullPageProgress />;
  if (me.isError)
    return (
      <ErrorState error={me.error} title="Your session could not be checked" onRetry={() => me.refetch()} />
    );
  if (me.data === null) {
    return <Navigate to={paths.login.getHref(`${location.pathname}${location.search}`)} replace />;
  }

  const { user } = me.data;
  const navItems: NavItem[] = [
    { label: 'Queue', href: paths.queue.getHref() },
    ...(permissions.openCasePage(user.role) ? [{ label: 'Search', href: paths.search.getHref() }] : []),
    { label: 'Overview', href: paths.overview.getHref() },
    ...(permissions.viewAudit(user.role) ? [{ label: 'Audit', href: paths.audit.getHref() }] : []),
    ...(permissions.manageDesk(user.role)
      ? [
          { label: 'Users', href: paths.users.getHref() },
          { label: 'Deliveries', href: paths.deliveries.getHref() },
        ]
      : []),
  ];

  return (
    <AppShell user={user} skipLink={skipLink} navItems={navItems} onLogout={() => logout.mutate()}>
      <Outlet />
    </AppShell>
  );
}
