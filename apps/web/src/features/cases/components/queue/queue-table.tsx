import { Box, Button, Stack, Typography } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import {
  getCoreRowModel,
  type RowSelectionState,
  type SortingState,
  type Updater,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { EmptyState } from '@/components/feedback/empty-state';
import { QUEUE_RESULTS_ID, type QueueSearch } from '../../utils/queue-search';
import { ColumnChooser } from './column-chooser';
import { createQueueColumns } from './queue-columns';
import { SavedViews } from './views/saved-views';
import type { QueueSetUp } from './views/view-menu-items';

type QueueTableProps = {
  cases: CaseSummary[];
  search: QueueSearch;
  searchString: string;
  onSearchChange: (search: QueueSearch) => void;
  onApplyView: (view: QueueSetUp) => void;
  hiddenColumns: string[];
  onHiddenColumnsChange: (hidden: string[]) => void;
  now: number;
  selectable: boolean;
  /** Whether the role is shown the screening: the AML hit-type column and the order by triage score (never support). */
  screening?: boolean;
  rowSelection: RowSelectionState;
  onRowSelectionChange: (selection: RowSelectionState) => void;
  /** Opening a case's page; absent for a role that may not open it (an administrator). */
  onOpen?: (item: CaseSummary) => void;
  onClaim?: (item: CaseSummary) => void;
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
};

function sortingOf(search: QueueSearch, columnForSort: Map<string, string>): SortingState {
  if (search.sort === undefined || search.sort === 'priority') return [];
  const id = columnForSort.get(search.sort);
  if (id === undefined) return [];
  const defaultDesc = search.sort !== 'age';
  return [{ id, desc: search.direction ? search.direction === 'desc' : defaultDesc }];
}

// Low rows, so that a laptop screen shows a dozen of them under the filters.
const denseSx = {
  outline: 'none',
  '& td': { py: 0.5, px: 1.5 },
  '& th': { px: 1.5 },
  '& td, & td .MuiTypography-root': { lineHeight: 1.3 },
} as const;

/** The queue as a table in manual mode: the rows are one server page after another, sorted by the server. */
export function QueueTable(props: QueueTableProps) {
  const { cases, search, now, selectable, hiddenColumns, rowSelection, screening = true } = props;
  const columns = useMemo(
    () => createQueueColumns({ now, selectable, screening }),
    [now, selectable, screening],
  );
  const columnForSort = useMemo(
    () =>
      new Map(
        columns.flatMap((column) =>
          column.meta?.sort && column.id ? [[column.meta.sort, column.id] as const] : [],
        ),
      ),
    [columns],
  );
  const sorting = sortingOf(search, columnForSort);
  const columnVisibility: VisibilityState = Object.fromEntries(hiddenColumns.map((id) => [id, false]));

  const table = useReactTable({
    data: cases,
    columns,
    getRowId: (row) => row.id,
    state: { sorting, columnVisibility, rowSelection },
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: true,
    enableRowSelection: selectable,
    getCoreRowModel: getCoreRowModel(),
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      const sort = first ? table.getColumn(first.id)?.columnDef.meta?.sort : undefined;
      const { sort: _sort, direction: _direction, ...rest } = search;
      props.onSearchChange(first && sort ? { ...rest, sort, direction: first.desc ? 'desc' : 'asc' } : rest);
    },
    onColumnVisibilityChange: (updater: Updater<VisibilityState>) => {
      const next = typeof updater === 'function' ? updater(columnVisibility) : updater;
      props.onHiddenColumnsChange(Object.entries(next).flatMap(([id, visible]) => (visible ? [] : [id])));
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      props.onRowSelectionChange(typeof updater === 'function' ? updater(rowSelection) : updater);
    },
  });

  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }} aria-live="polite">
          {props.total === null ? `${cases.length} shown` : `${cases.length} of ${props.total} shown`}
        </Typography>
        <SavedViews current={{ search: props.searchString, hiddenColumns }} onApply={props.onApplyView} />
        <ColumnChooser table={table} />
      </Stack>
      <Box id={QUEUE_RESULTS_ID} tabIndex={-1} sx={denseSx}>
        <DataTable
          maxHeight="calc(100vh - 300px)"
          table={table}
          label="Case queue"
          onOpenRow={props.onOpen}
          onRowKey={(key, item) => {
            if (key !== 'c' || !props.onClaim) return false;
            props.onClaim(item);
            return true;
          }}
          empty={
            <EmptyState title="No cases match these filters">
              <Button onClick={() => props.onSearchChange({})}>Clear filters</Button>
            </EmptyState>
          }
          footer={
            props.hasMore ? (
              <Box sx={{ p: 1, textAlign: 'center' }}>
                <Button onClick={props.onLoadMore} disabled={props.loadingMore}>
                  {props.loadingMore ? 'Loading…' : 'Load more'}
                </Button>
              </Box>
            ) : null
          }
        />
      </Box>
      <Typography variant="caption" color="text.secondary">
        Keys: j / k or arrows to move, Enter to open{props.onClaim ? ', c to claim' : ''}.
      </Typography>
    </Stack>
  );
}
