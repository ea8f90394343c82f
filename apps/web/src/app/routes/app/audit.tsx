import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { AuditListQuery } from '@review-desk/contracts';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import { CommittedTextField } from '@/components/committed-text-field';
import { DataTable } from '@/components/data-table/data-table';
import { ErrorState } from '@/components/errors/error-state';
import { EmptyState } from '@/components/feedback/empty-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { useAudit } from '@/features/audit/api/get-audit';
import { useVerifyAudit } from '@/features/audit/api/verify-audit';
import { auditColumns } from '@/features/audit/components/audit-columns';
import { useUser } from '@/features/auth/api/get-me';
import { permissions } from '@/lib/authorization';

const filterKeys = ['caseId', 'actor', 'action'] as const;
type AuditFilters = Pick<AuditListQuery, (typeof filterKeys)[number]>;

const readFilters = (params: URLSearchParams): AuditFilters =>
  Object.fromEntries(
    filterKeys.flatMap((key) => {
      const value = params.get(key)?.trim();
      return value ? [[key, value.slice(0, 64)]] : [];
    }),
  );

export function Component() {
  const user = useUser();
  if (!permissions.viewAudit(user.role)) {
    return <Alert severity="warning">The audit trail is for senior analysts and administrators.</Alert>;
  }
  return <AuditPage canVerify={user.role === 'admin'} />;
}

/** The audit trail, filtered by case, actor or action (filters in the URL), newest first. */
function AuditPage({ canVerify }: { canVerify: boolean }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const audit = useAudit({ ...filters, limit: 100 });
  const verify = useVerifyAudit();
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const table = useReactTable({
    data: rows,
    columns: auditColumns,
    getRowId: (row) => String(row.id),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualFiltering: true,
    manualSorting: true,
  });
  const setFilter = (key: (typeof filterKeys)[number], value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value.trim() === '') next.delete(key);
    else next.set(key, value.trim());
    setSearchParams(next);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          Audit trail
        </Typography>
        {canVerify && (
          <Button variant="outlined" onClick={() => verify.mutate()} disabled={verify.isPending}>
            Verify the hash chain
          </Button>
        )}
      </Stack>
      {verify.isError && <ErrorState error={verify.error} title="The check could not run" />}
      {verify.data && (
        <Alert severity={verify.data.ok ? 'success' : 'error'} role="status">
          {verify.data.ok
            ? `The chain is whole: ${verify.data.count ?? 0} rows verified.`
            : `The chain breaks at row ${verify.data.firstBadId ?? '?'} (${verify.data.reason ?? 'altered'}). ${verify.data.message ?? ''}`}
        </Alert>
      )}
      <Stack direction="row" spacing={2} component="section" aria-label="Filters">
        <CommittedTextField
          key={`case:${filters.caseId ?? ''}`}
          size="small"
          label="Case id"
          value={filters.caseId ?? ''}
          onCommit={(value) => setFilter('caseId', value)}
        />
        <CommittedTextField
          key={`actor:${filters.actor ?? ''}`}
          size="small"
          label="Actor (username)"
          value={filters.actor ?? ''}
          onCommit={(value) => setFilter('actor', value)}
        />
        <CommittedTextField
          key={`action:${filters.action ?? ''}`}
          size="small"
          label="Action or prefix (case.)"
          value={filters.action ?? ''}
          onCommit={(value) => setFilter('action', value)}
        />
      </Stack>
      {audit.isPending ? (
        <TableSkeleton label="Loading the audit trail" />
      ) : audit.isError ? (
        <ErrorState
          error={audit.error}
          title="The audit trail could not be loaded"
          onRetry={() => audit.refetch()}
        />
      ) : (
        <DataTable
          table={table}
          label="Audit trail"
          empty={<EmptyState title="No audit rows match" />}
          footer={
            audit.hasNextPage ? (
              <Box sx={{ p: 1, textAlign: 'center' }}>
                <Button onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
                  {audit.isFetchingNextPage ? 'Loading…' : 'Older rows'}
                </Button>
              </Box>
            ) : null
          }
        />
      )}
    </Stack>
  );
}
