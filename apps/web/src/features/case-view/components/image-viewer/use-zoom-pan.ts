import { type PointerEvent, useCallback, useMemo, useReducer, useRef } from 'react';
import type { Point } from './zoom-pan';
import { type ContentKind, geometryOf, initialZoomPan, zoomPanReducer } from './zoom-pan-state';

/** How much one pixel of wheel travel zooms: a mouse notch (100 px) is about a fifth; a trackpad pinch,
 * which Chromium reports as a wheel with Ctrl held and small deltas, needs more per pixel. */
const WHEEL_SENSITIVITY = 0.002;
const PINCH_WHEEL_SENSITIVITY = 0.01;
const LINE_HEIGHT = 16;

function wheelFactor(event: WheelEvent, pageHeight: number): number {
  const unit = event.deltaMode === 1 ? LINE_HEIGHT : event.deltaMode === 2 ? pageHeight : 1;
  const delta = Math.max(-500, Math.min(500, event.deltaY * unit));
  return Math.exp(-delta * (event.ctrlKey ? PINCH_WHEEL_SENSITIVITY : WHEEL_SENSITIVITY));
}

/** Where a pointer is in the viewport's own pixels. */
function localPoint(element: Element, event: { clientX: number; clientY: number }): Point {
  const rect = element.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}

/**
 * Zoom and pan for the viewer: the wheel and a pinch zoom around the pointer, a drag pans, and `dispatch` takes
 * the keyboard's and buttons' actions. Every viewport given `viewportRef` (the two panes of a comparison)
 * drives the one view.
 */
export function useZoomPan(content: ContentKind) {
  const [state, dispatch] = useReducer(zoomPanReducer, content, initialZoomPan);
  const pointers = useRef(new Map<number, Point>());

  const viewportRef = useCallback((element: HTMLElement | null) => {
    if (element === null) return;
    const measure = () => {
      const { clientWidth: width, clientHeight: height } = element;
      if (width > 0 && height > 0) dispatch({ type: 'measured', viewport: { width, height } });
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    // Not React's onWheel: React listens passively, and the page must not scroll under a zooming image.
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const factor = wheelFactor(event, element.clientHeight);
      dispatch({ type: 'zoom', factor, at: localPoint(element, event) });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer?.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, []);

  const pointerHandlers = useMemo(() => {
    const end = (event: PointerEvent<HTMLElement>) => {
      pointers.current.delete(event.pointerId);
    };
    return {
      onPointerDown: (event: PointerEvent<HTMLElement>) => {
        if (event.pointerType === 'mouse' && event.button !== 0) return;
        try {
          // The drag goes on when the pointer leaves the pane.
          event.currentTarget.setPointerCapture(event.pointerId);
        } catch {
          // Not every environment captures (a synthetic event); the drag still works inside the pane.
        }
        pointers.current.set(event.pointerId, localPoint(event.currentTarget, event));
      },
      onPointerMove: (event: PointerEvent<HTMLElement>) => {
        const before = pointers.current.get(event.pointerId);
        if (before === undefined) return;
        const after = localPoint(event.currentTarget, event);
        const other = [...pointers.current].find(([id]) => id !== event.pointerId)?.[1];
        pointers.current.set(event.pointerId, after);
        if (other === undefined) {
          dispatch({ type: 'pan', dx: after.x - before.x, dy: after.y - before.y });
        } else {
          dispatch({ type: 'pinch', before: [before, other], after: [after, other] });
        }
      },
      onPointerUp: end,
      onPointerCancel: end,
    };
  }, []);

  return { state, geometry: geometryOf(state), dispatch, viewportRef, pointerHandlers };
}
