import { Divider, MenuItem } from '@mui/material';
import Menu from '@mui/material/Menu';
import type { SavedViewListResponse } from '@review-desk/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { type QueueSetUp, viewMenuItems } from './view-menu-items';

type SavedViewsMenuProps = {
  id: string;
  anchorEl: HTMLElement | null;
  views: UseQueryResult<SavedViewListResponse>;
  onClose: () => void;
  onApply: (view: QueueSetUp) => void;
  onManage: () => void;
};

/** The saved views to apply, and the way to the dialog. Loaded when first opened (src/components/lazy-menu.tsx). */
export function SavedViewsMenu({ id, anchorEl, views, onClose, onApply, onManage }: SavedViewsMenuProps) {
  return (
    <Menu id={id} anchorEl={anchorEl} open={anchorEl !== null} onClose={onClose}>
      {viewMenuItems(views, (view) => {
        onClose();
        onApply(view);
      })}
      <Divider />
      <MenuItem
        onClick={() => {
          onClose();
          onManage();
        }}
      >
        Save or manage views…
      </MenuItem>
    </Menu>
  );
}
