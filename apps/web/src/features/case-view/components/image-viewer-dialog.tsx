import CloseIcon from '@mui/icons-material/Close';
import FullscreenIcon from '@mui/icons-material/Fullscreen';
import FullscreenExitIcon from '@mui/icons-material/FullscreenExit';
import RotateLeftIcon from '@mui/icons-material/RotateLeft';
import RotateRightIcon from '@mui/icons-material/RotateRight';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import { Box, Button, Dialog, DialogContent, DialogTitle, IconButton, Stack, Tooltip } from '@mui/material';
import { type ReactNode, useState } from 'react';

const ZOOM_STEP = 0.25;
const MIN_ZOOM = 0.5;
const MAX_ZOOM = 4;

function ToolButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Tooltip title={label}>
      <span>
        <IconButton aria-label={label} onClick={onClick} disabled={disabled}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

type ImageViewerDialogProps = { open: boolean; onClose: () => void; src: string; alt: string; title: string };

/** A document image at full size with zoom, rotation and full-screen, to read small print and check a photo. */
export function ImageViewerDialog({ open, onClose, src, alt, title }: ImageViewerDialogProps) {
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [fullScreen, setFullScreen] = useState(false);

  return (
    <Dialog open={open} onClose={onClose} fullScreen={fullScreen} maxWidth="lg" fullWidth>
      <DialogTitle sx={{ display: 'flex', alignItems: 'center', gap: 1, pr: 1 }}>
        <Box component="span" sx={{ flexGrow: 1 }}>
          {title}
        </Box>
        <Stack direction="row" spacing={0.5} role="toolbar" aria-label="Image controls">
          <ToolButton
            label="Zoom out"
            onClick={() => setZoom((z) => Math.max(MIN_ZOOM, z - ZOOM_STEP))}
            disabled={zoom <= MIN_ZOOM}
          >
            <ZoomOutIcon />
          </ToolButton>
          <ToolButton
            label="Zoom in"
            onClick={() => setZoom((z) => Math.min(MAX_ZOOM, z + ZOOM_STEP))}
            disabled={zoom >= MAX_ZOOM}
          >
            <ZoomInIcon />
          </ToolButton>
          <ToolButton label="Rotate left" onClick={() => setRotation((r) => (r + 270) % 360)}>
            <RotateLeftIcon />
          </ToolButton>
          <ToolButton label="Rotate right" onClick={() => setRotation((r) => (r + 90) % 360)}>
            <RotateRightIcon />
          </ToolButton>
          <Button
            size="small"
            onClick={() => {
              setZoom(1);
              setRotation(0);
            }}
          >
            Reset
          </Button>
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
      <DialogContent sx={{ display: 'grid', placeItems: 'center', overflow: 'auto', minHeight: 400 }}>
        <Box
          component="img"
          src={src}
          alt={alt}
          sx={{ maxWidth: '100%', transformOrigin: 'center', transition: 'transform 120ms ease-out' }}
          style={{ transform: `scale(${zoom}) rotate(${rotation}deg)` }}
        />
      </DialogContent>
    </Dialog>
  );
}
