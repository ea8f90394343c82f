import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { AppBar, Box, Button, IconButton, Link, Toolbar, Typography } from '@mui/material';
import type { SessionUser } from '@review-desk/contracts';
import { lazy, type ReactNode, useId, useState } from 'react';
import { NavLink } from 'react-router';
import { LazyMenu } from '@/components/lazy-menu';
import { visuallyHidden } from '@/components/visually-hidden';
import { roleLabels } from '@/lib/authorization';
import { useColorMode } from '@/lib/theme';
import { PagesMenu } from './pages-menu';

const UserMenu = lazy(() => import('./user-menu').then((module) => ({ default: module.UserMenu })));

export type NavItem = { label: string; href: string };

/** The first Tab stop of a page: where it skips to. A page with one main thing (the queue) names it. */
export type SkipLink = { label: string; targetId: string };

type AppShellProps = {
  user: SessionUser;
  skipLink?: SkipLink;
  navItems: NavItem[];
  onLogout: () => void;
  children: ReactNode;
};

const MAIN_ID = 'main-content';

/** A phone (below MUI's `sm`): the pages fold into a menu and the user button shows an icon, so the bar fits. */
const phone = '@media (max-width: 599.95px)';

/** The frame of every signed-in page: product name, navigation, theme toggle and the user menu. */
export function AppShell({ user, skipLink, navItems, onLogout, children }: AppShellProps) {
  const { mode, toggle } = useColorMode();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const themeLabel = mode === 'dark' ? 'Use the light theme' : 'Use the dark theme';

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Link
        href={`#${skipLink?.targetId ?? MAIN_ID}`}
        sx={{
          position: 'absolute',
          left: -9999,
          '&:focus': { left: 8, top: 8, zIndex: 'tooltip', bgcolor: 'background.paper', p: 1 },
        }}
      >
        {skipLink?.label ?? 'Skip to main content'}
      </Link>
      <AppBar position="sticky" color="default" elevation={1}>
        <Toolbar sx={{ gap: 2, [phone]: { gap: 1 } }}>
          <Typography variant="h6" component="span" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
            Review Desk
          </Typography>
          <Box component="nav" aria-label="Main" sx={{ display: 'flex', flexGrow: 1 }}>
            <Box sx={{ display: 'flex', gap: 0.5, [phone]: { display: 'none' } }}>
              {navItems.map((item) => (
                <Button
                  key={item.href}
                  component={NavLink}
                  to={item.href}
                  color="inherit"
                  sx={{ '&.active': { bgcolor: 'action.selected' } }}
                >
                  {item.label}
                </Button>
              ))}
            </Box>
            <PagesMenu items={navItems} sx={{ display: 'none', [phone]: { display: 'inline-flex' } }} />
          </Box>
          <IconButton color="inherit" onClick={toggle} aria-label={themeLabel} title={themeLabel}>
            {mode === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
          </IconButton>
          <Button
            color="inherit"
            aria-haspopup="menu"
            aria-controls={menuAnchor ? menuId : undefined}
            aria-expanded={menuAnchor ? 'true' : undefined}
            onClick={(event) => setMenuAnchor(event.currentTarget)}
            sx={{
              textTransform: 'none',
              textAlign: 'left',
              flexDirection: 'column',
              alignItems: 'flex-start',
            }}
          >
            <AccountCircleIcon sx={{ display: 'none', [phone]: { display: 'block' } }} />
            <Typography variant="body2" component="span" sx={{ fontWeight: 600, [phone]: visuallyHidden }}>
              {user.displayName}
            </Typography>
            <Typography variant="caption" component="span" sx={{ [phone]: visuallyHidden }}>
              {roleLabels[user.role]}
            </Typography>
          </Button>
          <LazyMenu open={menuAnchor !== null}>
            <UserMenu
              id={menuId}
              anchorEl={menuAnchor}
              user={user}
              onClose={() => setMenuAnchor(null)}
              onLogout={onLogout}
            />
          </LazyMenu>
        </Toolbar>
      </AppBar>
      <Box
        component="main"
        id={MAIN_ID}
        tabIndex={-1}
        sx={{ flexGrow: 1, p: 3, [phone]: { p: 2 }, minWidth: 0, outline: 'none' }}
      >
        {children}
      </Box>
    </Box>
  );
}
