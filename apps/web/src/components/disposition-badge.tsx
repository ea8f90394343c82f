import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HelpIcon from '@mui/icons-material/Help';
import ReportIcon from '@mui/icons-material/Report';
import { Chip } from '@mui/material';
import type { AmlDisposition } from '@review-desk/contracts';
import type { ReactElement } from 'react';

export const dispositionLabels: Record<AmlDisposition, string> = {
  true_match: 'True match',
  false_positive: 'False positive',
  needs_information: 'Needs information',
};

/** The palette colour of each disposition (the theme keeps each one's text at 4.5:1, tested). */
export const dispositionColors = {
  true_match: 'error',
  false_positive: 'success',
  needs_information: 'warning',
} as const satisfies Record<AmlDisposition, 'error' | 'success' | 'warning'>;

const icons: Record<AmlDisposition, ReactElement> = {
  true_match: <ReportIcon />,
  false_positive: <CheckCircleIcon />,
  needs_information: <HelpIcon />,
};

/** A disposition that cannot be mistaken: its colour, its icon and its words (filled, for contrast in both themes). */
export function DispositionBadge({ disposition }: { disposition: AmlDisposition }) {
  return (
    <Chip
      size="small"
      variant="filled"
      color={dispositionColors[disposition]}
      icon={icons[disposition]}
      label={dispositionLabels[disposition]}
      aria-label={`Disposition: ${dispositionLabels[disposition]}`}
    />
  );
}
