import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialRoute } from '../../../bench/src/lib/bundle';
import { ensureWebBuilt } from './support/stack';

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

describe('the built SPA', () => {
  beforeAll(() => ensureWebBuilt());

  it('loads at most 200 KB of JavaScript (gzip) for the first route, the queue', () => {
    // The measure `pnpm bench` reports (bench/src/lib/bundle.ts). Every session starts on the queue, on the
    // laptops analysts have: its code is held to a budget rather than left to grow with each feature.
    const route = initialRoute(webDist);
    expect(route.files.size).toBeGreaterThan(1);
    expect(route.gzipBytes).toBeLessThanOrEqual(200 * 1024);
  });
});
