import { Button } from '@mui/material';
import { lazy, Suspense, useId, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';
import { useSavedViews } from '../../../api/get-saved-views';
import type { QueueSetUp } from './view-menu-items';

const SavedViewsMenu = lazy(() =>
  import('./saved-views-menu').then((module) => ({ default: module.SavedViewsMenu })),
);
const SavedViewsDialog = lazy(() =>
  import('./saved-views-dialog').then((module) => ({ default: module.SavedViewsDialog })),
);

type SavedViewsProps = {
  current: QueueSetUp;
  onApply: (view: QueueSetUp) => void;
};

/**
 * The user's saved views and the team's, kept by the desk (any browser), applied from a menu and saved or
 * managed in a dialog. They are asked for when first wanted, not with the queue.
 */
export function SavedViews({ current, onApply }: SavedViewsProps) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  // Mounted from its first opening on, so that closing it animates and its draft name survives.
  const [dialogOpened, setDialogOpened] = useState(false);
  const views = useSavedViews({ enabled: anchor !== null || dialogOpened });
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
      <LazyMenu open={anchor !== null}>
        <SavedViewsMenu
          id={menuId}
          anchorEl={anchor}
          views={views}
          onClose={() => setAnchor(null)}
          onApply={onApply}
          onManage={() => {
            setDialogOpen(true);
            setDialogOpened(true);
          }}
        />
      </LazyMenu>
      {dialogOpened && (
        <Suspense fallback={null}>
          <SavedViewsDialog
            open={dialogOpen}
            views={views.data?.mine}
            current={current}
            onClose={() => setDialogOpen(false)}
          />
        </Suspense>
      )}
    </>
  );
}
