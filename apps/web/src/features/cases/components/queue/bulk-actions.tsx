import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import type { BulkAction, BulkResponse, CaseSummary } from '@review-desk/contracts';
import { ErrorState } from '@/components/errors/error-state';
import { useBulkUpdateCases } from '../../api/bulk-update-cases';

type BulkActionsProps = {
  selected: CaseSummary[];
  userId: string;
  /** Only a reviewer can hold cases: an administrator is offered release and escalate, not "Assign to me". */
  canAssignToSelf: boolean;
  onDone: () => void;
};

function summarise(response: BulkResponse): { ok: number; failures: string[] } {
  const failures = response.results
    .filter((result) => !result.ok)
    .map((result) => `${result.id}: ${result.error?.message ?? 'failed'}`);
  return { ok: response.results.length - failures.length, failures };
}

/** Senior and admin actions on the selected cases; each case succeeds or fails on its own. */
export function BulkActions({ selected, userId, canAssignToSelf, onDone }: BulkActionsProps) {
  const bulk = useBulkUpdateCases();
  const run = (action: BulkAction) =>
    bulk.mutate(
      {
        action,
        cases: selected.map((item) => ({ id: item.id, version: item.version })),
        ...(action === 'assign' ? { assigneeId: userId } : {}),
      },
      { onSuccess: onDone },
    );
  const result = bulk.data ? summarise(bulk.data) : null;

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="section" aria-label="Bulk actions">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {selected.length} selected
        </Typography>
        {canAssignToSelf && (
          <Button
            size="small"
            variant="outlined"
            disabled={selected.length === 0 || bulk.isPending}
            onClick={() => run('assign')}
          >
            Assign to me
          </Button>
        )}
        <Button
          size="small"
          variant="outlined"
          disabled={selected.length === 0 || bulk.isPending}
          onClick={() => run('release')}
        >
          Release
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={selected.length === 0 || bulk.isPending}
          onClick={() => run('escalate')}
        >
          Escalate
        </Button>
      </Stack>
      {bulk.isError && <ErrorState error={bulk.error} title="The bulk action failed" />}
      {result && (
        <Alert severity={result.failures.length === 0 ? 'success' : 'warning'} sx={{ mt: 1 }} role="status">
          {result.ok} updated{result.failures.length > 0 ? `, ${result.failures.length} failed` : ''}.
          {result.failures.map((failure) => (
            <Typography key={failure} variant="caption" component="p">
              {failure}
            </Typography>
          ))}
        </Alert>
      )}
    </Paper>
  );
}
