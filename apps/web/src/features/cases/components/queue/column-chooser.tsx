import { Button, Checkbox, ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import type { Table } from '@tanstack/react-table';
import { useId, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';

/** Shows or hides the queue's optional columns. */
export function ColumnChooser({ table }: { table: Table<CaseSummary> }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  return (
    <>
      <Button
        variant="outlined"
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        Columns
      </Button>
      <LazyMenu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {columns.map((column) => (
          <MenuItem
            key={column.id}
            role="menuitemcheckbox"
            aria-checked={column.getIsVisible()}
            onClick={() => column.toggleVisibility()}
          >
            <ListItemIcon>
              <Checkbox
                edge="start"
                size="small"
                checked={column.getIsVisible()}
                tabIndex={-1}
                disableRipple
              />
            </ListItemIcon>
            <ListItemText primary={column.columnDef.meta?.label ?? column.id} />
          </MenuItem>
        ))}
      </LazyMenu>
    </>
  );
}
