import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import HelpIcon from '@mui/icons-material/Help';
import ReportIcon from '@mui/icons-material/Report';
import { Chip } from '@mui/material';
import type { AmlDisposition } from '@review-desk/contracts';

export const dispositionLabels: Record<AmlDisposition, string> = {
  true_match: 'True match',
  false_positive: 'False positive',
  needs_information: 'Needs information',
};

const looks = {
  true_match: { color: 'error', icon: <ReportIcon /> },
  false_positive: { color: 'success', icon: <CheckCircleIcon /> },
  needs_information: { color: 'warning', icon: <HelpIcon /> },
} as const;

/** A disposition that cannot be mistaken: its colour, its icon and its words (filled, for contrast in both themes). */
export function DispositionBadge({ disposition }: { disposition: AmlDisposition }) {
  const look = looks[disposition];
  return (
    <Chip
      size="small"
      variant="filled"
      color={look.color}
      icon={look.icon}
      label={dispositionLabels[disposition]}
      aria-label={`Disposition: ${dispositionLabels[disposition]}`}
    />
  );
}
