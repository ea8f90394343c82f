// The image viewer in Chromium: the wheel zooms around the pointer (the image point under it stays under it,
// read both from the browser's layout and from the pixel on screen), the keyboard and a drag reach the image's
// corners, the selfie sits beside the document photo under one view, and the viewer is axe-clean in light and
// dark.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlain, openCase, scenarios, signIn } from './support/api';
import { blockingViolations } from './support/axe';
import { launchChromium, signedInPage } from './support/browser';
import { ensureWebBuilt, type RunningStack, startStack } from './support/stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '';
// The sandbox draws the ID card on a grey "table" 8 px wide around it, and a coloured header band along its
// top (apps/sandbox id-card.ts).
const TABLE_GREY = [205, 208, 214];
// Screen pixels of the same image point differ only by scaling's smoothing.
const COLOUR_TOLERANCE = 24;

/** The colour drawn at one screen pixel: a screenshot of it, decoded by the page itself. */
async function pixelAt(page: Page, x: number, y: number): Promise<number[]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  }, png.toString('base64'));
}

const sameColour = (a: number[], b: number[]) =>
  a.every((value, i) => Math.abs(value - (b[i] ?? 0)) <= COLOUR_TOLERANCE);

/** Where the browser has laid the image out (transforms included), and its own size. */
const layoutOf = (image: Locator) =>
  image.evaluate((element: HTMLImageElement) => {
    const rect = element.getBoundingClientRect();
    return {
      left: rect.left,
      top: rect.top,
      width: rect.width,
      height: rect.height,
      natural: element.naturalWidth,
    };
  });

/** The image point (in the image's pixels) that the browser draws at a screen point. */
function imagePointAt(layout: Awaited<ReturnType<typeof layoutOf>>, x: number, y: number) {
  const perPixel = layout.width / layout.natural;
  return { x: (x - layout.left) / perPixel, y: (y - layout.top) / perPixel };
}

async function openViewer(page: Page, caseUrl: string, opener: string, label: string): Promise<Locator> {
  await page.goto(caseUrl);
  const button = page.getByRole('button', { name: opener }).first();
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const image = page.getByRole('dialog').getByRole('img', { name: label });
  // Drawn once it has loaded and been fitted: until then it is hidden.
  await expect
    .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0))
    .toBe(true);
  return image;
}

describe.runIf(Boolean(chromiumPath))('the image viewer in Chromium', () => {
  let stack: RunningStack;
  let browser: Browser;
  let caseUrl: string;

  beforeAll(async () => {
    ensureWebBuilt();
    const launching = launchChromium(chromiumPath);
    stack = await startStack();
    const analyst = await signIn(stack.baseUrl, 'analyst');
    const subject = (await scenarios(stack.capaUrl, ['capa', 'individual'])).find(isPlain);
    if (!subject) throw new Error('the sandbox has no plain Capa individual');
    caseUrl = `${stack.baseUrl}/cases/${(await openCase(analyst, 'capa', subject.id)).case.id}`;
    browser = await launching;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('zooms with the wheel at the ID front’s top-left corner, keeping that image point under the pointer', async () => {
    const page = await signedInPage(browser, stack.baseUrl, 'analyst');
    const image = await openViewer(page, caseUrl, 'Open front of the document', 'Front of the document');
    const before = await layoutOf(image);
    // Opened fitted to the width of its pane.
    const stage = await page
      .getByRole('group', { name: 'Front of the document: zoom and pan' })
      .boundingBox();
    expect(Math.abs(before.width - (stage?.width ?? 0))).toBeLessThan(1);

    // Near the top-left corner, on the card's coloured header just inside its edge (the card starts 8 image
    // pixels in, on a grey table): a zoom about any other point, the centre say, would bring the table or the
    // photo under the pointer instead.
    const pointer = {
      x: Math.round(before.left + 14 * (before.width / before.natural)),
      y: Math.round(before.top + 40 * (before.width / before.natural)),
    };
    await page.mouse.move(pointer.x, pointer.y);
    const colourBefore = await pixelAt(page, pointer.x, pointer.y);
    expect(sameColour(colourBefore, TABLE_GREY), `${colourBefore} is the header, not the table`).toBe(false);
    const pointBefore = imagePointAt(before, pointer.x, pointer.y);

    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await layoutOf(image)).width).toBeGreaterThan(before.width * 2);
    const colourAfter = await pixelAt(page, pointer.x, pointer.y);
    expect(sameColour(colourAfter, colourBefore), `${colourAfter} after, ${colourBefore} before`).toBe(true);
    // The same, exactly, from the layout: the image point under the pointer has not moved.
    const after = await layoutOf(image);
    const pointAfter = imagePointAt(after, pointer.x, pointer.y);
    expect(Math.abs(pointAfter.x - pointBefore.x)).toBeLessThan(0.5);
    expect(Math.abs(pointAfter.y - pointBefore.y)).toBeLessThan(0.5);
    await page.context().close();
  });

  it('reaches each corner by keys and by dragging, and steps to the next image with ]', async () => {
    const page = await signedInPage(browser, stack.baseUrl, 'analyst');
    const image = await openViewer(page, caseUrl, 'Open front of the document', 'Front of the document');
    const stageBox = await page
      .getByRole('group', { name: 'Front of the document: zoom and pan' })
      .boundingBox();
    if (stageBox === null) throw new Error('no stage');
    const zoomed = async (times: number) => {
      const width = (await layoutOf(image)).width;
      for (let press = 0; press < times; press += 1) await page.keyboard.press('+');
      await expect.poll(async () => (await layoutOf(image)).width).toBeGreaterThan(width * 1.2 ** times);
    };
    await zoomed(4);

    // Dragging far right and down brings the image's top-left corner into the pane's top-left.
    await page.mouse.move(stageBox.x + 10, stageBox.y + 10);
    await page.mouse.down();
    await page.mouse.move(stageBox.x + stageBox.width - 10, stageBox.y + stageBox.height - 10, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await layoutOf(image)).left).toBeCloseTo(stageBox.x, 0);
    expect((await layoutOf(image)).top).toBeGreaterThanOrEqual(stageBox.y - 0.5);

    // Holding the arrows the other way brings the bottom-right corner to the pane's bottom-right, no further.
    for (let press = 0; press < 40; press += 1) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
    }
    await expect
      .poll(async () => {
        const layout = await layoutOf(image);
        return layout.left + layout.width;
      })
      .toBeCloseTo(stageBox.x + stageBox.width, 0);
    const end = await layoutOf(image);
    expect(end.top + end.height).toBeLessThanOrEqual(stageBox.y + stageBox.height + 0.5);

    await page.keyboard.press(']');
    await page.getByRole('dialog', { name: 'Back of the document' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('shows the selfie beside the document photo under one view, axe-clean in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${stack.baseUrl}/login`);
      await page.getByLabel('Username').fill('analyst');
      await page.getByLabel('Password').fill('analyst-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));

      await openViewer(page, caseUrl, 'Open front of the document', 'Front of the document');
      expect(await blockingViolations(page, `image viewer ${colorScheme}`)).toEqual([]);

      await page.keyboard.press('s');
      const dialog = page.getByRole('dialog', { name: 'Selfie beside the document photo' });
      const selfie = dialog.getByRole('img', { name: 'Selfie' });
      const front = dialog.getByRole('img', { name: 'Front of the document' });
      for (const image of [selfie, front]) {
        await expect
          .poll(() =>
            image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0),
          )
          .toBe(true);
      }
      const pane = await dialog.getByRole('group', { name: 'Selfie: zoom and pan' }).boundingBox();
      if (pane === null) throw new Error('no selfie pane');
      const contentOf = (image: Locator) =>
        image.evaluate((element) => (element.parentElement as HTMLElement).style.transform);
      const fitted = await contentOf(selfie);
      await page.mouse.move(pane.x + pane.width / 3, pane.y + pane.height / 3);
      await page.mouse.wheel(0, -300);
      await expect.poll(() => contentOf(selfie)).not.toBe(fitted);
      expect(await contentOf(front)).toBe(await contentOf(selfie));
      expect(await blockingViolations(page, `side by side ${colorScheme}`)).toEqual([]);
      await context.close();
    }
  });
});
