import CloseIcon from '@mui/icons-material/Close';
import CompareIcon from '@mui/icons-material/Compare';
import FullscreenIcon from '@mui/icons-material/Fullscreen';
import FullscreenExitIcon from '@mui/icons-material/FullscreenExit';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import {
  Box,
  Dialog,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
  useMediaQuery,
  useTheme,
} from '@mui/material';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { SideBySide } from './side-by-side';
import { ToolButton } from './tool-button';
import { useZoomPan } from './use-zoom-pan';
import { comparisonPair, type ImageKind, type ViewerImage } from './viewer-images';
import { viewerCommand } from './viewer-keys';
import { ZoomControls } from './zoom-controls';
import { ZoomPanPane } from './zoom-pan-pane';

type ImageViewerDialogProps = {
  /** The case's images, in the order [ and ] step through them. */
  images: ViewerImage[];
  initialKind: ImageKind;
  initialSideBySide?: boolean;
  onClose: () => void;
  /** Called the first time each image is shown after the opening one(s), which the opener reports. */
  onShown?: (kind: ImageKind) => void;
};

const HINT =
  'Wheel or pinch to zoom at the pointer, drag to pan. Keys: + and − zoom, 0 fits the width, arrows pan, ' +
  'r rotates, [ and ] previous and next image, s selfie beside the document photo, Esc closes.';

/**
 * The case's images at full size: zoom around the pointer, pan, rotate, step through them, and compare the
 * selfie with the document photo under one shared view. Opens fitted to the width.
 */
export function ImageViewerDialog({
  images,
  initialKind,
  initialSideBySide = false,
  onClose,
  onShown,
}: ImageViewerDialogProps) {
  const pair = comparisonPair(images);
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      images.findIndex((image) => image.kind === initialKind),
    ),
  );
  const [sideBySide, setSideBySide] = useState(initialSideBySide && pair !== null);
  const [fullScreen, setFullScreen] = useState(false);
  // A phone has no room to spare around the image.
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const [focusStage, setFocusStage] = useState(true);
  const zoom = useZoomPan(sideBySide ? 'pane' : 'image');
  const hintId = useId();
  const titleId = useId();
  const shown = useRef(
    new Set<ImageKind>(sideBySide && pair ? pair.map((image) => image.kind) : [initialKind]),
  );
  const current = images[index];

  const report = (kinds: ImageKind[]) => {
    for (const kind of kinds) {
      if (shown.current.has(kind)) continue;
      shown.current.add(kind);
      onShown?.(kind);
    }
  };
  const canStep = !sideBySide && images.length > 1;
  const step = (by: 1 | -1, fromStage: boolean) => {
    if (!canStep) return;
    const next = (index + by + images.length) % images.length;
    setIndex(next);
    setFocusStage(fromStage);
    zoom.dispatch({ type: 'replaced', content: 'image' });
    const image = images[next];
    if (image) report([image.kind]);
  };
  const toggleSideBySide = (fromStage: boolean) => {
    if (pair === null) return;
    setSideBySide(!sideBySide);
    setFocusStage(fromStage);
    zoom.dispatch({ type: 'replaced', content: sideBySide ? 'image' : 'pane' });
    if (!sideBySide) report(pair.map((image) => image.kind));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const command = viewerCommand(event, zoom.state.viewport);
    if (command === null) return;
    event.preventDefault();
    // A key pressed on the image keeps the keyboard on the image that replaces it.
    const fromStage = event.target instanceof HTMLElement && event.target.dataset.viewerStage !== undefined;
    if (command.type === 'view') zoom.dispatch(command.action);
    else if (command.type === 'side-by-side') toggleSideBySide(fromStage);
    else step(command.type === 'next' ? 1 : -1, fromStage);
  };

  const title = sideBySide ? 'Selfie beside the document photo' : (current?.label ?? 'Image');
  return (
    <Dialog
      open
      onClose={onClose}
      onKeyDown={onKeyDown}
      aria-labelledby={titleId}
      fullScreen={fullScreen || phone}
      maxWidth="lg"
      fullWidth
      slotProps={{ paper: { sx: { height: fullScreen || phone ? '100%' : 'calc(100% - 64px)' } } }}
    >
      <DialogTitle sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, pr: 1, py: 1 }}>
        <Box component="span" id={titleId} sx={{ flexGrow: 1 }}>
          {title}
        </Box>
        <Stack
          direction="row"
          spacing={0.5}
          role="toolbar"
          aria-label="Image controls"
          sx={{ alignItems: 'center' }}
        >
          <ToolButton label="Previous image" shortcut="[" disabled={!canStep} onClick={() => step(-1, false)}>
            <NavigateBeforeIcon />
          </ToolButton>
          <Typography variant="body2" sx={{ minWidth: 48, textAlign: 'center' }}>
            {sideBySide ? '2 images' : `${index + 1} of ${images.length}`}
          </Typography>
          <ToolButton label="Next image" shortcut="]" disabled={!canStep} onClick={() => step(1, false)}>
            <NavigateNextIcon />
          </ToolButton>
          {pair !== null && (
            <ToolButton
              label="Selfie beside the document photo"
              shortcut="S"
              pressed={sideBySide}
              onClick={() => toggleSideBySide(false)}
            >
              <CompareIcon />
            </ToolButton>
          )}
          <ToolButton
            label={fullScreen ? 'Leave full screen' : 'Full screen'}
            onClick={() => setFullScreen((f) => !f)}
          >
            {fullScreen ? <FullscreenExitIcon /> : <FullscreenIcon />}
          </ToolButton>
          <ToolButton label="Close" onClick={onClose}>
            <CloseIcon />
          </ToolButton>
        </Stack>
      </DialogTitle>
      <DialogContent
        sx={{ display: 'flex', flexDirection: 'column', gap: 1, pb: 1, px: { xs: 1, sm: 3 }, minHeight: 0 }}
      >
        <ZoomControls zoom={zoom} />
        <Box sx={{ flex: 1, minHeight: 240 }}>
          {sideBySide && pair !== null ? (
            <SideBySide pair={pair} zoom={zoom} describedBy={hintId} autoFocus={focusStage} />
          ) : (
            current !== undefined && (
              <ZoomPanPane
                key={current.kind}
                image={current}
                state={zoom.state}
                viewportRef={zoom.viewportRef}
                pointerHandlers={zoom.pointerHandlers}
                onLoaded={(natural) => zoom.dispatch({ type: 'loaded', natural })}
                describedBy={hintId}
                autoFocus={focusStage}
              />
            )
          )}
        </Box>
        <Typography id={hintId} variant="caption" color="text.secondary">
          {HINT}
        </Typography>
      </DialogContent>
    </Dialog>
  );
}
