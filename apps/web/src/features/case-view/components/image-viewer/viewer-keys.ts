import type { Size } from './zoom-pan';
import type { ZoomPanAction } from './zoom-pan-state';

/** One step of the + and - keys and buttons. */
export const ZOOM_STEP = 1.25;
/** An arrow key moves the view by this share of the viewport. */
const PAN_SHARE = 0.1;

export type ViewerCommand =
  | { type: 'view'; action: ZoomPanAction }
  | { type: 'previous' }
  | { type: 'next' }
  | { type: 'side-by-side' };

/**
 * What a key does in the viewer; null leaves the key to the browser (Tab, Enter on a button, Escape closes).
 * An arrow moves the view the way it points, as scrolling would: the content moves the other way.
 */
export function viewerCommand(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  viewport: Size | null,
): ViewerCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const stepX = (viewport?.width ?? 0) * PAN_SHARE;
  const stepY = (viewport?.height ?? 0) * PAN_SHARE;
  const view = (action: ZoomPanAction): ViewerCommand => ({ type: 'view', action });
  switch (event.key) {
    case '+':
    case '=':
      return view({ type: 'zoom', factor: ZOOM_STEP });
    case '-':
    case '_':
      return view({ type: 'zoom', factor: 1 / ZOOM_STEP });
    case '0':
      return view({ type: 'fit' });
    case 'ArrowLeft':
      return view({ type: 'pan', dx: stepX, dy: 0 });
    case 'ArrowRight':
      return view({ type: 'pan', dx: -stepX, dy: 0 });
    case 'ArrowUp':
      return view({ type: 'pan', dx: 0, dy: stepY });
    case 'ArrowDown':
      return view({ type: 'pan', dx: 0, dy: -stepY });
    case 'r':
      return view({ type: 'turn', clockwise: true });
    case 'R':
      return view({ type: 'turn', clockwise: false });
    case '[':
      return { type: 'previous' };
    case ']':
      return { type: 'next' };
    case 's':
      return { type: 'side-by-side' };
    default:
      return null;
  }
}
