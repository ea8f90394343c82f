import { Button } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import type { Table } from '@tanstack/react-table';
import { lazy, useId, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';

const ColumnMenu = lazy(() => import('./column-menu').then((module) => ({ default: module.ColumnMenu })));

/** Shows or hides the queue's optional columns. */
export function ColumnChooser({ table }: { table: Table<CaseSummary> }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
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
      <LazyMenu open={anchor !== null}>
        <ColumnMenu id={menuId} anchorEl={anchor} table={table} onClose={() => setAnchor(null)} />
      </LazyMenu>
    </>
  );
}
