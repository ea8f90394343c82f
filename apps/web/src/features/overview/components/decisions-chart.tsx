import { Box, Stack, Typography, useTheme } from '@mui/material';
import type { DayCount } from '../utils/overview-stats';

const HEIGHT = 140;
const BAR_WIDTH = 18;
const GAP = 8;

/** Approvals and rejections per day as stacked columns (plain SVG), with a text summary for screen readers. */
export function DecisionsChart({ days }: { days: DayCount[] }) {
  const theme = useTheme();
  const max = Math.max(1, ...days.map((day) => day.approved + day.rejected));
  const width = days.length * (BAR_WIDTH + GAP);
  const total = days.reduce((sum, day) => sum + day.approved + day.rejected, 0);
  return (
    <Stack spacing={1}>
      <Box sx={{ overflowX: 'auto' }}>
        <svg
          width={width}
          height={HEIGHT + 20}
          role="img"
          aria-label={`${total} decisions over ${days.length} days`}
        >
          {days.map((day, index) => {
            const x = index * (BAR_WIDTH + GAP);
            const approvedHeight = (day.approved / max) * HEIGHT;
            const rejectedHeight = (day.rejected / max) * HEIGHT;
            return (
              <g key={day.day}>
                <title>{`${day.day}: ${day.approved} approved, ${day.rejected} rejected`}</title>
                <rect
                  x={x}
                  y={HEIGHT - approvedHeight}
                  width={BAR_WIDTH}
                  height={approvedHeight}
                  fill={theme.palette.success.main}
                />
                <rect
                  x={x}
                  y={HEIGHT - approvedHeight - rejectedHeight}
                  width={BAR_WIDTH}
                  height={rejectedHeight}
                  fill={theme.palette.error.main}
                />
                <text
                  x={x + BAR_WIDTH / 2}
                  y={HEIGHT + 14}
                  fontSize={9}
                  textAnchor="middle"
                  fill={theme.palette.text.secondary}
                >
                  {day.day.slice(8)}
                </text>
              </g>
            );
          })}
        </svg>
      </Box>
      <Stack direction="row" spacing={2}>
        <Typography variant="caption" sx={{ color: 'success.main' }}>
          ■ Approved
        </Typography>
        <Typography variant="caption" sx={{ color: 'error.main' }}>
          ■ Rejected
        </Typography>
      </Stack>
    </Stack>
  );
}
