import {
  clampView,
  fitToWidth,
  type Geometry,
  type Point,
  panBy,
  pinch,
  type Rotation,
  rotatedSize,
  type Size,
  scaleLimits,
  turnQuarter,
  type View,
  viewportCentre,
  zoomAt,
} from './zoom-pan';

/**
 * What is zoomed: one image (its own pixels, turned), or a box the size of the pane that each image of a
 * side-by-side comparison fills, so both panes share one view whatever their images' sizes.
 */
export type ContentKind = 'image' | 'pane';

export type ZoomPanState = {
  content: ContentKind;
  viewport: Size | null;
  natural: Size | null;
  rotation: Rotation;
  view: View;
  /** Whether the reviewer has moved the view since it was fitted; until then a resize fits it again. */
  moved: boolean;
};

export type ZoomPanAction =
  | { type: 'measured'; viewport: Size }
  | { type: 'loaded'; natural: Size }
  /** A different image or mode: the image's size is not known until it loads; it opens unturned, fitted. */
  | { type: 'replaced'; content: ContentKind }
  | { type: 'zoom'; factor: number; at?: Point }
  | { type: 'pan'; dx: number; dy: number }
  | { type: 'pinch'; before: [Point, Point]; after: [Point, Point] }
  | { type: 'turn'; clockwise: boolean }
  | { type: 'fit' };

export const initialZoomPan = (content: ContentKind): ZoomPanState => ({
  content,
  viewport: null,
  natural: null,
  rotation: 0,
  view: { scale: 1, x: 0, y: 0 },
  moved: false,
});

/** The viewport and content sizes, once both are known (the image has loaded, the pane has a size). */
export function geometryOf(state: ZoomPanState): Geometry | null {
  const { viewport, natural } = state;
  if (viewport === null || viewport.width <= 0 || viewport.height <= 0) return null;
  if (state.content === 'pane') return { viewport, content: viewport };
  if (natural === null || natural.width <= 0 || natural.height <= 0) return null;
  return { viewport, content: rotatedSize(natural, state.rotation) };
}

const fitted = (state: ZoomPanState): ZoomPanState => {
  const geometry = geometryOf(state);
  return geometry === null ? state : { ...state, view: fitToWidth(geometry), moved: false };
};

/** After a resize the reviewer's view is kept, within the new limits. */
function refitted(state: ZoomPanState): ZoomPanState {
  const geometry = geometryOf(state);
  if (geometry === null || !state.moved) return fitted(state);
  const { min, max } = scaleLimits(geometry);
  const scale = Math.min(Math.max(state.view.scale, min), max);
  return { ...state, view: clampView({ ...state.view, scale }, geometry) };
}

const nextRotation = (rotation: Rotation, clockwise: boolean): Rotation =>
  ((rotation + (clockwise ? 90 : 270)) % 360) as Rotation;

/** Each action composes with the last, so a burst of key presses or wheel steps lands where it should. */
export function zoomPanReducer(state: ZoomPanState, action: ZoomPanAction): ZoomPanState {
  switch (action.type) {
    case 'measured': {
      const { viewport } = state;
      const same = viewport?.width === action.viewport.width && viewport.height === action.viewport.height;
      return same ? state : refitted({ ...state, viewport: action.viewport });
    }
    case 'loaded':
      return fitted({ ...state, natural: action.natural });
    case 'replaced':
      return fitted({ ...state, content: action.content, natural: null, rotation: 0, moved: false });
    case 'fit':
      return fitted(state);
  }
  const geometry = geometryOf(state);
  if (geometry === null) return state;
  switch (action.type) {
    case 'zoom': {
      const at = action.at ?? viewportCentre(geometry);
      return { ...state, view: zoomAt(state.view, geometry, action.factor, at), moved: true };
    }
    case 'pan':
      return { ...state, view: panBy(state.view, geometry, action.dx, action.dy), moved: true };
    case 'pinch':
      return { ...state, view: pinch(state.view, geometry, action.before, action.after), moved: true };
    case 'turn': {
      const rotation = nextRotation(state.rotation, action.clockwise);
      // The pane stays as it is when its images turn inside it; an image's own box turns with it.
      const view =
        state.content === 'pane' ? state.view : turnQuarter(state.view, geometry, action.clockwise);
      return { ...state, rotation, view, moved: true };
    }
  }
}
