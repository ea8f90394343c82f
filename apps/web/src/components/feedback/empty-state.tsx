import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** Said plainly when a list has nothing in it, so an empty page never looks like a broken one. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box sx={{ py: 6, px: 2, textAlign: 'center', color: 'text.secondary' }}>
      <Typography variant="h6" component="p">
        {title}
      </Typography>
      {children && <Box sx={{ mt: 1 }}>{children}</Box>}
    </Box>
  );
}
