import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** A section of the page after the verification's: an anchor for the rail and a stop for j / k. */
export function PageSection({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Box id={id} tabIndex={-1} data-review-stop="section" sx={{ scrollMarginTop: 8, outlineOffset: 2 }}>
      {children}
    </Box>
  );
}
