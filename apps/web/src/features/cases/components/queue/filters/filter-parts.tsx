import { Box, Typography } from '@mui/material';
import type { CaseFacets, FacetCount } from '@review-desk/contracts';
import type { ReactNode } from 'react';
import type { QueueSearch } from '../../../utils/queue-search';

/** What every filter control is given: the search, its facet counts, and a way to change part of it. */
export type FilterProps = {
  search: QueueSearch;
  facets: CaseFacets | null;
  set: (patch: Partial<QueueSearch>) => void;
};

/** The facet count of a value; a value the facets leave out has no matching case. */
export const countOf = (facets: FacetCount[] | undefined, value: string) =>
  facets === undefined ? undefined : (facets.find((facet) => facet.value === value)?.count ?? 0);

export const withCount = (label: string, count: number | undefined) =>
  count === undefined ? label : `${label} (${count})`;

export const toggleSx = { textTransform: 'none', py: 0.25 } as const;

/** A caption above a group of toggles (the group itself carries the same name for assistive technology). */
export function FilterGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" component="p" color="text.secondary" sx={{ mb: 0.5 }}>
        {label}
      </Typography>
      {children}
    </Box>
  );
}
