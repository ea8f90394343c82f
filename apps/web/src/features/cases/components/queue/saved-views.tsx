import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  List,
  ListItem,
  ListItemText,
  Menu,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import { useStoredState } from '@/hooks/use-stored-state';

/** A named queue set-up: its filters and sort (the URL search) and the columns it hides. */
export type SavedView = { name: string; search: string; hiddenColumns: string[] };

const STORAGE_KEY = 'review-desk.queue.saved-views';
const MAX_VIEWS = 30;

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
  const [name, setName] = useState('');
  const menuId = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    setViews((previous) =>
      [...previous.filter((view) => view.name !== trimmed), { name: trimmed, ...current }].slice(-MAX_VIEWS),
    );
    setName('');
  };

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
      <Menu id={menuId} anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
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
          }}
        >
          Save or manage views…
        </MenuItem>
      </Menu>
      <Dialog open={dialogOpen} onClose={() => setDialogOpen(false)} fullWidth maxWidth="sm">
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
                        setViews((previous) => previous.filter((item) => item.name !== view.name))
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
          <Button onClick={() => setDialogOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
