import { Alert, Button, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import type { SavedView } from '@review-desk/contracts';
import { useDeleteView } from '../../../api/delete-view';
import { useUpdateView } from '../../../api/update-view';
import { describeView } from '../../../utils/describe-view';

/** The user's views, each in words, shared with the team or not, with Share and Delete. */
export function MyViewsList({ views }: { views: SavedView[] | undefined }) {
  const update = useUpdateView();
  const remove = useDeleteView();
  if (views === undefined) return <Typography sx={{ mt: 2 }}>Loading your views…</Typography>;
  if (views.length === 0)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        No saved views yet.
      </Typography>
    );
  const failed = update.error ?? remove.error;
  return (
    <>
      {failed && (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          The change could not be made: {failed.message}
        </Alert>
      )}
      <List dense aria-label="Saved views">
        {views.map((view) => (
          <ListItem
            key={view.id}
            secondaryAction={
              <Stack direction="row" spacing={0.5}>
                <Button
                  size="small"
                  onClick={() => update.mutate({ id: view.id, request: { shared: !view.shared } })}
                  aria-label={`${view.shared ? 'Stop sharing' : 'Share'} view ${view.name}`}
                >
                  {view.shared ? 'Stop sharing' : 'Share'}
                </Button>
                <Button
                  size="small"
                  color="error"
                  onClick={() => remove.mutate(view.id)}
                  aria-label={`Delete view ${view.name}`}
                >
                  Delete
                </Button>
              </Stack>
            }
            sx={{ pr: 22 }}
          >
            <ListItemText
              primary={view.name}
              secondary={`${describeView(view.search)}${view.shared ? ' · Shared with the team' : ''}`}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
