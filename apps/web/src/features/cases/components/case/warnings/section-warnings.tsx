import { Alert, Checkbox, FormControlLabel, Link, Stack, Typography } from '@mui/material';
import type { CaseDetail } from '@review-desk/contracts';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { warningLabel } from '../decision/warning-labels';
import { DirectoryRecord } from './directory-record';
import type { Acknowledgements } from './use-acknowledgements';

/** The view section each warning or evidence gap is shown beside. */
export const hostSection: Record<string, string> = {
  subject: 'header',
  faceMatch: 'faceMatch',
  liveness: 'liveness',
  idInfo: 'idInfo',
  media: 'idInfo',
  fraud: 'fraud',
  relatedSessions: 'fraud',
  aml: 'aml',
};

type Props = { host: string; detail: CaseDetail; acknowledgements: Acknowledgements; disabled: boolean };

/** What approval asks the reviewer to acknowledge about one section, next to that section's evidence. */
export function SectionWarnings({ host, detail, acknowledgements, disabled }: Props) {
  const { approval } = detail;
  const items = [
    ...approval.gaps.map((gap) => ({ ref: gap.ref, section: gap.section, label: gap.label, code: gap.code })),
    ...approval.warnings.map((item) => ({ ...item, label: warningLabel(item) })),
  ].filter((item) => hostSection[item.section] === host);
  // The record stays on screen once opened, although the gap it covers is then gone.
  const directory =
    host === 'header' &&
    (items.some((item) => item.code === 'identity_missing') ||
      detail.evidenceViewed.some((item) => item.kind === 'directory_record'));
  if (items.length === 0 && !directory) return null;
  return (
    <Stack spacing={1} aria-label="Warnings to acknowledge" component="section">
      {directory && <DirectoryRecord caseId={detail.case.id} disabled={disabled} />}
      {items.map((item) => (
        <Alert key={item.ref} severity="warning" variant="outlined">
          <FormControlLabel
            disabled={disabled}
            control={
              <Checkbox
                checked={acknowledgements.has(item.ref)}
                onChange={(event) => acknowledgements.toggle(item.ref, event.target.checked)}
              />
            }
            label={<bdi dir="auto">{item.label}</bdi>}
          />
          {item.code && (
            <Typography variant="caption" color="text.secondary" component="p">
              {item.code}
            </Typography>
          )}
          {item.section === 'relatedSessions' && <RelatedLinks detail={detail} />}
        </Alert>
      ))}
    </Stack>
  );
}

function RelatedLinks({ detail }: { detail: CaseDetail }) {
  if (detail.related.length === 0) {
    return <Typography variant="body2">The desk knows no other case of this person.</Typography>;
  }
  return (
    <Typography variant="body2" component="div">
      Related cases:{' '}
      {detail.related.map((related, index) => (
        <span key={related.caseId}>
          {index > 0 && ', '}
          <Link component={RouterLink} to={paths.case.getHref(related.caseId)}>
            <bdi dir="auto">{related.displayName ?? related.caseId}</bdi>
          </Link>
        </span>
      ))}
    </Typography>
  );
}
