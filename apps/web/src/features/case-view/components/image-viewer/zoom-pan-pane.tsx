import { Alert, Box, Button, Typography } from '@mui/material';
import { type RefCallback, useEffect, useRef, useState } from 'react';
import type { useZoomPan } from './use-zoom-pan';
import type { ViewerImage } from './viewer-images';
import { imageSizeInBox, rotatedSize, type Size } from './zoom-pan';
import type { ZoomPanState } from './zoom-pan-state';

/** Past this many screen pixels per image pixel, pixels are drawn as squares, which reads small print best. */
const PIXELATED_FROM = 3;

type ZoomPanPaneProps = {
  image: ViewerImage;
  state: ZoomPanState;
  viewportRef: RefCallback<HTMLElement>;
  pointerHandlers: ReturnType<typeof useZoomPan>['pointerHandlers'];
  /** The image's own size once it has loaded; the view of a single image is fitted to it. */
  onLoaded?: (natural: Size) => void;
  /** The id of the shortcut hint. */
  describedBy: string;
  autoFocus?: boolean;
};

/**
 * One image in a viewport that the wheel, a pinch, a drag and the keys (taken by the dialog) zoom and pan.
 * The viewport takes the focus, so the keys work as soon as the viewer opens.
 */
export function ZoomPanPane({
  image,
  state,
  viewportRef,
  pointerHandlers,
  onLoaded,
  describedBy,
  autoFocus = false,
}: ZoomPanPaneProps) {
  const [natural, setNatural] = useState<Size | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const viewport = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (autoFocus) viewport.current?.focus();
  }, [autoFocus]);

  const box =
    natural === null
      ? null
      : state.content === 'image'
        ? rotatedSize(natural, state.rotation)
        : state.viewport;
  const drawn = box === null || natural === null ? null : imageSizeInBox(box, natural, state.rotation);
  const { scale, x, y } = state.view;
  const pixelated =
    drawn !== null && natural !== null && (scale * drawn.width) / natural.width >= PIXELATED_FROM;

  return (
    <Box
      ref={(element: HTMLElement | null) => {
        viewport.current = element;
        return viewportRef(element);
      }}
      {...pointerHandlers}
      role="group"
      data-viewer-stage=""
      aria-label={`${image.label}: zoom and pan`}
      aria-describedby={describedBy}
      tabIndex={0}
      sx={{
        position: 'relative',
        overflow: 'hidden',
        height: '100%',
        minHeight: 0,
        touchAction: 'none',
        userSelect: 'none',
        cursor: 'grab',
        '&:active': { cursor: 'grabbing' },
        bgcolor: 'action.hover',
        borderRadius: 1,
        // Outside the pane: the zoomed image, painted in its own layer, would cover an outline drawn inside.
        '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: '2px' },
      }}
    >
      {drawn === null && !failed && <PaneStatus text={`Loading ${image.label.toLowerCase()}…`} />}
      {failed ? (
        <Alert
          severity="error"
          sx={{ position: 'absolute', inset: 16, height: 'fit-content' }}
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                setFailed(false);
                setAttempt((count) => count + 1);
              }}
            >
              Try again
            </Button>
          }
        >
          {image.label} could not be loaded. It may have been removed at the provider, or the connection
          failed.
        </Alert>
      ) : (
        <Box
          data-testid="zoom-pan-content"
          style={{
            position: 'absolute',
            left: 0,
            top: 0,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            transformOrigin: '0 0',
            transform: `translate(${x}px, ${y}px) scale(${scale})`,
            visibility: drawn === null ? 'hidden' : 'visible',
          }}
        >
          <img
            key={attempt}
            src={image.src}
            alt={image.label}
            draggable={false}
            onLoad={(event) => {
              const { naturalWidth: width, naturalHeight: height } = event.currentTarget;
              if (width === 0 || height === 0) {
                setFailed(true);
                return;
              }
              setNatural({ width, height });
              onLoaded?.({ width, height });
            }}
            onError={() => setFailed(true)}
            style={{
              position: 'absolute',
              left: 0,
              top: 0,
              width: drawn?.width,
              height: drawn?.height,
              maxWidth: 'none',
              pointerEvents: 'none',
              imageRendering: pixelated ? 'pixelated' : 'auto',
              transformOrigin: '0 0',
              transform: placement(box, drawn, state.rotation),
            }}
          />
        </Box>
      )}
    </Box>
  );
}

/**
 * Centres the image in its box and turns it about its centre, all in the transform: centring by layout
 * (left: 50%) puts a half pixel where the browser snaps to whole ones, which a tiny image magnified 400 times
 * shows as a jump of 200 screen pixels.
 */
function placement(box: Size | null, drawn: Size | null, rotation: number): string | undefined {
  if (box === null || drawn === null) return undefined;
  return `translate(${box.width / 2}px, ${box.height / 2}px) rotate(${rotation}deg) translate(${-drawn.width / 2}px, ${-drawn.height / 2}px)`;
}

function PaneStatus({ text }: { text: string }) {
  return (
    <Typography role="status" variant="body2" color="text.secondary" sx={{ position: 'absolute', inset: 16 }}>
      {text}
    </Typography>
  );
}
