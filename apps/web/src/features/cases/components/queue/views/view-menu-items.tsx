import { ListItemText, ListSubheader, MenuItem } from '@mui/material';
import type { SavedView, SavedViewListResponse } from '@review-desk/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeView } from '../../../utils/describe-view';

/** What a view sets on the queue: its filters and sort (the address's search) and the columns it hides. */
export type QueueSetUp = Pick<SavedView, 'search' | 'hiddenColumns'>;

const item = (view: SavedView, onPick: (view: QueueSetUp) => void, owner: boolean) => (
  <MenuItem key={view.id} onClick={() => onPick(view)}>
    <ListItemText
      primary={view.name}
      secondary={
        owner ? `${view.owner.displayName} · ${describeView(view.search)}` : describeView(view.search)
      }
      slotProps={{ secondary: { noWrap: true, sx: { maxWidth: 360 } } }}
    />
  </MenuItem>
);

/**
 * The menu's items (an array, as MUI's Menu wants its items as direct children): the user's views, then
 * those the team shared.
 */
export function viewMenuItems(
  views: UseQueryResult<SavedViewListResponse>,
  onPick: (view: QueueSetUp) => void,
): ReactNode[] {
  if (views.isPending)
    return [
      <MenuItem key="loading" disabled>
        Loading views…
      </MenuItem>,
    ];
  if (views.isError)
    return [
      <MenuItem key="error" disabled>
        The saved views could not be loaded
      </MenuItem>,
    ];
  const { mine, team } = views.data;
  // A menu holds menu items only: the headings are shown but not list items of it (role presentation), as
  // grouping the items instead would hide them from the menu's arrow keys, which walk its direct children.
  return [
    <ListSubheader key="mine" role="presentation">
      My views
    </ListSubheader>,
    ...(mine.length === 0
      ? [
          <MenuItem key="no-mine" disabled>
            No saved views yet
          </MenuItem>,
        ]
      : mine.map((view) => item(view, onPick, false))),
    <ListSubheader key="team" role="presentation">
      Team views
    </ListSubheader>,
    ...(team.length === 0
      ? [
          <MenuItem key="no-team" disabled>
            No views shared with the team yet
          </MenuItem>,
        ]
      : team.map((view) => item(view, onPick, true))),
  ];
}
