import { Checkbox, ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import Menu from '@mui/material/Menu';
import type { CaseSummary } from '@review-desk/contracts';
import type { Table } from '@tanstack/react-table';

type ColumnMenuProps = {
  id: string;
  anchorEl: HTMLElement | null;
  table: Table<CaseSummary>;
  onClose: () => void;
};

/** A checkbox per optional column of the queue. Loaded when first opened (src/components/lazy-menu.tsx). */
export function ColumnMenu({ id, anchorEl, table, onClose }: ColumnMenuProps) {
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  return (
    <Menu id={id} anchorEl={anchorEl} open={anchorEl !== null} onClose={onClose}>
      {columns.map((column) => (
        <MenuItem
          key={column.id}
          role="menuitemcheckbox"
          aria-checked={column.getIsVisible()}
          onClick={() => column.toggleVisibility()}
        >
          <ListItemIcon>
            <Checkbox edge="start" size="small" checked={column.getIsVisible()} tabIndex={-1} disableRipple />
          </ListItemIcon>
          <ListItemText primary={column.columnDef.meta?.label ?? column.id} />
        </MenuItem>
      ))}
    </Menu>
  );
}
