import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import type { SavedView } from './saved-views';

const MAX_VIEWS = 30;

type SavedViewsDialogProps = {
  open: boolean;
  views: SavedView[];
  onViewsChange: (update: (previous: SavedView[]) => SavedView[]) => void;
  current: Omit<SavedView, 'name'>;
  onClose: () => void;
};

/** Saves the current view under a name, and deletes saved ones. Its own chunk: the queue opens without it. */
export function SavedViewsDialog({ open, views, onViewsChange, current, onClose }: SavedViewsDialogProps) {
  const [name, setName] = useState('');

  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    onViewsChange((previous) =>
      [...previous.filter((view) => view.name !== trimmed), { name: trimmed, ...current }].slice(-MAX_VIEWS),
    );
    setName('');
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>Saved views</DialogTitle>
      <DialogContent>
        <Stack component="form" direction="row" spacing={1} onSubmit={save} sx={{ pt: 1 }}>
          <TextField
            label="Name for the current view"
            size="small"
            value={name}
            onChange={(event) => setName(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 60 } }}
            fullWidth
          />
          <Button type="submit" variant="contained" disabled={name.trim() === ''}>
            Save
          </Button>
        </Stack>
        {views.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            No saved views yet.
          </Typography>
        ) : (
          <List dense aria-label="Saved views">
            {views.map((view) => (
              <ListItem
                key={view.name}
                secondaryAction={
                  <Button
                    size="small"
                    color="error"
                    onClick={() =>
                      onViewsChange((previous) => previous.filter((item) => item.name !== view.name))
                    }
                    aria-label={`Delete view ${view.name}`}
                  >
                    Delete
                  </Button>
                }
              >
                <ListItemText
                  primary={view.name}
                  secondary={view.search === '' ? 'All cases' : view.search}
                />
              </ListItem>
            ))}
          </List>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
