import { Box, LinearProgress, Skeleton, Stack } from '@mui/material';

/** While a whole page loads: the rough shape of a heading and a few blocks. */
export function PageSkeleton({ label = 'Loading' }: { label?: string }) {
  return (
    <Stack spacing={2} sx={{ p: 3 }} aria-busy="true" aria-label={label} role="status">
      <Skeleton variant="text" width="40%" height={40} />
      <Skeleton variant="rounded" height={96} />
      <Skeleton variant="rounded" height={160} />
      <Skeleton variant="rounded" height={160} />
    </Stack>
  );
}

/** While table rows load. */
export function TableSkeleton({ rows = 8, label = 'Loading rows' }: { rows?: number; label?: string }) {
  return (
    <Stack spacing={1} aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} variant="rectangular" height={36} />
      ))}
    </Stack>
  );
}

/** Before the first page is drawn (lazy code still loading). */
export function FullPageProgress() {
  return (
    <Box sx={{ position: 'fixed', inset: '0 0 auto 0' }}>
      <LinearProgress aria-label="Loading Review Desk" />
    </Box>
  );
}
