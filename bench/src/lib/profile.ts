import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * Records what the page does between start and stop: a V8 CPU profile (`<file>.cpuprofile`, sampled every
 * 100 µs) and a Chromium trace of the main thread's tasks, style, layout and paint (`<file>.trace.json`), both
 * opened by Chromium's DevTools (Performance panel). Build the SPA with `vite build --minify false` first to
 * read the functions' names.
 */
export async function startProfile(page: Page): Promise<(file: string) => Promise<void>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing',
    transferMode: 'ReturnAsStream',
  });
  return async (file) => {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    const complete = new Promise<string>((resolve) =>
      cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')),
    );
    await cdp.send('Tracing.end');
    const stream = await complete;
    let trace = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream });
      trace += chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    writeFileSync(`${file}.trace.json`, trace);
    await cdp.detach();
  };
}
