import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import type { SavedView } from '@review-desk/contracts';
import { MyViewsList } from './my-views-list';
import { SaveViewForm } from './save-view-form';
import type { QueueSetUp } from './view-menu-items';

type SavedViewsDialogProps = {
  open: boolean;
  /** The user's views; undefined while they load. */
  views: SavedView[] | undefined;
  current: QueueSetUp;
  onClose: () => void;
};

/** Saves the current view under a name, and shares or deletes saved ones. Its own chunk: the queue opens without it. */
export function SavedViewsDialog({ open, views, current, onClose }: SavedViewsDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Saved views</DialogTitle>
      <DialogContent>
        <SaveViewForm current={current} />
        <MyViewsList views={views} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
