import { createIPcmEncoder } from './h264';
import type { Look } from './look';
import { muxMp4 } from './mp4';
import { drawSelfieFrame } from './selfie';
import { rgbToYuv420 } from './yuv';

export const VIDEO_WIDTH = 160;
export const VIDEO_HEIGHT = 120;
export const VIDEO_FPS = 10;
export const VIDEO_FRAMES = 20;

/** The frames of the selfie video as RGB pixels (VIDEO_WIDTH × VIDEO_HEIGHT, 3 bytes a pixel). */
export function selfieVideoFrames(look: Look): Uint8Array[] {
  return Array.from(
    { length: VIDEO_FRAMES },
    (_, frame) => drawSelfieFrame(look, VIDEO_WIDTH, VIDEO_HEIGHT, frame, VIDEO_FRAMES).pixels,
  );
}

/** A two-second liveness-style clip as MP4: every frame an IDR picture carrying its own SPS and PPS. */
export function renderSelfieVideo(look: Look): Buffer {
  const encoder = createIPcmEncoder(VIDEO_WIDTH, VIDEO_HEIGHT);
  const samples = selfieVideoFrames(look).map((rgb, index) => {
    const picture = rgbToYuv420(rgb, VIDEO_WIDTH, VIDEO_HEIGHT, encoder.codedWidth, encoder.codedHeight);
    return [encoder.sps, encoder.pps, encoder.encode(picture, index)];
  });
  return muxMp4({
    width: VIDEO_WIDTH,
    height: VIDEO_HEIGHT,
    timescale: VIDEO_FPS * 100,
    sampleDuration: 100,
    sps: encoder.sps,
    pps: encoder.pps,
    samples,
  });
}
