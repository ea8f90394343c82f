import {
  FormControl,
  InputLabel,
  NativeSelect,
  OutlinedInput,
  ToggleButton,
  ToggleButtonGroup,
} from '@mui/material';
import { useId } from 'react';
import {
  caseSortLabels,
  caseSortValues,
  defaultSortDirection,
  sortDirectionLabels,
  unscoredPriorityLabel,
} from '../../../utils/queue-search';
import { type FilterProps, toggleSx } from './filter-parts';

/**
 * The order of the queue and its direction, the one in effect always shown as chosen. Without the screening
 * (support), there is no order by the triage score, and the priority order is by age after the SLA.
 */
export function SortControl({
  search,
  set,
  screening,
}: Omit<FilterProps, 'facets'> & { screening: boolean }) {
  const sortId = useId();
  const sorts = screening ? caseSortValues : caseSortValues.filter((value) => value !== 'score');
  const sort = search.sort ?? 'priority';
  const direction = search.direction ?? defaultSortDirection[sort];
  return (
    <>
      {/* A native select: MUI's own Select brings its menu, popover and modal into the first page's code. */}
      <FormControl size="small" sx={{ minWidth: 200 }}>
        <InputLabel htmlFor={sortId} shrink>
          Sort by
        </InputLabel>
        <NativeSelect
          id={sortId}
          input={<OutlinedInput label="Sort by" notched />}
          value={sort}
          onChange={(event) => {
            const next = sorts.find((value) => value === event.target.value);
            set({ sort: next === 'priority' ? undefined : next, direction: undefined });
          }}
        >
          {sorts.map((value) => (
            <option key={value} value={value}>
              {value === 'priority' && !screening ? unscoredPriorityLabel : caseSortLabels[value]}
            </option>
          ))}
        </NativeSelect>
      </FormControl>
      <ToggleButtonGroup
        size="small"
        exclusive
        aria-label="Sort direction"
        value={direction}
        onChange={(_event, value: string | null) => {
          if ((value === 'asc' || value === 'desc') && sort !== 'priority') set({ direction: value });
        }}
      >
        {(['desc', 'asc'] as const).flatMap((value) => {
          const label = sortDirectionLabels[sort][value];
          return label === undefined
            ? []
            : [
                <ToggleButton key={value} value={value} sx={toggleSx}>
                  {label}
                </ToggleButton>,
              ];
        })}
      </ToggleButtonGroup>
    </>
  );
}
