import CompareIcon from '@mui/icons-material/Compare';
import { Box, Button, Typography } from '@mui/material';
import type { MediaSection } from '@review-desk/contracts';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isMediaAvailable, type MediaSource, mediaUrl } from '../api/media-url';
import { createSelfieVideo, preloadedImage, takePreloadedVideo } from '../api/preload-media';
import { ImageViewerDialog } from './image-viewer/image-viewer-dialog';
import { comparisonPair, type ImageKind, mediaLabels, viewerImages } from './image-viewer/viewer-images';

/** Called when a reviewer opens a piece of evidence, so the case records what was looked at. */
export type OnEvidenceViewed = (kind: 'media' | 'aml_hit' | 'beneficial_owner', ref: string) => void;

type MediaImageProps = {
  media: MediaSection;
  source: MediaSource;
  kind: ImageKind;
  onEvidenceViewed?: OnEvidenceViewed;
  height?: number;
};

/** The address an <img> shows for `src`: the copy read ahead (preloadCaseImages) once it is in. */
function usePreloadedImage(src: string): string | undefined {
  const found = preloadedImage(src);
  const [, arrived] = useState(0);
  useEffect(() => {
    if (!found.ready) return;
    let mounted = true;
    void found.ready.then(() => mounted && arrived((count) => count + 1));
    return () => {
      mounted = false;
    };
  }, [found.ready]);
  return found.url;
}

/** One verification image, opening the viewer (zoom, pan, rotate, the case's other images). */
export function MediaImage({ media, source, kind, onEvidenceViewed, height = 200 }: MediaImageProps) {
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const label = mediaLabels[kind];
  const shown = usePreloadedImage(mediaUrl(source, kind));

  if (!isMediaAvailable(media, kind)) {
    return <MediaPlaceholder text={`${label}: not available`} height={height} />;
  }
  if (failed) return <MediaPlaceholder text={`${label}: could not be loaded`} height={height} />;

  return (
    <Box component="figure" sx={{ m: 0 }}>
      <Box
        component="button"
        type="button"
        aria-label={`Open ${label.toLowerCase()}`}
        onClick={() => {
          setOpen(true);
          onEvidenceViewed?.('media', kind);
        }}
        sx={{
          p: 0,
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          cursor: 'zoom-in',
          bgcolor: 'transparent',
          display: 'block',
        }}
      >
        {/* Not loading="lazy": the evidence is what the page is for, and a lazy image is only requested after
            the page's first layout; an eager one is requested as soon as React creates it. */}
        <Box
          component="img"
          src={shown}
          alt={label}
          onError={() => setFailed(true)}
          sx={{ display: 'block', height, maxWidth: '100%', objectFit: 'contain' }}
        />
      </Box>
      <Typography component="figcaption" variant="caption" color="text.secondary">
        {label}
      </Typography>
      {open && (
        <ImageViewerDialog
          images={viewerImages(media, source)}
          initialKind={kind}
          onClose={() => setOpen(false)}
          onShown={(shown) => onEvidenceViewed?.('media', shown)}
        />
      )}
    </Box>
  );
}

type CompareButtonProps = { media: MediaSection; source: MediaSource; onEvidenceViewed?: OnEvidenceViewed };

/** Opens the viewer with the selfie beside the document photo, zoomed and panned together. */
export function CompareButton({ media, source, onEvidenceViewed }: CompareButtonProps) {
  const [open, setOpen] = useState(false);
  const images = viewerImages(media, source);
  const pair = comparisonPair(images);
  if (pair === null) return null;
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        startIcon={<CompareIcon />}
        onClick={() => {
          setOpen(true);
          for (const image of pair) onEvidenceViewed?.('media', image.kind);
        }}
        sx={{ alignSelf: 'flex-start' }}
      >
        Compare side by side
      </Button>
      {open && (
        <ImageViewerDialog
          images={images}
          initialKind="selfie"
          initialSideBySide
          onClose={() => setOpen(false)}
          onShown={(shown) => onEvidenceViewed?.('media', shown)}
        />
      )}
    </>
  );
}

type SelfieVideoProps = { media: MediaSection; source: MediaSource; onEvidenceViewed?: OnEvidenceViewed };

export function SelfieVideo({ media, source, onEvidenceViewed }: SelfieVideoProps) {
  if (!isMediaAvailable(media, 'selfie-video')) {
    return <MediaPlaceholder text="Selfie video: not available" height={200} />;
  }
  return <SelfieVideoPlayer src={mediaUrl(source, 'selfie-video')} onEvidenceViewed={onEvidenceViewed} />;
}

/**
 * The <video> element is placed rather than rendered: the one the case's loader started (preloadSelfieVideo)
 * when there is one, so the metadata it has read meanwhile is not read again by a second player. No captions:
 * a liveness selfie video has no speech.
 */
function SelfieVideoPlayer({ src, onEvidenceViewed }: { src: string; onEvidenceViewed?: OnEvidenceViewed }) {
  const slot = useRef<HTMLDivElement>(null);
  const player = useRef<{ src: string; video: HTMLVideoElement } | null>(null);
  const viewed = useRef(false);
  const onViewed = useRef(onEvidenceViewed);
  onViewed.current = onEvidenceViewed;

  useLayoutEffect(() => {
    const container = slot.current;
    if (container === null) return;
    if (player.current?.src !== src) {
      player.current = { src, video: takePreloadedVideo(src) ?? createSelfieVideo(src) };
      viewed.current = false;
    }
    const { video } = player.current;
    video.controls = true;
    video.setAttribute('aria-label', 'Selfie video');
    Object.assign(video.style, { display: 'block', height: '200px', maxWidth: '100%' });
    const onPlay = () => {
      if (viewed.current) return;
      viewed.current = true;
      onViewed.current?.('media', 'selfie-video');
    };
    video.addEventListener('play', onPlay);
    container.append(video);
    return () => {
      video.removeEventListener('play', onPlay);
      video.remove();
    };
  }, [src]);

  return (
    <Box component="figure" sx={{ m: 0 }}>
      <div ref={slot} />
      <Typography component="figcaption" variant="caption" color="text.secondary">
        Selfie video
      </Typography>
    </Box>
  );
}

function MediaPlaceholder({ text, height }: { text: string; height: number }) {
  return (
    <Box
      sx={{
        height,
        minWidth: 160,
        display: 'grid',
        placeItems: 'center',
        border: 1,
        borderStyle: 'dashed',
        borderColor: 'divider',
        borderRadius: 1,
        color: 'text.secondary',
        p: 1,
        textAlign: 'center',
      }}
    >
      <Typography variant="body2">{text}</Typography>
    </Box>
  );
}
