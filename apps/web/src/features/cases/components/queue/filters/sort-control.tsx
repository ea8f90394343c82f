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
} from '../../../utils/queue-search';
import { type FilterProps, toggleSx } from './filter-parts';

/** The order of the queue and its direction, the one in effect always shown as chosen. */
export function SortControl({ search, set }: Omit<FilterProps, 'facets'>) {
  const sortId = useId();
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
            const next = caseSortValues.find((value) => value === event.target.value);
            set({ sort: next === 'priority' ? undefined : next, direction: undefined });
          }}
        >
          {caseSortValues.map((value) => (
            <option key={value} value={value}>
              {caseSortLabels[value]}
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
