import MenuIcon from '@mui/icons-material/Menu';
import { IconButton, MenuItem, type SxProps, type Theme } from '@mui/material';
import { useId, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { LazyMenu } from '@/components/lazy-menu';
import type { NavItem } from './app-shell';

/** The pages of the navigation behind one button, where the bar has no room for a button each (a phone). */
export function PagesMenu({ items, sx }: { items: NavItem[]; sx?: SxProps<Theme> }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const { pathname } = useLocation();
  const open = anchor !== null;
  const close = () => setAnchor(null);
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
      <LazyMenu id={menuId} anchorEl={anchor} open={open} onClose={close}>
        {items.map((item) => {
          // NavLink marks the current page for screen readers (aria-current); `selected` shows it.
          return (
            <MenuItem
              key={item.href}
              component={NavLink}
              to={item.href}
              selected={pathname.startsWith(item.href)}
              onClick={close}
            >
              {item.label}
            </MenuItem>
          );
        })}
      </LazyMenu>
    </>
  );
}
