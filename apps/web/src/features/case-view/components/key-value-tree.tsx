import { Box, Typography } from '@mui/material';
import { UpstreamText } from './upstream-text';

const MAX_DEPTH = 8;

/**
 * Arbitrary provider JSON as nested key/value text: objects as description lists, arrays as numbered lists.
 * Every value is rendered as text, so nothing the provider sends can become markup.
 */
export function KeyValueTree({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (value === null || value === undefined) {
    return (
      <Typography component="span" variant="body2" color="text.secondary">
        null
      </Typography>
    );
  }
  if (typeof value !== 'object') return <UpstreamText>{String(value)}</UpstreamText>;
  if (depth >= MAX_DEPTH) return <UpstreamText>{JSON.stringify(value)}</UpstreamText>;
  if (Array.isArray(value)) {
    if (value.length === 0)
      return (
        <Typography component="span" variant="body2">
          (empty list)
        </Typography>
      );
    return (
      <Box component="ol" sx={{ m: 0, pl: 3 }}>
        {value.map((item, index) => (
          <li key={index}>
            <KeyValueTree value={item} depth={depth + 1} />
          </li>
        ))}
      </Box>
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0)
    return (
      <Typography component="span" variant="body2">
        (empty)
      </Typography>
    );
  return (
    <Box
      component="dl"
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 1.5,
        rowGap: 0.5,
      }}
    >
      {entries.map(([key, item]) => (
        <Box key={key} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
            <UpstreamText>{key}</UpstreamText>
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            <KeyValueTree value={item} depth={depth + 1} />
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
