import { Stack } from '@mui/material';
import { ChoiceFilters } from './choice-filters';
import type { FilterProps } from './filter-parts';
import { RangeFilters } from './range-filters';
import { StateFilters } from './state-filters';

/** Every filter beyond the search box, shown when the reviewer opens "Filters". */
export function FiltersPanel({ id, screening, ...props }: FilterProps & { id: string; screening: boolean }) {
  return (
    <Stack id={id} component="section" aria-label="Filters" spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'flex-end' }} useFlexGap>
        <ChoiceFilters {...props} />
        <RangeFilters search={props.search} set={props.set} screening={screening} />
      </Stack>
      <StateFilters {...props} />
    </Stack>
  );
}
