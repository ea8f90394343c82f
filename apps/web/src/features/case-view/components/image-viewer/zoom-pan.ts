/**
 * The image viewer's transform maths, as pure functions so tests can check them exactly.
 *
 * The content (an image, or in side-by-side mode a box the size of a pane) is drawn at `scale`, its top-left
 * corner at (`x`, `y`) in the viewport's pixels: a content point u shows at x + u * scale. Every function
 * returns a view that `clampView` accepts, so the image can always be brought back and never drifts away.
 */

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };
export type View = { scale: number; x: number; y: number };
export type Geometry = { viewport: Size; content: Size };
export type Rotation = 0 | 90 | 180 | 270;

/** The most a view can magnify: eight times the image's own pixels, or twice the fitted width if larger. */
const MAX_NATIVE_ZOOM = 8;

export const rotatedSize = (size: Size, rotation: Rotation): Size =>
  rotation === 90 || rotation === 270 ? { width: size.height, height: size.width } : size;

/** The smallest scale shows the whole content; the largest reads single pixels of a small image. */
export function scaleLimits({ viewport, content }: Geometry) {
  const fitWidth = viewport.width / content.width;
  const fitWhole = Math.min(fitWidth, viewport.height / content.height);
  return { min: fitWhole, max: Math.max(MAX_NATIVE_ZOOM, 2 * fitWidth) };
}

/**
 * The empty band above and below the content when it is fitted to the width but shorter than the viewport.
 * That band stays allowed at every zoom: zooming in from the fitted view at any point of the image then keeps
 * that point exactly under the pointer (the top-left corner included), where pulling the edges flush would
 * shift it.
 */
export function fittedBand({ viewport, content }: Geometry): Point {
  const height = (content.height * viewport.width) / content.width;
  return { x: 0, y: Math.max(0, (viewport.height - height) / 2) };
}

/**
 * Where the content's offset may be on one axis. Content longer than the viewport may move until either edge
 * meets the viewport's edge (so every corner can be reached) and shorter content stays whole inside it, each
 * give or take the fitted band; so the image can never be lost off-screen.
 */
function clampAxis(offset: number, viewportLength: number, contentLength: number, band: number): number {
  const slack = viewportLength - contentLength;
  return Math.min(Math.max(offset, Math.min(0, slack) - band), Math.max(0, slack) + band);
}

export function clampView(view: View, geometry: Geometry): View {
  const { viewport, content } = geometry;
  const band = fittedBand(geometry);
  return {
    scale: view.scale,
    x: clampAxis(view.x, viewport.width, content.width * view.scale, band.x),
    y: clampAxis(view.y, viewport.height, content.height * view.scale, band.y),
  };
}

/** The content as wide as the viewport, its top in view: centred when shorter, at the top when taller. */
export function fitToWidth(geometry: Geometry): View {
  const scale = geometry.viewport.width / geometry.content.width;
  return clampView({ scale, x: 0, y: fittedBand(geometry).y }, geometry);
}

const clampScale = (scale: number, geometry: Geometry) => {
  const { min, max } = scaleLimits(geometry);
  return Math.min(Math.max(scale, min), max);
};

/**
 * Scales by `factor` around `point` (viewport pixels): the content point under it stays under it, unless the
 * scale hits its limits or the result has to be pulled back into the viewport.
 */
export function zoomAt(view: View, geometry: Geometry, factor: number, point: Point): View {
  const scale = clampScale(view.scale * factor, geometry);
  const ratio = scale / view.scale;
  return clampView(
    { scale, x: point.x - (point.x - view.x) * ratio, y: point.y - (point.y - view.y) * ratio },
    geometry,
  );
}

export const viewportCentre = ({ viewport }: Geometry): Point => ({
  x: viewport.width / 2,
  y: viewport.height / 2,
});

export const panBy = (view: View, geometry: Geometry, dx: number, dy: number): View =>
  clampView({ scale: view.scale, x: view.x + dx, y: view.y + dy }, geometry);

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * Two fingers moved from `before` to `after`: the scale follows their spread, and the content point that was
 * between them stays between them.
 */
export function pinch(view: View, geometry: Geometry, before: [Point, Point], after: [Point, Point]): View {
  const spread = distance(...before);
  const factor = spread === 0 ? 1 : distance(...after) / spread;
  const from = midpoint(...before);
  const to = midpoint(...after);
  const scale = clampScale(view.scale * factor, geometry);
  const ratio = scale / view.scale;
  return clampView(
    { scale, x: to.x - (from.x - view.x) * ratio, y: to.y - (from.y - view.y) * ratio },
    geometry,
  );
}

/**
 * A quarter turn of the content (clockwise when `clockwise`), keeping the content point at the viewport's
 * centre there. `geometry` is before the turn; the turned content has width and height swapped.
 */
export function turnQuarter(view: View, geometry: Geometry, clockwise: boolean): View {
  const { content } = geometry;
  const centre = viewportCentre(geometry);
  const u = { x: (centre.x - view.x) / view.scale, y: (centre.y - view.y) / view.scale };
  const turned = clockwise ? { x: content.height - u.y, y: u.x } : { x: u.y, y: content.width - u.x };
  const after: Geometry = { ...geometry, content: rotatedSize(content, 90) };
  const scale = clampScale(view.scale, after);
  return clampView({ scale, x: centre.x - turned.x * scale, y: centre.y - turned.y * scale }, after);
}

/**
 * The size of the <img> element (before its rotation) that fills `box` as `object-fit: contain` would with
 * the image turned by `rotation`; centred in the box and rotated about its centre, it lies inside the box.
 */
export function imageSizeInBox(box: Size, natural: Size, rotation: Rotation): Size {
  const turned = rotatedSize(natural, rotation);
  const factor = Math.min(box.width / turned.width, box.height / turned.height);
  return { width: natural.width * factor, height: natural.height * factor };
}
