import { capaView } from '@review-desk/contracts/testing';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderComponent } from '@/testing/test-utils';
import { ImageViewerDialog } from '../image-viewer-dialog';
import { type ImageKind, viewerImages } from '../viewer-images';

// The viewer's viewport, as laid out: happy-dom lays nothing out, so each pane is 800×600.
const VIEWPORT = { width: 800, height: 600 };
// The sandbox's media sizes: the ID card 480×300, the selfie 320×400.
const SIZES: Record<ImageKind, { width: number; height: number }> = {
  front: { width: 480, height: 300 },
  back: { width: 480, height: 300 },
  selfie: { width: 320, height: 400 },
};

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(VIEWPORT.width);
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT.height);
});

const source = { provider: 'capa' as const, subjectId: 'capa-user-1', caseId: 'case-1' };

function openViewer(initialKind: ImageKind = 'front', initialSideBySide = false) {
  const onShown = vi.fn();
  const onClose = vi.fn();
  const view = renderComponent(
    <ImageViewerDialog
      images={viewerImages(capaView().media, source)}
      initialKind={initialKind}
      initialSideBySide={initialSideBySide}
      onClose={onClose}
      onShown={onShown}
    />,
  );
  return { ...view, onShown, onClose, dialog: screen.getByRole('dialog') };
}

/** The browser has decoded the image: its size is known and `load` fires. */
function load(kind: ImageKind) {
  const { width, height } = SIZES[kind];
  // By alt text: until it has loaded the image is hidden, so it has no role to find it by.
  const images = document.querySelectorAll(`img[alt="${labelOf(kind)}"]`);
  expect(images.length).toBeGreaterThan(0);
  for (const image of images) {
    Object.defineProperty(image, 'naturalWidth', { value: width, configurable: true });
    Object.defineProperty(image, 'naturalHeight', { value: height, configurable: true });
    fireEvent.load(image);
  }
}

const labelOf = (kind: ImageKind) =>
  ({ front: 'Front of the document', back: 'Back of the document', selfie: 'Selfie' })[kind];

const stage = (kind: ImageKind) => screen.getByRole('group', { name: `${labelOf(kind)}: zoom and pan` });

/** The view the pane draws: translate(x, y) then scale, from the content's style. */
function viewOf(kind: ImageKind) {
  const content = stage(kind).querySelector<HTMLElement>('[data-testid="zoom-pan-content"]');
  const match = content?.style.transform.match(
    /^translate\((-?[\d.e-]+)px, (-?[\d.e-]+)px\) scale\(([\d.e-]+)\)$/,
  );
  if (!match) throw new Error(`no transform: ${content?.style.transform}`);
  return { x: Number(match[1]), y: Number(match[2]), scale: Number(match[3]) };
}

/**
 * A wheel step at a point. happy-dom's WheelEvent has no pointer position (in browsers it is a MouseEvent),
 * so the position is set on the event. Returns whether the page was kept from scrolling.
 */
function wheel(kind: ImageKind, deltaY: number, at: { x: number; y: number }) {
  const event = new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true });
  Object.defineProperties(event, { clientX: { value: at.x }, clientY: { value: at.y } });
  fireEvent(stage(kind), event);
  return event.defaultPrevented;
}

/** The image point drawn at a viewport point. */
function imagePointAt(kind: ImageKind, point: { x: number; y: number }) {
  const { x, y, scale } = viewOf(kind);
  return { x: (point.x - x) / scale, y: (point.y - y) / scale };
}

describe('ImageViewerDialog', () => {
  it('opens fitted to the width, with the keyboard on the image and the shortcuts shown', () => {
    const { dialog } = openViewer('front');
    expect(within(dialog).getByRole('status').textContent).toBe('Loading front of the document…');
    load('front');
    // 480×300 at 800 wide is 500 tall: centred, 50 px above and below.
    expect(viewOf('front')).toEqual({ x: 0, y: 50, scale: 800 / 480 });
    expect(document.activeElement).toBe(stage('front'));
    expect(stage('front').getAttribute('tabindex')).toBe('0');
    const hint = document.getElementById(stage('front').getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toMatch(/\+ and − zoom, 0 fits the width, arrows pan, r rotates, \[ and \]/);
    expect(within(dialog).getByText('1 of 3')).toBeTruthy();
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Front of the document' })).toBe(dialog);
    for (const name of [
      'Zoom in',
      'Zoom out',
      'Fit to width',
      'Rotate right',
      'Previous image',
      'Next image',
    ]) {
      expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(dialog).getByRole('button', { name: 'Zoom in' }).getAttribute('aria-keyshortcuts')).toBe(
      '+',
    );
  });

  it('zooms with the wheel around the pointer: the image point under it stays under it', () => {
    openViewer('front');
    load('front');
    const pointer = { x: 12, y: 58 }; // just inside the card's top-left corner
    const before = imagePointAt('front', pointer);
    expect(wheel('front', -300, pointer)).toBe(true);
    expect(viewOf('front').scale).toBeCloseTo((800 / 480) * Math.exp(0.6), 10);
    const after = imagePointAt('front', pointer);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('takes + - 0, arrows and r from the keyboard, each press on top of the last', async () => {
    const { user } = openViewer('front');
    load('front');
    const fitted = viewOf('front');
    await user.keyboard('+');
    expect(viewOf('front').scale).toBeCloseTo(fitted.scale * 1.25, 10);
    await user.keyboard('-');
    expect(viewOf('front').scale).toBeCloseTo(fitted.scale, 10);
    // A burst of presses: each one counts, and the zoom stops at eight image pixels per pixel.
    await user.keyboard('++++++++++++++++++++');
    expect(viewOf('front').scale).toBe(8);
    expect(screen.getByRole('button', { name: 'Zoom in' }).hasAttribute('disabled')).toBe(true);
    const zoomed = viewOf('front');
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(viewOf('front')).toEqual({ scale: 8, x: zoomed.x - 80, y: zoomed.y - 60 });
    await user.keyboard('0');
    expect(viewOf('front')).toEqual(fitted);

    await user.keyboard('r');
    const image = screen.getByRole('img', { name: 'Front of the document' });
    // Turned about its centre inside a box 300 wide and 480 tall.
    expect(image.style.transform).toBe('translate(150px, 240px) rotate(90deg) translate(-240px, -150px)');
    // Turned, the card is 300 wide and 480 tall; fitted to the width again, it starts at its top.
    await user.keyboard('0');
    expect(viewOf('front')).toEqual({ x: 0, y: 0, scale: 800 / 300 });
  });

  it('pans by dragging, and stops where a corner of the image meets the same corner of the viewport', () => {
    openViewer('front');
    load('front');
    wheel('front', -500, { x: 400, y: 300 });
    const { scale } = viewOf('front');
    const drag = (from: number, to: number) => {
      fireEvent.pointerDown(stage('front'), { pointerId: 1, button: 0, clientX: from, clientY: from });
      fireEvent.pointerMove(stage('front'), { pointerId: 1, clientX: to, clientY: to });
      fireEvent.pointerUp(stage('front'), { pointerId: 1, clientX: to, clientY: to });
    };
    // Dragging right and down shows the top-left corner at the viewport's top-left (give or take the
    // 50 px band the fitted card had above it), and no further.
    drag(100, 5_000);
    expect(viewOf('front')).toEqual({ scale, x: 0, y: 50 });
    drag(5_000, -5_000);
    expect(viewOf('front')).toEqual({ scale, x: 800 - 480 * scale, y: 600 - 300 * scale - 50 });
    // A small drag moves the image with the pointer.
    const before = viewOf('front');
    drag(300, 340);
    expect(viewOf('front')).toEqual({ scale, x: before.x + 40, y: before.y + 40 });
  });

  it('steps through the case’s images with ] and [, reporting each image once', async () => {
    const { user, dialog, onShown } = openViewer('front');
    load('front');
    await user.keyboard(']');
    expect(within(dialog).getByText('Back of the document', { selector: 'h2 span' })).toBeTruthy();
    expect(within(dialog).getByText('2 of 3')).toBeTruthy();
    expect(document.activeElement).toBe(stage('back'));
    load('back');
    expect(viewOf('back')).toEqual({ x: 0, y: 50, scale: 800 / 480 });
    await user.keyboard(']');
    load('selfie');
    // The selfie, 320×400, fitted to 800 wide is 1000 tall: it starts at its top.
    expect(viewOf('selfie')).toEqual({ x: 0, y: 0, scale: 2.5 });
    await user.keyboard(']'); // past the last, back to the first
    expect(within(dialog).getByText('1 of 3')).toBeTruthy();
    await user.keyboard('[[');
    expect(within(dialog).getByText('3 of 3')).toBeTruthy();
    expect(onShown.mock.calls).toEqual([['back'], ['selfie']]);
    await user.click(within(dialog).getByRole('button', { name: 'Previous image' }));
    expect(within(dialog).getByText('2 of 3')).toBeTruthy();
  });

  it('shows the selfie beside the document photo under one view: zooming or panning either moves both', async () => {
    const { user, dialog, onShown } = openViewer('back');
    await user.click(within(dialog).getByRole('button', { name: 'Selfie beside the document photo' }));
    expect(
      within(dialog)
        .getByRole('button', { name: 'Selfie beside the document photo' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    expect(onShown.mock.calls).toEqual([['selfie'], ['front']]);
    load('selfie');
    load('front');
    // Each image fills its pane as `contain` would; the pane is what is zoomed.
    expect(viewOf('selfie')).toEqual({ x: 0, y: 0, scale: 1 });
    expect(screen.getByRole('img', { name: 'Selfie' }).style.width).toBe('480px'); // 320×400 into 800×600
    expect(screen.getByRole('img', { name: 'Front of the document' }).style.width).toBe('800px');

    wheel('selfie', -200, { x: 200, y: 150 });
    expect(viewOf('selfie').scale).toBeCloseTo(Math.exp(0.4), 10);
    expect(viewOf('front')).toEqual(viewOf('selfie'));
    const point = imagePointAt('selfie', { x: 200, y: 150 });
    expect(point.x).toBeCloseTo(200, 9);
    expect(point.y).toBeCloseTo(150, 9);

    fireEvent.pointerDown(stage('front'), { pointerId: 2, button: 0, clientX: 300, clientY: 300 });
    fireEvent.pointerMove(stage('front'), { pointerId: 2, clientX: 280, clientY: 270 });
    fireEvent.pointerUp(stage('front'), { pointerId: 2 });
    expect(viewOf('front')).toEqual(viewOf('selfie'));
    expect(viewOf('selfie').x).toBeCloseTo(-100 * (Math.exp(0.4) - 1) * 2 - 20, 9);

    // Stepping is for one image at a time; s goes back to it.
    expect(within(dialog).getByRole('button', { name: 'Next image' }).hasAttribute('disabled')).toBe(true);
    await user.keyboard('s');
    expect(within(dialog).getByText('2 of 3')).toBeTruthy();
  });

  it('pinches around the point between two fingers', () => {
    openViewer('front');
    load('front');
    const before = imagePointAt('front', { x: 400, y: 300 });
    fireEvent.pointerDown(stage('front'), { pointerId: 1, pointerType: 'touch', clientX: 350, clientY: 300 });
    fireEvent.pointerDown(stage('front'), { pointerId: 2, pointerType: 'touch', clientX: 450, clientY: 300 });
    fireEvent.pointerMove(stage('front'), { pointerId: 2, pointerType: 'touch', clientX: 550, clientY: 300 });
    // The fingers are 200 apart instead of 100, and their midpoint moved from 400 to 450.
    expect(viewOf('front').scale).toBeCloseTo((800 / 480) * 2, 10);
    const after = imagePointAt('front', { x: 450, y: 300 });
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('says so when an image cannot be loaded, and tries again when asked', async () => {
    const { user } = openViewer('front');
    const image = document.querySelector('img[alt="Front of the document"]');
    if (image === null) throw new Error('no image');
    fireEvent.error(image);
    expect(screen.getByText(/Front of the document could not be loaded\./)).toBeTruthy();
    expect(screen.queryByRole('img', { name: 'Front of the document' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    load('front');
    expect(viewOf('front')).toEqual({ x: 0, y: 50, scale: 800 / 480 });
  });
});
