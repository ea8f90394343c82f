import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
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

const traceTo = process.env.BENCH_SPA_TRACE;
let traces = 0;
const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

/** BENCH_SPA_WATERFALL=1 prints each page load's timeline (Navigation and Resource Timing) to stderr. */
const diagnose = process.env.BENCH_SPA_WATERFALL === '1';

/**
 * Where a page load's time went: each request's start, when it was sent (a connection free), first byte and
 * end, in ms from the navigation's start.
 */
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
      // Sent once a connection was free: HTTP/1.1 allows six per origin, the rest wait (queued).
      sent: Math.round(entry.requestStart || entry.startTime),
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
        `  ${String(entry.start).padStart(5)} ${String(entry.sent).padStart(5)} ${String(entry.firstByte).padStart(5)} ${String(entry.end).padStart(5)}  ${entry.name} (${entry.kb} KB)`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The floor page (apps/web/floor) has drawn the session it asked for, inside the app's shell. */
function floorReady(): boolean {
  const section = document.querySelector('section[aria-label="Floor"]');
  return section !== null && section.getBoundingClientRect().height > 0;
}

/** Time to ready, in ms, of each visit: the first in a fresh browser context, the repeat in the same one. */
interface Visits {
  first: number[];
  repeat: number[];
}

const spread = (samples: number[]) => `min ${ms(Math.min(...samples))}, max ${ms(Math.max(...samples))}`;

/**
 * e (timings). Each page is opened in a fresh, signed-in browser context (first visit: nothing cached), then
 * again in a new tab of the same context (repeat visit: the HTTP cache holds what the first visit kept). The
 * floor (apps/web/floor: the same stack, with one small JSON request) and the pages take turns run by run, so
 * the case page's distance from the floor compares loads made under the same load on the machine.
 */
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

    const visit = async (context: BrowserContext, url: string, ready: () => boolean) => {
      const page = await context.newPage();
      const devtools = await context.newCDPSession(page);
      const startedAt = Date.now();
      const start = process.hrtime.bigint();
      if (traceTo)
        await browser.startTracing(page, {
          path: `${traceTo}-${++traces}.json`,
          categories: traceCategories,
        });
      await page.goto(url, { waitUntil: 'commit' });
      await waitInPage(devtools, ready, 15_000);
      const sample = msSince(start);
      if (traceTo) await browser.stopTracing();
      if (diagnose) process.stderr.write(await waterfall(page, url, startedAt, sample));
      await page.close();
      return sample;
    };
    const load = async (url: string, ready: () => boolean, visits: Visits) => {
      const context = await browser.newContext({ baseURL: pages.baseUrl, viewport, storageState });
      visits.first.push(await visit(context, url, ready));
      visits.repeat.push(await visit(context, url, ready));
      await context.close();
    };
    const floor: Visits = { first: [], repeat: [] };
    const queue: Visits = { first: [], repeat: [] };
    const casePage: Visits = { first: [], repeat: [] };
    for (let run = 0; run < pages.runs; run++) {
      await load('/floor/index.html', floorReady, floor);
      await load('/queue', queueReady, queue);
      await load(`/cases/${pages.caseId}`, caseReady, casePage);
    }
    const median = (samples: number[]) => quantile(samples, 0.5);
    const caseRow = (visit: keyof Visits, label: string, cap: number | null): Row => {
      const value = median(casePage[visit]);
      const floorValue = median(floor[visit]);
      const held = value <= floorValue + 250 && (cap === null || value <= cap);
      return {
        section: 'e. SPA',
        metric: `case page fully rendered, media loaded (median of ${pages.runs}, ${label})`,
        value: ms(value),
        reference: `floor ${ms(floorValue)} (+${ms(value - floorValue)}); ${spread(casePage[visit])}`,
        target: cap === null ? '≤ floor + 250 ms' : `≤ floor + 250 ms, ≤ ${cap} ms`,
        verdict: verdict(held),
        data: { casePage: casePage[visit], floor: floor[visit] },
      };
    };
    return [
      {
        section: 'e. SPA',
        metric: `floor: the same stack drawing one small JSON (median of ${pages.runs}, first / repeat visit)`,
        value: `${ms(median(floor.first))} / ${ms(median(floor.repeat))}`,
        reference: `first ${spread(floor.first)}`,
        target: '',
        verdict: '',
        data: { floor },
      },
      {
        section: 'e. SPA',
        metric: `navigation to the queue's first rows (median of ${pages.runs}, first / repeat visit)`,
        value: `${ms(median(queue.first))} / ${ms(median(queue.repeat))}`,
        reference: `first ${spread(queue.first)}`,
        target: '',
        verdict: '',
        data: { queue },
      },
      caseRow('first', 'first visit, cold', 800),
      caseRow('repeat', 'repeat visit', null),
    ];
  } catch (error) {
    return [notRun('e. SPA', 'page timings', `failed: ${String(error).split('\n')[0]}`)];
  } finally {
    await browser.close();
  }
}
