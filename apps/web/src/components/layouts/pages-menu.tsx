import MenuIcon from '@mui/icons-material/Menu';
import { IconButton, type SxProps, type Theme } from '@mui/material';
import { lazy, useId, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';
import type { NavItem } from './app-shell';

const PagesMenuList = lazy(() =>
  import('./pages-menu-list').then((module) => ({ default: module.PagesMenuList })),
);

/** The pages of the navigation behind one button, where the bar has no room for a button each (a phone). */
export function PagesMenu({ items, sx }: { items: NavItem[]; sx?: SxProps<Theme> }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const open = anchor !== null;
  return (
    <>
      <IconButton
        color="inherit"
        aria-label="Pages"
        aria-haspopup="menu"
        aria-controls={open ? menuId : undefined}
        aria-expanded={open ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={sx}
      >
        <MenuIcon />
      </IconButton>
      <LazyMenu open={open}>
        <PagesMenuList id={menuId} anchorEl={anchor} items={items} onClose={() => setAnchor(null)} />
      </LazyMenu>
    </>
  );
}
