import { CommittedTextField } from '@/components/committed-text-field';
import type { FilterProps } from './filter-parts';

const scoreOrUndefined = (raw: string) => {
  const value = Number.parseInt(raw, 10);
  return Number.isNaN(value) ? undefined : Math.min(100, Math.max(0, value));
};

/** The triage score range (for roles shown the screening it counts) and the days a case was opened between. */
export function RangeFilters({
  search,
  set,
  screening,
}: Omit<FilterProps, 'facets'> & { screening: boolean }) {
  return (
    <>
      {screening && <ScoreRange search={search} set={set} />}
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
    </>
  );
}

function ScoreRange({ search, set }: Omit<FilterProps, 'facets'>) {
  return (
    <>
      <CommittedTextField
        key={`min:${search.scoreMin ?? ''}`}
        size="small"
        type="number"
        label="Score from"
        value={search.scoreMin?.toString() ?? ''}
        onCommit={(value) => set({ scoreMin: scoreOrUndefined(value) })}
        htmlInput={{ min: 0, max: 100 }}
        sx={{ width: 110 }}
      />
      <CommittedTextField
        key={`max:${search.scoreMax ?? ''}`}
        size="small"
        type="number"
        label="Score to"
        value={search.scoreMax?.toString() ?? ''}
        onCommit={(value) => set({ scoreMax: scoreOrUndefined(value) })}
        htmlInput={{ min: 0, max: 100 }}
        sx={{ width: 110 }}
      />
    </>
  );
}
