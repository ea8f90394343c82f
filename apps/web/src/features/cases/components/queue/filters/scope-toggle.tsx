import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { scopeOf, workStates } from '../../../utils/queue-search';
import { type FilterProps, toggleSx } from './filter-parts';

/** "My work" (open, reopened, in review by me: the default) or every case, resolved ones included. */
export function ScopeToggle({ search, set }: Omit<FilterProps, 'facets'>) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      aria-label="Show"
      value={scopeOf(search)}
      onChange={(_event, value: string | null) => {
        if (value === 'all') set({ scope: 'all' });
        // States outside the work would widen it again (see scopeOf), so choosing the work drops them.
        else if (value === 'work')
          set({
            scope: undefined,
            state: search.state?.filter((state) => workStates.includes(state)),
            disagreement: undefined,
          });
      }}
    >
      <ToggleButton value="work" sx={toggleSx}>
        My work
      </ToggleButton>
      <ToggleButton value="all" sx={toggleSx}>
        All cases
      </ToggleButton>
    </ToggleButtonGroup>
  );
}
