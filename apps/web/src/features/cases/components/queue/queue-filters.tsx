import {
  Box,
  Button,
  FormControl,
  InputLabel,
  NativeSelect,
  OutlinedInput,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import type { CaseFacets, CaseState, FacetCount } from '@review-desk/contracts';
import { type ReactNode, useId } from 'react';
import { CommittedTextField } from '@/components/committed-text-field';
import { providerLabels } from '@/lib/providers';
import { caseSortLabels, caseSortValues, caseStateValues, type QueueSearch } from '../../utils/queue-search';
import { caseStateLabels } from '../case-labels';

type QueueFiltersProps = {
  search: QueueSearch;
  facets: CaseFacets | null;
  onChange: (search: QueueSearch) => void;
};

/** The facet count of a value; a value the facets leave out has no matching case. */
const countOf = (facets: FacetCount[] | undefined, value: string) =>
  facets === undefined ? undefined : (facets.find((facet) => facet.value === value)?.count ?? 0);

const withCount = (label: string, count: number | undefined) =>
  count === undefined ? label : `${label} (${count})`;

function FilterGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" component="p" color="text.secondary" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}

const toggleSx = { textTransform: 'none', py: 0.25 } as const;

/** The queue's filters and sort. Each change goes to the URL, which is what the list query reads. */
export function QueueFilters({ search, facets, onChange }: QueueFiltersProps) {
  const sortId = useId();
  const set = (patch: Partial<QueueSearch>) => {
    const next: QueueSearch = { ...search, ...patch };
    for (const key of Object.keys(patch) as (keyof QueueSearch)[]) {
      const value = next[key];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
    }
    onChange(next);
  };
  const numberOrUndefined = (raw: string) => {
    const value = Number.parseInt(raw, 10);
    return Number.isNaN(value) ? undefined : Math.min(100, Math.max(0, value));
  };
  const upstreamValues = [
    ...new Set([
      ...(facets?.upstreamStatus.map((facet) => facet.value) ?? []),
      ...(search.upstreamStatus ?? []),
    ]),
  ];

  return (
    <Stack spacing={1.5} component="section" aria-label="Filters">
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'flex-end' }} useFlexGap>
        <CommittedTextField
          key={`q:${search.q ?? ''}`}
          size="small"
          label="Subject name or id"
          value={search.q ?? ''}
          onCommit={(value) => set({ q: value.trim() === '' ? undefined : value.trim().slice(0, 100) })}
          sx={{ minWidth: 240 }}
        />
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
        <CommittedTextField
          key={`min:${search.scoreMin ?? ''}`}
          size="small"
          type="number"
          label="Score from"
          value={search.scoreMin?.toString() ?? ''}
          onCommit={(value) => set({ scoreMin: numberOrUndefined(value) })}
          htmlInput={{ min: 0, max: 100 }}
          sx={{ width: 110 }}
        />
        <CommittedTextField
          key={`max:${search.scoreMax ?? ''}`}
          size="small"
          type="number"
          label="Score to"
          value={search.scoreMax?.toString() ?? ''}
          onCommit={(value) => set({ scoreMax: numberOrUndefined(value) })}
          htmlInput={{ min: 0, max: 100 }}
          sx={{ width: 110 }}
        />
        <CommittedTextField
          key={`after:${search.createdAfter ?? ''}`}
          size="small"
          type="date"
          label="Opened on or after"
          value={search.createdAfter ?? ''}
          onCommit={(value) => set({ createdAfter: value === '' ? undefined : value })}
          shrinkLabel
        />
        <CommittedTextField
          key={`before:${search.createdBefore ?? ''}`}
          size="small"
          type="date"
          label="Opened before"
          value={search.createdBefore ?? ''}
          onCommit={(value) => set({ createdBefore: value === '' ? undefined : value })}
          shrinkLabel
        />
        {/* A native select: MUI's own Select brings its menu, popover and modal into the first page's code. */}
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel htmlFor={sortId} shrink>
            Sort by
          </InputLabel>
          <NativeSelect
            id={sortId}
            input={<OutlinedInput label="Sort by" notched />}
            value={search.sort ?? 'priority'}
            onChange={(event) => {
              const sort = caseSortValues.find((value) => value === event.target.value);
              set({ sort: sort === 'priority' ? undefined : sort, direction: undefined });
            }}
          >
            {caseSortValues.map((sort) => (
              <option key={sort} value={sort}>
                {caseSortLabels[sort]}
              </option>
            ))}
          </NativeSelect>
        </FormControl>
        {search.sort !== undefined && search.sort !== 'priority' && (
          <FilterGroup label="Direction">
            <ToggleButtonGroup
              size="small"
              exclusive
              aria-label="Sort direction"
              value={search.direction ?? 'default'}
              onChange={(_event, value: string | null) => {
                if (value === 'asc' || value === 'desc') set({ direction: value });
              }}
            >
              <ToggleButton value="asc" sx={toggleSx}>
                Ascending
              </ToggleButton>
              <ToggleButton value="desc" sx={toggleSx}>
                Descending
              </ToggleButton>
            </ToggleButtonGroup>
          </FilterGroup>
        )}
        <Button onClick={() => onChange({})} disabled={Object.keys(search).length === 0}>
          Clear filters
        </Button>
      </Stack>
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
    </Stack>
  );
}
