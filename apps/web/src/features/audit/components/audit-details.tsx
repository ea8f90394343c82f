import { Box, Typography } from '@mui/material';
import { detailPairs } from '../utils/audit-labels';

/** A row's details as a short list of labels and values (text only: values can come from anyone). */
export function AuditDetails({ details }: { details: unknown }) {
  const pairs = detailPairs(details);
  if (pairs.length === 0) return null;
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1 }}>
      {pairs.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="caption" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" variant="caption" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            <bdi dir="auto">{value}</bdi>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
