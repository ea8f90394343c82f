import { Button, Stack } from '@mui/material';
import { CommittedTextField } from '@/components/committed-text-field';
import { activeFilterCount, type QueueSearch } from '../../../utils/queue-search';
import { DisagreementToggle } from './disagreement-toggle';
import { ScopeToggle } from './scope-toggle';
import { SortControl } from './sort-control';

type QueueFilterBarProps = {
  search: QueueSearch;
  set: (patch: Partial<QueueSearch>) => void;
  screening: boolean;
  onClear: () => void;
  panelId: string;
  panelOpen: boolean;
  onTogglePanel: () => void;
};

/** One row: the search box, whose cases, provider disagreements, the order, the "Filters (n)" control and Clear. */
export function QueueFilterBar({
  search,
  set,
  screening,
  onClear,
  panelId,
  panelOpen,
  onTogglePanel,
}: QueueFilterBarProps) {
  return (
    <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'center' }} useFlexGap>
      <CommittedTextField
        key={`q:${search.q ?? ''}`}
        size="small"
        label="Subject name or id"
        value={search.q ?? ''}
        onCommit={(value) => set({ q: value.trim() === '' ? undefined : value.trim().slice(0, 100) })}
        sx={{ minWidth: 220 }}
      />
      <ScopeToggle search={search} set={set} />
      <DisagreementToggle search={search} set={set} />
      <SortControl search={search} set={set} screening={screening} />
      <Button
        variant="outlined"
        aria-expanded={panelOpen}
        aria-controls={panelOpen ? panelId : undefined}
        onClick={onTogglePanel}
      >
        Filters ({activeFilterCount(search)})
      </Button>
      <Button onClick={onClear} disabled={Object.keys(search).length === 0}>
        Clear filters
      </Button>
    </Stack>
  );
}
