import { Button, Divider, MenuItem } from '@mui/material';
import { lazy, Suspense, useId, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';
import { useStoredState } from '@/hooks/use-stored-state';

/** A named queue set-up: its filters and sort (the URL search) and the columns it hides. */
export type SavedView = { name: string; search: string; hiddenColumns: string[] };

const STORAGE_KEY = 'review-desk.queue.saved-views';

const SavedViewsDialog = lazy(() =>
  import('./saved-views-dialog').then((module) => ({ default: module.SavedViewsDialog })),
);

const isSavedViews = (value: unknown): value is SavedView[] =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.name === 'string' &&
      typeof item.search === 'string' &&
      Array.isArray(item.hiddenColumns) &&
      item.hiddenColumns.every((column: unknown) => typeof column === 'string'),
  );

type SavedViewsProps = {
  current: Omit<SavedView, 'name'>;
  onApply: (view: SavedView) => void;
};

/** Views a reviewer saved in this browser, applied from a menu and managed in a dialog. */
export function SavedViews({ current, onApply }: SavedViewsProps) {
  const [views, setViews] = useStoredState<SavedView[]>(STORAGE_KEY, [], isSavedViews);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  // Mounted from its first opening on, so that closing it animates and its draft name survives, as before.
  const [dialogOpened, setDialogOpened] = useState(false);
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
        Views
      </Button>
      <LazyMenu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {views.length === 0 && <MenuItem disabled>No saved views yet</MenuItem>}
        {views.map((view) => (
          <MenuItem
            key={view.name}
            onClick={() => {
              setAnchor(null);
              onApply(view);
            }}
          >
            {view.name}
          </MenuItem>
        ))}
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setDialogOpen(true);
            setDialogOpened(true);
          }}
        >
          Save or manage views…
        </MenuItem>
      </LazyMenu>
      {dialogOpened && (
        <Suspense fallback={null}>
          <SavedViewsDialog
            open={dialogOpen}
            views={views}
            onViewsChange={setViews}
            current={current}
            onClose={() => setDialogOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
