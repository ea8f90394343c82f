import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { providerLabels } from '@/lib/providers';
import { countOf, FilterGroup, type FilterProps, toggleSx, withCount } from './filter-parts';

/** Provider and assignee: one choice each, with the number of matching cases. */
export function ChoiceFilters({ search, facets, set }: FilterProps) {
  return (
    <>
      <FilterGroup label="Provider">
        <ToggleButtonGroup
          size="small"
          exclusive
          aria-label="Provider"
          value={search.provider ?? 'all'}
          onChange={(_event, value: string | null) => {
            if (value !== null)
              set({ provider: value === 'capa' || value === 'connectfi' ? value : undefined });
          }}
        >
          <ToggleButton value="all" sx={toggleSx}>
            All
          </ToggleButton>
          <ToggleButton value="capa" sx={toggleSx}>
            {withCount(providerLabels.capa, countOf(facets?.provider, 'capa'))}
          </ToggleButton>
          <ToggleButton value="connectfi" sx={toggleSx}>
            {withCount(providerLabels.connectfi, countOf(facets?.provider, 'connectfi'))}
          </ToggleButton>
        </ToggleButtonGroup>
      </FilterGroup>
      <FilterGroup label="Assignee">
        <ToggleButtonGroup
          size="small"
          exclusive
          aria-label="Assignee"
          value={search.assignee ?? 'anyone'}
          onChange={(_event, value: string | null) => {
            if (value !== null) set({ assignee: value === 'anyone' ? undefined : value });
          }}
        >
          <ToggleButton value="anyone" sx={toggleSx}>
            Anyone
          </ToggleButton>
          <ToggleButton value="me" sx={toggleSx}>
            {withCount('Me', countOf(facets?.assignee, 'me'))}
          </ToggleButton>
          <ToggleButton value="unassigned" sx={toggleSx}>
            {withCount('Unassigned', countOf(facets?.assignee, 'unassigned'))}
          </ToggleButton>
        </ToggleButtonGroup>
      </FilterGroup>
    </>
  );
}
