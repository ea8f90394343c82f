import { Stack } from '@mui/material';
import type { CaseFacets } from '@review-desk/contracts';
import { Suspense, useId, useState } from 'react';
import { lazyStarted } from '@/lib/lazy-started';
import type { QueueSearch } from '../../utils/queue-search';
import { QueueFilterBar } from './filters/queue-filter-bar';
import { useSearchPatch } from './filters/use-search-patch';

// Folded away until asked for, so not part of the queue's first code (its budget, bench/README.md): fetched as
// the app starts and drawn at once when opened.
const FiltersPanel = lazyStarted(() =>
  import('./filters/filters-panel').then((module) => module.FiltersPanel),
);

type QueueFiltersProps = {
  search: QueueSearch;
  facets: CaseFacets | null;
  onChange: (search: QueueSearch) => void;
  /** False for a role not shown the screening: no order or range by the triage score. */
  screening: boolean;
};

/**
 * The queue's filters and sort: one row, with the rest folded behind "Filters (n)" so the rows keep the
 * screen. Each change goes to the URL, which is what the list query reads.
 */
export function QueueFilters({ search, facets, onChange, screening }: QueueFiltersProps) {
  const set = useSearchPatch(search, onChange);
  const [panelOpen, setPanelOpen] = useState(false);
  const panelId = useId();
  return (
    <Stack spacing={1.5}>
      <QueueFilterBar
        search={search}
        set={set}
        screening={screening}
        onClear={() => onChange({})}
        panelId={panelId}
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((open) => !open)}
      />
      {panelOpen && (
        <Suspense fallback={null}>
          <FiltersPanel id={panelId} search={search} facets={facets} set={set} screening={screening} />
        </Suspense>
      )}
    </Stack>
  );
}
