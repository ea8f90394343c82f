import { type ReactNode, Suspense, useState } from 'react';

/**
 * Mounts a menu whose code is a lazy chunk (a component from `React.lazy`, given as the child) the first time
 * it opens rather than with the page: every page has menu buttons, few of them are opened, and a menu's code
 * is MUI's Menu (the popover, modal, focus trap and transitions under it, some 10 KB gzipped) and its items
 * (MenuItem and the list parts, some 5 KB more). Once opened it stays mounted, so that it closes with its
 * animation.
 */
export function LazyMenu({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  if (!opened) return null;
  return <Suspense fallback={null}>{children}</Suspense>;
}
