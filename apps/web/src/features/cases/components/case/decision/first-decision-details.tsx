import { Box, Typography } from '@mui/material';
import { amlListTypeLabels, type CaseDetail, type Decision } from '@review-desk/contracts';
import { DispositionBadge } from '@/components/disposition-badge';
import { warningLabel } from './warning-labels';

/** The warnings and evidence gaps the first reviewer acknowledged, in plain words. */
export function FirstAcknowledgements({ first, detail }: { first: Decision; detail: CaseDetail }) {
  const labels = [
    ...first.acknowledgedGaps.map((ref) => detail.approval.gaps.find((gap) => gap.ref === ref)?.label ?? ref),
    ...first.acknowledgedWarnings.map((ref) => {
      const warning = detail.approval.warnings.find((item) => item.ref === ref);
      return warning ? warningLabel(warning) : ref;
    }),
  ];
  if (labels.length === 0) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="caption" id={`acknowledged-${first.id}`}>
        Acknowledged
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }} aria-labelledby={`acknowledged-${first.id}`}>
        {labels.map((label) => (
          <li key={label}>
            <Typography variant="body2">
              <bdi dir="auto">{label}</bdi>
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

/** Each AML hit's disposition at the time of the first decision, with its author and rationale. */
export function FirstDispositions({ first }: { first: Decision }) {
  if (first.dispositions.length === 0) return null;
  return (
    <Box
      component="ul"
      sx={{ m: 0, mt: 1, pl: 0, listStyle: 'none' }}
      aria-label="Dispositions of the decision"
    >
      {first.dispositions.map((item) => (
        <Box component="li" key={item.hitRef} sx={{ mb: 0.5 }}>
          <Typography variant="body2" component="span">
            <bdi dir="auto">{item.hitName ?? item.hitRef}</bdi>
            {item.listTypes?.length
              ? ` (${item.listTypes.map((type) => amlListTypeLabels[type]).join(', ')})`
              : ''}{' '}
          </Typography>
          <DispositionBadge disposition={item.disposition} />
          {item.decidedBy && (
            <Typography variant="caption" sx={{ display: 'block' }}>
              by {item.decidedBy.displayName}
              {item.comment ? ': ' : ''}
              {item.comment && <bdi dir="auto">{item.comment}</bdi>}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
