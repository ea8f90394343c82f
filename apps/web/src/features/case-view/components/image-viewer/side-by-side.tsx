import { Box, Typography } from '@mui/material';
import type { useZoomPan } from './use-zoom-pan';
import type { ViewerImage } from './viewer-images';
import { ZoomPanPane } from './zoom-pan-pane';

type SideBySideProps = {
  pair: [ViewerImage, ViewerImage];
  zoom: ReturnType<typeof useZoomPan>;
  describedBy: string;
  autoFocus: boolean;
};

/**
 * The selfie beside the document photo, under one view: each image fills its pane, so zooming or panning
 * either shows the same part of both (the eyes of one beside the eyes of the other).
 */
export function SideBySide({ pair, zoom, describedBy, autoFocus }: SideBySideProps) {
  return (
    <Box
      role="group"
      aria-label="Selfie beside the document photo"
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
        gridTemplateRows: { xs: '1fr 1fr', sm: '1fr' },
        gap: 1,
        height: '100%',
        minHeight: 0,
      }}
    >
      {pair.map((image, index) => (
        <Box
          key={image.kind}
          component="figure"
          sx={{ m: 0, display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 }}
        >
          <Typography component="figcaption" variant="caption" color="text.secondary">
            {image.label}
          </Typography>
          <Box sx={{ flex: 1, minHeight: 0 }}>
            <ZoomPanPane
              image={image}
              state={zoom.state}
              viewportRef={zoom.viewportRef}
              pointerHandlers={zoom.pointerHandlers}
              describedBy={describedBy}
              autoFocus={autoFocus && index === 0}
            />
          </Box>
        </Box>
      ))}
    </Box>
  );
}
