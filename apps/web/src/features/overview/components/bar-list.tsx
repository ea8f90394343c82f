import { Box, Typography } from '@mui/material';

export type Bar = { label: string; value: number };

/** Horizontal bars with their numbers as text, so the chart reads without the graphic too. */
export function BarList({ bars, label }: { bars: Bar[]; label: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  if (bars.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        None.
      </Typography>
    );
  }
  return (
    <Box
      component="dl"
      aria-label={label}
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'minmax(120px, max-content) 1fr 3em',
        gap: 1,
        alignItems: 'center',
      }}
    >
      {bars.map((bar) => (
        <Box key={bar.label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            <bdi dir="auto">{bar.label}</bdi>
          </Typography>
          <Box aria-hidden="true" sx={{ height: 14, bgcolor: 'action.hover', borderRadius: 1 }}>
            <Box
              sx={{
                height: '100%',
                width: `${(bar.value / max) * 100}%`,
                bgcolor: 'primary.main',
                borderRadius: 1,
              }}
            />
          </Box>
          <Typography component="dd" variant="body2" sx={{ m: 0, textAlign: 'right', fontWeight: 600 }}>
            {bar.value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
