import { MenuItem } from '@mui/material';
import Menu from '@mui/material/Menu';
import { NavLink, useLocation } from 'react-router';
import type { NavItem } from './app-shell';

type Props = { id: string; anchorEl: HTMLElement | null; items: NavItem[]; onClose: () => void };

/** The pages of the navigation as a menu. Loaded when first opened (src/components/lazy-menu.tsx). */
export function PagesMenuList({ id, anchorEl, items, onClose }: Props) {
  const { pathname } = useLocation();
  return (
    <Menu id={id} anchorEl={anchorEl} open={anchorEl !== null} onClose={onClose}>
      {items.map((item) => (
        // NavLink marks the current page for screen readers (aria-current); `selected` shows it.
        <MenuItem
          key={item.href}
          component={NavLink}
          to={item.href}
          selected={pathname.startsWith(item.href)}
          onClick={onClose}
        >
          {item.label}
        </MenuItem>
      ))}
    </Menu>
  );
}
