import {
  Alert,
  Button,
  Chip,
  Link,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { RelatedCase } from '@review-desk/contracts';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { CaseStateChip } from '../case-labels';

const matchLabels: Record<RelatedCase['matchedOn'][number], string> = {
  same_subject: 'Same subject',
  id_number: 'ID number',
  name_birth_date: 'Name and birth date',
  tax_id: 'Tax id',
  company_name: 'Company name',
};

/**
 * Related cases listed before "Show all": a subject seen many times would otherwise push a long table (and its
 * rendering time) onto every opening of the case.
 */
export const relatedPreview = 10;

/** Other cases about the same person or company, at either provider, and whether their outcomes disagree. */
export function RelatedCases({ related, conflict }: { related: RelatedCase[]; conflict: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? related : related.slice(0, relatedPreview);
  const hiddenConflicts = related.slice(shown.length).filter((item) => item.conflicting).length;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Related cases">
      <Typography variant="h6" component="h2" gutterBottom>
        Related cases
      </Typography>
      {conflict && (
        <Alert severity="error" sx={{ mb: 1.5 }} role="note">
          Conflicting outcomes: linked cases were both approved and rejected.
        </Alert>
      )}
      {related.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No other case about this subject.
        </Typography>
      ) : (
        <Table size="small" aria-label="Related cases">
          <TableHead>
            <TableRow>
              <TableCell>Case</TableCell>
              <TableCell>Matched on</TableCell>
              <TableCell>Outcome</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((item) => (
              <TableRow key={item.caseId}>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  <Link component={RouterLink} to={paths.case.getHref(item.caseId)}>
                    <bdi dir="auto">{item.displayName ?? 'Name not given'}</bdi>
                  </Link>
                  <Typography variant="caption" component="p" color="text.secondary">
                    {providerLabels[item.provider]}, opened {formatDate(item.createdAt)}
                  </Typography>
                </TableCell>
                <TableCell>{item.matchedOn.map((match) => matchLabels[match]).join(', ')}</TableCell>
                <TableCell>
                  <CaseStateChip state={item.state} resolution={item.resolution} />
                  {item.conflicting && (
                    <Chip size="small" color="error" variant="outlined" label="Conflict" sx={{ ml: 0.5 }} />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {shown.length < related.length && (
        <Button size="small" sx={{ mt: 1 }} onClick={() => setShowAll(true)}>
          Show all {related.length} related cases
          {hiddenConflicts > 0 && ` (${hiddenConflicts} more with conflicting outcomes)`}
        </Button>
      )}
    </Paper>
  );
}
