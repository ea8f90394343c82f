import FitScreenIcon from '@mui/icons-material/FitScreen';
import RotateLeftIcon from '@mui/icons-material/RotateLeft';
import RotateRightIcon from '@mui/icons-material/RotateRight';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import { Stack, Typography } from '@mui/material';
import { ToolButton } from './tool-button';
import type { useZoomPan } from './use-zoom-pan';
import { ZOOM_STEP } from './viewer-keys';
import { scaleLimits } from './zoom-pan';

/** The zoom and rotation buttons, each naming its key; the zoom is given in the image's own pixels. */
export function ZoomControls({ zoom }: { zoom: ReturnType<typeof useZoomPan> }) {
  const { state, geometry, dispatch } = zoom;
  const limits = geometry === null ? null : scaleLimits(geometry);
  const scale = state.view.scale;
  // Float noise from repeated steps must not leave a limit one click away.
  const atMin = limits === null || scale <= limits.min * 1.0001;
  const atMax = limits === null || scale >= limits.max * 0.9999;
  const shown = state.content === 'image' ? 'of the image’s pixels' : 'of the fitted size';
  return (
    <Stack
      direction="row"
      spacing={0.5}
      useFlexGap
      role="toolbar"
      aria-label="Zoom and rotation"
      sx={{ alignItems: 'center', flexWrap: 'wrap' }}
    >
      <ToolButton
        label="Zoom out"
        shortcut="-"
        disabled={atMin}
        onClick={() => dispatch({ type: 'zoom', factor: 1 / ZOOM_STEP })}
      >
        <ZoomOutIcon />
      </ToolButton>
      <Typography variant="body2" sx={{ minWidth: 88, textAlign: 'center' }} title={`Zoom, ${shown}`}>
        {geometry === null ? 'Zoom –' : `Zoom ${Math.round(scale * 100)}%`}
      </Typography>
      <ToolButton
        label="Zoom in"
        shortcut="+"
        disabled={atMax}
        onClick={() => dispatch({ type: 'zoom', factor: ZOOM_STEP })}
      >
        <ZoomInIcon />
      </ToolButton>
      <ToolButton
        label="Fit to width"
        shortcut="0"
        disabled={geometry === null}
        onClick={() => dispatch({ type: 'fit' })}
      >
        <FitScreenIcon />
      </ToolButton>
      <ToolButton
        label="Rotate left"
        shortcut="Shift+R"
        disabled={geometry === null}
        onClick={() => dispatch({ type: 'turn', clockwise: false })}
      >
        <RotateLeftIcon />
      </ToolButton>
      <ToolButton
        label="Rotate right"
        shortcut="R"
        disabled={geometry === null}
        onClick={() => dispatch({ type: 'turn', clockwise: true })}
      >
        <RotateRightIcon />
      </ToolButton>
    </Stack>
  );
}
