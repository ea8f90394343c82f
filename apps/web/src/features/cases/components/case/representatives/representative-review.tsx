import { Alert, Box, CircularProgress, Stack, Typography } from '@mui/material';
import type { RepresentativeReview as Review } from '@review-desk/contracts';
import { useEffect, useRef } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { formatDateTime } from '@/lib/format';
import { useOpenRepresentative } from '../../../api/open-representative';
import { RepresentativeDocuments } from './representative-documents';
import { RepresentativeRelatedCases } from './representative-related-cases';

/**
 * What the desk knows about one entity of a connectFi journey, fetched when the reviewer opens it. The BFF
 * records the review when it serves this view, so approval counts what was shown, not a click.
 */
export function RepresentativeReview({ caseId, entityId }: { caseId: string; entityId: string }) {
  const open = useOpenRepresentative();
  const requested = useRef(false);
  const { mutate } = open;
  useEffect(() => {
    // Once per opening of the panel (React's development double effects included).
    if (requested.current) return;
    requested.current = true;
    mutate({ caseId, entityId });
  }, [caseId, entityId, mutate]);

  if (open.isError) {
    return (
      <ErrorState
        error={open.error}
        title="This representative could not be opened"
        onRetry={() => mutate({ caseId, entityId })}
      />
    );
  }
  if (!open.data) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
        <CircularProgress size={16} aria-hidden />
        <Typography variant="body2">Loading what the desk knows about this entity…</Typography>
      </Stack>
    );
  }
  return <ReviewContent review={open.data} />;
}

const sourceLabels = {
  directory: "The organisation's directory",
  none: "Not in the organisation's directory (connectFi's status names nobody)",
} as const;

function Facts({ rows, label }: { rows: [string, string | null][]; label: string }) {
  return (
    <Box
      component="dl"
      aria-label={label}
      sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
    >
      {rows.map(([name, value]) => (
        <Box key={name} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {name}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            <bdi dir="auto">{value ?? 'Not known'}</bdi>
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

function ReviewContent({ review }: { review: Review }) {
  const { identity, application } = review;
  return (
    <Stack spacing={2} component="section" aria-label={`Review of ${review.entityId}`}>
      <Box>
        <Typography variant="subtitle2" component="h4">
          Who it is
        </Typography>
        <Facts
          label="Identity"
          rows={[
            ['Name', identity.name],
            ['Birth date', identity.birthDate],
            ['ID number', identity.idNumber],
            [
              'Source',
              identity.updatedAt
                ? `${sourceLabels[identity.source]}, updated ${formatDateTime(identity.updatedAt)}`
                : sourceLabels[identity.source],
            ],
          ]}
        />
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h4">
          Its application at connectFi
        </Typography>
        {application.unavailable && (
          <Alert severity="warning" sx={{ my: 1 }}>
            connectFi could not be read ({application.unavailable.message}); shown as the case last saw it.
          </Alert>
        )}
        <Facts
          label="Entity application"
          rows={[
            ['Status', application.status],
            ['Outcome', application.outcome ?? 'No outcome yet'],
            ['Read', application.source === 'connectfi' ? 'From connectFi, now' : 'As the case stored it'],
          ]}
        />
      </Box>
      <RepresentativeDocuments documents={review.documents} />
      <RepresentativeRelatedCases related={review.relatedCases} />
      <Typography variant="caption" color="text.secondary">
        Opened: your approval counts this representative as reviewed.
      </Typography>
    </Stack>
  );
}
