import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '@/components/data-table/data-table';
import { ErrorState } from '@/components/errors/error-state';
import { EmptyState } from '@/components/feedback/empty-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { useAudit } from '@/features/audit/api/get-audit';
import { useVerifyAudit } from '@/features/audit/api/verify-audit';
import { auditColumns } from '@/features/audit/components/audit-columns';
import { AuditExport } from '@/features/audit/components/audit-export';
import { AuditFilters } from '@/features/audit/components/audit-filters';
import { type AuditSearchKey, readAuditSearch, toAuditFilters } from '@/features/audit/utils/audit-search';
import { useUser } from '@/features/auth/api/get-me';
import { permissions } from '@/lib/authorization';

export function Component() {
  const user = useUser();
  if (!permissions.viewAudit(user.role)) {
    return <Alert severity="warning">The audit trail is for senior analysts and administrators.</Alert>;
  }
  return <AuditPage canVerify={user.role === 'admin'} canOpenCases={permissions.openCasePage(user.role)} />;
}

/** The audit trail, filtered by case, person, actor, action and days (filters in the URL), newest first. */
function AuditPage({ canVerify, canOpenCases }: { canVerify: boolean; canOpenCases: boolean }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = readAuditSearch(searchParams);
  const filters = toAuditFilters(search);
  const audit = useAudit({ ...filters, limit: 100 });
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = useMemo(() => auditColumns(canOpenCases), [canOpenCases]);
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => String(row.id),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualFiltering: true,
    manualSorting: true,
  });
  const setFilter = (key: AuditSearchKey, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value.trim() === '') next.delete(key);
    else next.set(key, value.trim());
    setSearchParams(next);
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          Audit trail
        </Typography>
        <AuditExport filters={filters} />
        {canVerify && <VerifyChain />}
      </Stack>
      <AuditFilters search={search} onChange={setFilter} />
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

/** The administrator's check of the hash chain: whether any row was altered, removed or reordered. */
function VerifyChain() {
  const verify = useVerifyAudit();
  return (
    <>
      <Button variant="outlined" onClick={() => verify.mutate()} disabled={verify.isPending}>
        Verify the hash chain
      </Button>
      {verify.isError && <ErrorState error={verify.error} title="The check could not run" />}
      {verify.data && (
        <Alert severity={verify.data.ok ? 'success' : 'error'} role="status" sx={{ flexBasis: '100%' }}>
          {verify.data.ok
            ? `The chain is whole: ${verify.data.count ?? 0} rows verified.`
            : `The chain breaks at row ${verify.data.firstBadId ?? '?'} (${verify.data.reason ?? 'altered'}). ${verify.data.message ?? ''}`}
        </Alert>
      )}
    </>
  );
}
