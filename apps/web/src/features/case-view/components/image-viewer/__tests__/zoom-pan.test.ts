import { describe, expect, it } from 'vitest';
import {
  clampView,
  fitToWidth,
  type Geometry,
  imageSizeInBox,
  type Point,
  panBy,
  pinch,
  scaleLimits,
  turnQuarter,
  type View,
  zoomAt,
} from '../zoom-pan';

/** An ID card (480×300) in an 800×600 viewport: fitted to the width it is 500 px tall. */
const card: Geometry = { viewport: { width: 800, height: 600 }, content: { width: 480, height: 300 } };
/** A tall page (400×1000): fitted to the width it is 2000 px tall. */
const page: Geometry = { viewport: { width: 800, height: 600 }, content: { width: 400, height: 1000 } };

/** The content point (in the image's pixels) shown at a viewport point. */
const contentAt = (view: View, point: Point): Point => ({
  x: (point.x - view.x) / view.scale,
  y: (point.y - view.y) / view.scale,
});

describe('fitToWidth', () => {
  it('fills the width and centres content shorter than the viewport', () => {
    expect(fitToWidth(card)).toEqual({ scale: 800 / 480, x: 0, y: 50 });
  });

  it('starts taller content at its top', () => {
    expect(fitToWidth(page)).toEqual({ scale: 2, x: 0, y: 0 });
  });
});

describe('zoomAt', () => {
  it('keeps the image point under the pointer where it was', () => {
    const start = fitToWidth(card);
    const pointer = { x: 10, y: 60 };
    const before = contentAt(start, pointer);
    const after = zoomAt(start, card, 2, pointer);
    expect(after.scale).toBeCloseTo(start.scale * 2, 10);
    const point = contentAt(after, pointer);
    expect(point.x).toBeCloseTo(before.x, 10);
    expect(point.y).toBeCloseTo(before.y, 10);
  });

  it('reaches the top-left corner: zooming at it keeps the corner at the pointer', () => {
    const start = fitToWidth(card);
    const corner = { x: start.x, y: start.y };
    const after = zoomAt(start, card, 3, corner);
    expect(after.x).toBeCloseTo(0, 10);
    expect(after.y).toBeCloseTo(50, 10);
  });

  it('stops at the limits: the whole image, and eight of the image’s pixels per pixel', () => {
    const { min, max } = scaleLimits(card);
    expect(min).toBeCloseTo(800 / 480, 10);
    expect(max).toBe(8);
    expect(zoomAt(fitToWidth(card), card, 1000, { x: 0, y: 0 }).scale).toBe(8);
    expect(zoomAt(fitToWidth(page), page, 0.001, { x: 0, y: 0 }).scale).toBeCloseTo(0.6, 10);
  });

  it('lets a tiny image be magnified past eight times, to twice its fitted width', () => {
    const tiny: Geometry = { viewport: { width: 800, height: 600 }, content: { width: 4, height: 4 } };
    expect(scaleLimits(tiny)).toEqual({ min: 150, max: 400 });
  });
});

describe('clampView and panBy', () => {
  it('lets each corner of a zoomed image reach the viewport’s matching corner, and no further', () => {
    const zoomed = { scale: 4, x: 0, y: 0 }; // the page at 1600×4000 in 800×600
    expect(panBy(zoomed, page, 5000, 5000)).toEqual({ scale: 4, x: 0, y: 0 });
    expect(panBy(zoomed, page, -5000, -5000)).toEqual({ scale: 4, x: 800 - 1600, y: 600 - 4000 });
    expect(panBy(zoomed, page, -30, -40)).toEqual({ scale: 4, x: -30, y: -40 });
  });

  it('keeps content smaller than the viewport inside it, give or take the fitted band', () => {
    const small = { scale: 1, x: 0, y: 0 }; // the card at 480×300; fitted, it has 50 px above and below
    expect(clampView({ ...small, x: -100, y: 900 }, card)).toEqual({ scale: 1, x: 0, y: 350 });
    expect(clampView({ ...small, x: 700, y: -100 }, card)).toEqual({ scale: 1, x: 320, y: -50 });
  });

  it('keeps the fitted band when zoomed, and no more', () => {
    const zoomed = { scale: 4, x: 0, y: 0 }; // the card at 1920×1200
    expect(panBy(zoomed, card, 5000, 5000)).toEqual({ scale: 4, x: 0, y: 50 });
    expect(panBy(zoomed, card, -5000, -5000)).toEqual({ scale: 4, x: 800 - 1920, y: 600 - 1200 - 50 });
  });
});

describe('zooming in from the fitted view', () => {
  it('keeps whichever image point is under the pointer exactly there', () => {
    for (const geometry of [card, page]) {
      const start = fitToWidth(geometry);
      const { width, height } = geometry.content;
      for (const [u, v] of [
        [0, 0],
        [width, 0],
        [0, height],
        [width / 3, height / 5],
      ]) {
        const pointer = { x: start.x + (u ?? 0) * start.scale, y: start.y + (v ?? 0) * start.scale };
        if (pointer.y > geometry.viewport.height) continue;
        const zoomed = zoomAt(start, geometry, 2.5, pointer);
        const now = contentAt(zoomed, pointer);
        expect(now.x).toBeCloseTo(u ?? 0, 9);
        expect(now.y).toBeCloseTo(v ?? 0, 9);
      }
    }
  });
});

describe('pinch', () => {
  it('scales by the fingers’ spread and keeps the point between them between them', () => {
    const start = { scale: 2, x: -100, y: -100 };
    const before: [Point, Point] = [
      { x: 300, y: 300 },
      { x: 400, y: 300 },
    ];
    const after: [Point, Point] = [
      { x: 260, y: 320 },
      { x: 460, y: 320 },
    ];
    const pinched = pinch(start, page, before, after);
    expect(pinched.scale).toBeCloseTo(4, 10);
    const between = contentAt(start, { x: 350, y: 300 });
    const now = contentAt(pinched, { x: 360, y: 320 });
    expect(now.x).toBeCloseTo(between.x, 10);
    expect(now.y).toBeCloseTo(between.y, 10);
  });
});

describe('turnQuarter', () => {
  it('turns the content about the viewport’s centre, keeping the point there', () => {
    const view = { scale: 3, x: -200, y: -300 };
    const centre = contentAt(view, { x: 400, y: 300 }); // (200, 200) of the 400×1000 page
    const turned = turnQuarter(view, page, true);
    // Clockwise, the page is 1000×400 and its point (x, y) moves to (1000 - y, x).
    const now = contentAt(turned, { x: 400, y: 300 });
    expect(now.x).toBeCloseTo(1000 - centre.y, 10);
    expect(now.y).toBeCloseTo(centre.x, 10);
    const back = turnQuarter(turned, { ...page, content: { width: 1000, height: 400 } }, false);
    expect(back).toEqual(view);
  });
});

describe('imageSizeInBox', () => {
  it('fills a box as object-fit: contain would, allowing for the turn', () => {
    const selfie = { width: 320, height: 400 };
    expect(imageSizeInBox({ width: 400, height: 600 }, selfie, 0)).toEqual({ width: 400, height: 500 });
    // Turned, the selfie is 400 wide and 320 tall: it fills the width, and its element is 320×400 × 1.
    expect(imageSizeInBox({ width: 400, height: 600 }, selfie, 90)).toEqual({ width: 320, height: 400 });
  });
});
