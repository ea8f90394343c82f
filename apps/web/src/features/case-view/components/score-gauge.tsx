import { Box, Typography, useTheme } from '@mui/material';

export type ScoreBand = { from: number; label: string; tone: 'error' | 'warning' | 'success' };

/** Face match bands: below 0.6 a likely mismatch, 0.6 to 0.8 for a closer look, 0.8 and up a match. */
export const faceMatchBands: ScoreBand[] = [
  { from: 0, label: 'Low', tone: 'error' },
  { from: 0.6, label: 'Borderline', tone: 'warning' },
  { from: 0.8, label: 'High', tone: 'success' },
];

export const bandOf = (score: number, bands: ScoreBand[]): ScoreBand => {
  let current = bands[0] as ScoreBand;
  for (const band of bands) if (score >= band.from) current = band;
  return current;
};

const RADIUS = 40;
const CENTER = { x: 50, y: 50 };

/** The point on the gauge's half circle for a value in 0..1 (0 on the left, 1 on the right). */
function pointAt(value: number) {
  const angle = Math.PI * (1 - value);
  return { x: CENTER.x + RADIUS * Math.cos(angle), y: CENTER.y - RADIUS * Math.sin(angle) };
}

function arc(from: number, to: number) {
  const start = pointAt(from);
  const end = pointAt(to);
  return `M ${start.x} ${start.y} A ${RADIUS} ${RADIUS} 0 0 1 ${end.x} ${end.y}`;
}

/** A 0..1 score on a half-circle gauge with its threshold bands; the number and band are also given as text. */
export function ScoreGauge({ score, label, bands }: { score: number; label: string; bands: ScoreBand[] }) {
  const theme = useTheme();
  const clamped = Math.min(1, Math.max(0, score));
  const band = bandOf(clamped, bands);
  const needle = pointAt(clamped);
  return (
    <Box
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={clamped}
      aria-valuetext={`${score.toFixed(2)} (${band.label})`}
      sx={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'center', width: 180 }}
    >
      <svg viewBox="0 0 100 58" width="180" height="104" aria-hidden="true" focusable="false">
        {bands.map((item, index) => (
          <path
            key={item.label}
            d={arc(item.from, bands[index + 1]?.from ?? 1)}
            stroke={theme.palette[item.tone].main}
            strokeWidth={10}
            fill="none"
          />
        ))}
        <line
          x1={CENTER.x}
          y1={CENTER.y}
          x2={needle.x}
          y2={needle.y}
          stroke={theme.palette.text.primary}
          strokeWidth={2.5}
          strokeLinecap="round"
        />
        <circle cx={CENTER.x} cy={CENTER.y} r={3.5} fill={theme.palette.text.primary} />
      </svg>
      <Typography variant="h5" component="p" sx={{ fontWeight: 700 }}>
        {score.toFixed(2)}
      </Typography>
      <Typography variant="body2" sx={{ color: `${band.tone}.main`, fontWeight: 600 }}>
        {band.label}
      </Typography>
    </Box>
  );
}
