import { Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function StatCard({ label, value, note }: { label: string; value: ReactNode; note?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 2, minWidth: 200 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="h4" component="p" sx={{ fontWeight: 700 }}>
        {value}
      </Typography>
      {note && (
        <Typography variant="caption" color="text.secondary">
          {note}
        </Typography>
      )}
    </Paper>
  );
}
