import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { chunkGraph, chunkName, gzipSize, indexHtmlFiles, initialRoute } from '../lib/bundle';
import { msSince, quantile } from '../lib/stats';
import { kb, ms, notRun, type Row, verdict } from '../lib/table';

/**
 * e (sizes). What index.html loads, the queue route on top of it (its root and queue chunks, when those are
 * lazy), and each lazily loaded chunk (pages, and parts of pages loaded on use), gzipped.
 */
export function bundleRows(distDir: string): Row[] {
  const graph = chunkGraph(distDir);
  const { styles } = indexHtmlFiles(distDir);
  const { initial, files: queueRoute, gzipBytes: queueJs } = initialRoute(distDir);
  const rows: Row[] = [
    {
      section: 'e. SPA',
      metric: 'index.html JS (entry + modulepreloads), gzip',
      value: kb(graph.size(initial)),
      reference: `${initial.size} files; CSS ${styles.length ? kb(graph.size(styles)) : 'none (CSS-in-JS)'}`,
      target: '',
      verdict: '',
    },
    {
      section: 'e. SPA',
      metric: 'initial route (/queue: index.html + lazy root and queue chunks, if any), JS gzip',
      value: kb(queueJs),
      reference: `${queueRoute.size} files`,
      target: '≤ 200 KB',
      verdict: verdict(queueJs <= 200 * 1024),
    },
  ];
  for (const file of [...graph.lazy].sort()) {
    const extra = [...graph.closure([file])].filter((dependency) => !initial.has(dependency));
    rows.push({
      section: 'e. SPA',
      metric: `lazy chunk ${chunkName(file)}, gzip`,
      value: kb(gzipSize(path.join(graph.assets, file))),
      reference: `with its own dependencies ${kb(graph.size(extra))}`,
      target: '',
      verdict: '',
    });
  }
  return rows;
}

export interface SpaPages {
  baseUrl: string;
  /** A case whose subject has images and a selfie video. */
  caseId: string;
  runs: number;
}

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  // Headless Chromium builds the omnibox popup's WebUI for every new window (each fresh context): some 400
  // chrome:// modules evaluated in a renderer of their own while the page under test loads, on the same cores.
  // A reviewer's browser has its window open already; this is the browser starting up, not the page.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];

export function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : null;
}

/**
 * What "the case page is ready to review" means: its sections drawn (the timeline and the related cases, in
 * the side column, included) with nothing still loading, every image decoded and the video's metadata in.
 */
function caseReady(): boolean {
  const images = [...document.images];
  const videos = [...document.querySelectorAll('video')];
  return (
    document.querySelector('section[aria-label="Timeline"]') !== null &&
    document.querySelector('section[aria-label="Related cases"]') !== null &&
    document.querySelector('[aria-busy="true"]') === null &&
    images.length > 0 &&
    videos.length > 0 &&
    images.every((image) => image.complete && image.naturalWidth > 0) &&
    videos.every((video) => video.readyState >= 1)
  );
}

/** The queue has drawn its first rows (laid out, not merely in the document). */
function queueReady(): boolean {
  const row = document.querySelector('tbody tr[data-index]');
  return row !== null && row.getBoundingClientRect().height > 0;
}

/**
 * Resolves once `ready` holds in the page, checked on every animation frame by a few lines run in the page.
 * Not Playwright's waitForFunction: that first installs Playwright's own injected script (some hundreds of KB
 * compiled and run on the page's main thread, with its polling machinery), which is the harness's work, not
 * the page's, and competed with the page for the same thread while it loaded.
 */
async function waitInPage(devtools: CDPSession, ready: () => boolean, timeoutMs: number): Promise<void> {
  const expression = `new Promise((resolve) => {
    const ready = ${ready.toString()};
    const check = () => (ready() ? resolve(true) : requestAnimationFrame(check));
    check();
  })`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([
      devtools.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }),
      timeout,
    ]);
    if (result.exceptionDetails) throw new Error(`readiness check failed: ${result.exceptionDetails.text}`);
  } finally {
    clearTimeout(timer);
  }
}

/** BENCH_SPA_WATERFALL=1 prints each page load's timeline (Navigation and Resource Timing) to stderr. */
const diagnose = process.env.BENCH_SPA_WATERFALL === '1';

/** Where a page load's time went: each request's start, first byte and end, in ms from the navigation's start. */
async function waterfall(page: Page, url: string, startedAt: number, total: number): Promise<string> {
  // No named functions inside: tsx wraps those in a __name() helper the page does not have.
  const timing = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const entries = [
      navigation,
      ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]),
    ].map((entry) => ({
      name: entry.name.replace(location.origin, ''),
      start: Math.round(entry.startTime),
      firstByte: Math.round(entry.responseStart),
      end: Math.round(entry.responseEnd),
      kb: Math.round(entry.transferSize / 102.4) / 10,
    }));
    const marks = performance
      .getEntriesByType('paint')
      .map((entry) => `${entry.name} ${Math.round(entry.startTime)}`);
    return {
      timeOrigin: performance.timeOrigin,
      now: Math.round(performance.now()),
      domInteractive: Math.round(navigation.domInteractive),
      entries,
      marks,
    };
  });
  const lines = [
    `${url}: ${Math.round(total)} ms; navigation started ${Math.round(timing.timeOrigin - startedAt)} ms after goto; ` +
      `domInteractive ${timing.domInteractive}; ${timing.marks.join(', ')}; ready seen at ${timing.now}`,
    ...timing.entries.map(
      (entry) =>
        `  ${String(entry.start).padStart(5)} ${String(entry.firstByte).padStart(5)} ${String(entry.end).padStart(5)}  ${entry.name} (${entry.kb} KB)`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** e (timings). Each navigation in a fresh browser context (cold cache), signed in as the analyst. */
export async function pageRows(pages: SpaPages, executablePath: string): Promise<Row[]> {
  const browser: Browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  const viewport = { width: 1440, height: 2400 };
  try {
    const signIn = await browser.newContext({ baseURL: pages.baseUrl, viewport });
    const login = await signIn.request.post('/api/auth/login', {
      data: { username: 'analyst', password: 'analyst-demo' },
    });
    if (!login.ok()) throw new Error(`browser sign-in failed: ${login.status()}`);
    const storageState = await signIn.storageState();
    await signIn.close();

    const time = async (url: string, ready: () => boolean) => {
      const samples: number[] = [];
      for (let run = 0; run < pages.runs; run++) {
        const context = await browser.newContext({ baseURL: pages.baseUrl, viewport, storageState });
        const page = await context.newPage();
        const devtools = await context.newCDPSession(page);
        const startedAt = Date.now();
        const start = process.hrtime.bigint();
        await page.goto(url, { waitUntil: 'commit' });
        await waitInPage(devtools, ready, 15_000);
        samples.push(msSince(start));
        if (diagnose) process.stderr.write(await waterfall(page, url, startedAt, samples.at(-1) as number));
        await context.close();
      }
      return samples;
    };
    const queue = await time('/queue', queueReady);
    const casePage = await time(`/cases/${pages.caseId}`, caseReady);
    const caseMedian = quantile(casePage, 0.5);
    return [
      {
        section: 'e. SPA',
        metric: `navigation to the queue's first rows (median of ${pages.runs}, cold)`,
        value: ms(quantile(queue, 0.5)),
        reference: `min ${ms(Math.min(...queue))}, max ${ms(Math.max(...queue))}`,
        target: '',
        verdict: '',
        data: { queue },
      },
      {
        section: 'e. SPA',
        metric: `case page fully rendered, media loaded (median of ${pages.runs}, cold)`,
        value: ms(caseMedian),
        reference: `min ${ms(Math.min(...casePage))}, max ${ms(Math.max(...casePage))}`,
        target: '≤ 800 ms',
        verdict: verdict(caseMedian <= 800),
        data: { casePage },
      },
    ];
  } catch (error) {
    return [notRun('e. SPA', 'page timings', `failed: ${String(error).split('\n')[0]}`)];
  } finally {
    await browser.close();
  }
}
