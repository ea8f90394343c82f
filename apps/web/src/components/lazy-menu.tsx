import type { MenuProps } from '@mui/material/Menu';
import { lazy, Suspense, useState } from 'react';

const Menu = lazy(() => import('@mui/material/Menu'));

/**
 * MUI's Menu, whose code (the popover, modal, focus trap and transitions under it, some 10 KB gzipped) loads
 * the first time it opens rather than with the page: every page has a menu button, few of them are opened.
 * Once opened it stays mounted, so that it closes with its animation.
 */
export function LazyMenu(props: MenuProps) {
  const [opened, setOpened] = useState(props.open);
  if (props.open && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <Menu {...props} />
    </Suspense>
  );
}
