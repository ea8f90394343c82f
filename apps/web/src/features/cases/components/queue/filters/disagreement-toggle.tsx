import { ToggleButton } from '@mui/material';
import { useCases } from '../../../api/get-cases';
import { type FilterProps, toggleSx, withCount } from './filter-parts';

// Disagreements sit on resolved cases, outside the work the queue opens on: counted on their own, in any state.
const disagreementCount = { disagreement: true, scope: 'all', limit: 1, facets: true } as const;

/** Cases whose provider now contradicts the desk's decision, with how many there are. */
export function DisagreementToggle({ search, set }: Omit<FilterProps, 'facets'>) {
  const counted = useCases(disagreementCount);
  const count = counted.data?.facets?.disagreement;
  const on = search.disagreement === true;
  return (
    <ToggleButton
      value="disagreement"
      size="small"
      selected={on}
      color="warning"
      sx={toggleSx}
      onChange={() => set({ disagreement: on ? undefined : true })}
    >
      {withCount('Provider disagrees', count)}
    </ToggleButton>
  );
}
