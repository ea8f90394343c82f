import { Box, Link, List, ListItem, Typography } from '@mui/material';
import type { RepresentativeRelatedCase } from '@review-desk/contracts';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { CaseStateChip } from '../../case-labels';

const matchLabels: Record<RepresentativeRelatedCase['matchedOn'][number], string> = {
  id_number: 'same ID number',
  name_birth_date: 'same name and birth date',
  tax_id: 'same tax id',
  company_name: 'same company name',
  represents: 'represents that business too',
};

/** The desk's other cases about the same person: as a customer, or as another business's representative. */
export function RepresentativeRelatedCases({ related }: { related: RepresentativeRelatedCase[] }) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h4">
        Related cases
      </Typography>
      {related.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No other case about this person.
        </Typography>
      ) : (
        <List dense aria-label="Related cases of this entity" disablePadding>
          {related.map((item) => (
            <ListItem key={item.caseId} disableGutters sx={{ gap: 1, flexWrap: 'wrap' }}>
              <Link component={RouterLink} to={paths.case.getHref(item.caseId)}>
                <bdi dir="auto">{item.displayName ?? 'Name not given'}</bdi>
              </Link>
              <Typography variant="body2" color="text.secondary" component="span">
                {providerLabels[item.provider]}, opened {formatDate(item.createdAt)};{' '}
                {item.matchedOn.map((match) => matchLabels[match]).join(', ')}
              </Typography>
              <CaseStateChip state={item.state} resolution={item.resolution} />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
