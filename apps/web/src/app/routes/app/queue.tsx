import { Alert, Button, Stack, Typography } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import type { RowSelectionState } from '@tanstack/react-table';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { paths } from '@/config/paths';
import { useUser } from '@/features/auth/api/get-me';
import { useCaseEvents } from '@/features/cases/api/case-events';
import { useClaimCase } from '@/features/cases/api/claim-case';
import { useClaimNextCase } from '@/features/cases/api/claim-next-case';
import { useInfiniteCases } from '@/features/cases/api/get-cases';
import { QueueFilters } from '@/features/cases/components/queue/queue-filters';
import { QueueTable } from '@/features/cases/components/queue/queue-table';
import {
  parseQueueSearch,
  type QueueSearch,
  queueSearchParams,
  toCaseListQuery,
} from '@/features/cases/utils/queue-search';
import { useNow } from '@/hooks/use-now';
import { useStoredState } from '@/hooks/use-stored-state';
import { permissions } from '@/lib/authorization';
import { lazyStarted } from '@/lib/lazy-started';

// Seniors' and administrators' only: not part of the queue's first code (its budget, bench/README.md).
const BulkActions = lazyStarted(() =>
  import('@/features/cases/components/queue/bulk-actions').then((module) => module.BulkActions),
);

const HIDDEN_COLUMNS_KEY = 'review-desk.queue.hidden-columns';
// Until a reviewer chooses: the least telling columns are left out, so the rest fit a laptop screen's width.
const DEFAULT_HIDDEN_COLUMNS = ['subjectType', 'upstreamStatus'];
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

export function Component() {
  const user = useUser();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const screening = permissions.seeScreening(user.role);
  const search = useMemo(() => parseQueueSearch(searchParams, { screening }), [searchParams, screening]);
  const searchString = queueSearchParams(search).toString();
  const cases = useInfiniteCases(toCaseListQuery(search));
  const [hiddenColumns, setHiddenColumns] = useStoredState<string[]>(
    HIDDEN_COLUMNS_KEY,
    DEFAULT_HIDDEN_COLUMNS,
    isStringList,
  );
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [queueEmpty, setQueueEmpty] = useState(false);
  const now = useNow();
  useCaseEvents();

  // Reviewers open cases from here: once the rows are shown, fetch the case page's code, so that opening one
  // waits only for its data. A failure is left to the navigation, which loads the page again and reports it.
  useEffect(() => {
    if (cases.isSuccess) import('./case').catch(() => {});
  }, [cases.isSuccess]);

  const setSearch = (next: QueueSearch) => {
    setRowSelection({});
    setSearchParams(queueSearchParams(next));
  };
  const openCase = (item: CaseSummary) => navigate(paths.case.getHref(item.id));
  const claim = useClaimCase();
  const nextCase = useClaimNextCase({
    onSuccess: (response) => {
      if (response.case) navigate(paths.case.getHref(response.case.id));
      else setQueueEmpty(true);
    },
  });
  const canClaim = permissions.claim(user.role);
  const selectable = permissions.bulkActions(user.role);

  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const facets = cases.data?.pages[0]?.facets ?? null;
  const selected = items.filter((item) => rowSelection[item.id]);

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          Queue
        </Typography>
        {canClaim && (
          <Button variant="contained" onClick={() => nextCase.mutate(null)} disabled={nextCase.isPending}>
            {nextCase.isPending ? 'Claiming…' : 'Next case'}
          </Button>
        )}
      </Stack>
      {queueEmpty && (
        <Alert severity="info" role="status" onClose={() => setQueueEmpty(false)}>
          No case is waiting for you right now.
        </Alert>
      )}
      {nextCase.isError && <ErrorState error={nextCase.error} title="No case could be claimed" />}
      {claim.isError && <ErrorState error={claim.error} title="The case could not be claimed" />}
      <QueueFilters search={search} facets={facets} onChange={setSearch} screening={screening} />
      {selectable && (
        <Suspense fallback={null}>
          <BulkActions
            selected={selected}
            userId={user.id}
            canAssignToSelf={canClaim}
            onDone={() => setRowSelection({})}
          />
        </Suspense>
      )}
      {cases.isPending ? (
        <TableSkeleton label="Loading the queue" />
      ) : cases.isError ? (
        <ErrorState
          error={cases.error}
          title="The queue could not be loaded"
          onRetry={() => cases.refetch()}
        />
      ) : (
        <QueueTable
          key={searchString}
          cases={items}
          search={search}
          searchString={searchString}
          onSearchChange={setSearch}
          onApplyView={(view) => {
            setHiddenColumns(view.hiddenColumns);
            setSearch(parseQueueSearch(new URLSearchParams(view.search), { screening }));
          }}
          hiddenColumns={hiddenColumns}
          onHiddenColumnsChange={setHiddenColumns}
          now={now}
          selectable={selectable}
          screening={screening}
          rowSelection={rowSelection}
          onRowSelectionChange={setRowSelection}
          onOpen={permissions.openCasePage(user.role) ? openCase : undefined}
          onClaim={canClaim ? (item) => claim.mutate({ caseId: item.id, version: item.version }) : undefined}
          total={facets?.total ?? null}
          hasMore={cases.hasNextPage}
          loadingMore={cases.isFetchingNextPage}
          onLoadMore={() => cases.fetchNextPage()}
        />
      )}
    </Stack>
  );
}
