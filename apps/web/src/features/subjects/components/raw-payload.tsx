import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Box, Typography } from '@mui/material';
import type { Provider } from '@review-desk/contracts';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { formatDateTime } from '@/lib/format';
import { useRawSubject } from '../api/get-raw-subject';

/**
 * The provider's payload as received, for seniors and admins checking what normalisation did. It is only
 * fetched when opened, because each read is audited.
 */
export function RawPayload({ provider, id, caseId }: { provider: Provider; id: string; caseId?: string }) {
  const [open, setOpen] = useState(false);
  const raw = useRawSubject(provider, id, { enabled: open, caseId });
  return (
    <Accordion
      expanded={open}
      onChange={(_event, expanded) => setOpen(expanded)}
      variant="outlined"
      disableGutters
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle1" component="h2">
          Raw provider payload
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        {!open ? null : raw.isPending ? (
          <TableSkeleton rows={3} label="Loading the raw payload" />
        ) : raw.isError ? (
          <ErrorState
            error={raw.error}
            title="The raw payload could not be loaded"
            onRetry={() => raw.refetch()}
          />
        ) : (
          <>
            <Typography variant="caption" color="text.secondary">
              Fetched {formatDateTime(raw.data.fetchedAt)}. Opening it is recorded in the audit trail.
            </Typography>
            <Box
              component="pre"
              sx={{
                m: 0,
                mt: 1,
                p: 1.5,
                maxHeight: 480,
                overflow: 'auto',
                bgcolor: 'action.hover',
                fontSize: 12,
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
              }}
            >
              {JSON.stringify(raw.data.raw, null, 2)}
            </Box>
          </>
        )}
      </AccordionDetails>
    </Accordion>
  );
}
