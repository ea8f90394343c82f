import { Divider, MenuItem } from '@mui/material';
import Menu from '@mui/material/Menu';
import type { SessionUser } from '@review-desk/contracts';
import { roleLabels } from '@/lib/authorization';

type UserMenuProps = {
  id: string;
  anchorEl: HTMLElement | null;
  user: SessionUser;
  onClose: () => void;
  onLogout: () => void;
};

/** Who is signed in, and signing out. Loaded when first opened (src/components/lazy-menu.tsx). */
export function UserMenu({ id, anchorEl, user, onClose, onLogout }: UserMenuProps) {
  return (
    <Menu id={id} anchorEl={anchorEl} open={anchorEl !== null} onClose={onClose}>
      <MenuItem disabled>
        Signed in as {user.username} ({roleLabels[user.role]})
      </MenuItem>
      <Divider />
      <MenuItem
        onClick={() => {
          onClose();
          onLogout();
        }}
      >
        Sign out
      </MenuItem>
    </Menu>
  );
}
