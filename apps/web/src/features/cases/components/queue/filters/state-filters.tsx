import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import type { CaseState } from '@review-desk/contracts';
import { caseStateValues } from '../../../utils/queue-search';
import { caseStateLabels } from '../../case-labels';
import { countOf, FilterGroup, type FilterProps, toggleSx, withCount } from './filter-parts';

/** Any of the workflow states, and any of the provider statuses the matching cases have. */
export function StateFilters({ search, facets, set }: FilterProps) {
  // A status chosen earlier stays offered even when no matching case has it now.
  const upstreamValues = [
    ...new Set([
      ...(facets?.upstreamStatus.map((facet) => facet.value) ?? []),
      ...(search.upstreamStatus ?? []),
    ]),
  ];
  return (
    <>
      <FilterGroup label="State">
        <ToggleButtonGroup
          size="small"
          aria-label="State"
          value={search.state ?? []}
          onChange={(_event, value: CaseState[]) => set({ state: value })}
          sx={{ flexWrap: 'wrap' }}
        >
          {caseStateValues.map((state) => (
            <ToggleButton key={state} value={state} sx={toggleSx}>
              {withCount(caseStateLabels[state], countOf(facets?.state, state))}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </FilterGroup>
      {upstreamValues.length > 0 && (
        <FilterGroup label="Upstream status">
          <ToggleButtonGroup
            size="small"
            aria-label="Upstream status"
            value={search.upstreamStatus ?? []}
            onChange={(_event, value: string[]) => set({ upstreamStatus: value })}
            sx={{ flexWrap: 'wrap' }}
          >
            {upstreamValues.map((value) => (
              <ToggleButton key={value} value={value} sx={toggleSx}>
                <bdi dir="auto">{withCount(value, countOf(facets?.upstreamStatus, value))}</bdi>
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </FilterGroup>
      )}
    </>
  );
}
