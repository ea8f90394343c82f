import { Box, Button, Typography } from '@mui/material';
import { ErrorState } from '@/components/errors/error-state';
import { useOpenDirectoryRecord } from '../../../api/open-directory-record';

/**
 * The organisation's own record of the customer, for a verification that names nobody. Opening it is recorded
 * and stands in for the missing name, birth date and document in this reviewer's approval.
 */
export function DirectoryRecord({ caseId, disabled }: { caseId: string; disabled: boolean }) {
  const open = useOpenDirectoryRecord(caseId);
  const record = open.data?.record;
  if (record) {
    return (
      <Box
        component="dl"
        aria-label="Directory record"
        sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1 }}
      >
        {(
          [
            ['Name', record.displayName],
            ['Birth date', record.birthDate],
            ['Document', record.idNumber],
          ] as const
        ).map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              <bdi dir="auto">{value ?? 'Not in the directory'}</bdi>
            </Typography>
          </Box>
        ))}
      </Box>
    );
  }
  return (
    <Box>
      <Button
        size="small"
        variant="outlined"
        disabled={disabled || open.isPending}
        onClick={() => open.mutate()}
      >
        Open the directory record
      </Button>
      {open.isError && <ErrorState error={open.error} title="The directory record could not be opened" />}
    </Box>
  );
}
