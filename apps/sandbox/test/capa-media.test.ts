import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange } from '../src/capa/media';
import type { CapaUserSeed } from '../src/population/types';
import { type RunningCapa, startCapa, type TestClock, testClock } from './capa-harness';

let capa: RunningCapa;
let clock: TestClock;
let user: CapaUserSeed;
let media: Record<string, string>;

const ttlSeconds = 600;
const pathOf = (url: string | undefined) => {
  if (!url) throw new Error('missing media URL');
  const { pathname, search } = new URL(url);
  return pathname + search;
};

async function bytes(path: string, headers: Record<string, string> = {}) {
  const res = await request(capa.url + path, { headers });
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

beforeAll(async () => {
  clock = testClock();
  capa = await startCapa({ mediaUrlTtlSeconds: ttlSeconds }, { now: clock.now });
  const found = capa.population.capa.find((u) => u.media.length === 4);
  if (!found) throw new Error('no user with all four media');
  user = found;
  const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${user.userId}`);
  media = (res.json() as { data: { media: Record<string, string> } }).data.media;
});

afterAll(() => capa.close());

describe('pre-signed media links', () => {
  it('serve the rendered images and video without an API key until they expire', async () => {
    const front = await capa.call('GET', pathOf(media.frontIdImageUrl), { key: null });
    expect(front.status).toBe(200);
    expect(front.headers['content-type']).toBe('image/png');
    expect(front.headers['accept-ranges']).toBe('bytes');
    const video = await capa.call('GET', pathOf(media.selfieVideoUrl), { key: null });
    expect(video.status).toBe(200);
    expect(video.headers['content-type']).toBe('video/mp4');
    expect(Number(video.headers['content-length'])).toBeGreaterThan(1000);

    clock.advance(ttlSeconds - 5);
    expect((await capa.call('GET', pathOf(media.selfieImageUrl), { key: null })).status).toBe(200);
    clock.advance(10);
    const expired = await capa.call('GET', pathOf(media.selfieImageUrl), { key: null });
    expect(expired.status).toBe(403);
    expect(expired.headers['content-type']).toMatch(/xml/);
    expect(expired.text).toContain('Request has expired');
    clock.advance(-(ttlSeconds + 5));
  });

  it('refuse forged, altered and unsigned links with 403', async () => {
    const url = new URL(media.backIdImageUrl ?? '');
    const sig = url.searchParams.get('sig') ?? '';
    url.searchParams.set('sig', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    const forged = await capa.call('GET', url.pathname + url.search, { key: null });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('SignatureDoesNotMatch');

    const otherKind = pathOf(media.backIdImageUrl).replace('/back?', '/front?');
    expect((await capa.call('GET', otherKind, { key: null })).status).toBe(403);
    const later = new URL(media.backIdImageUrl ?? '');
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    expect((await capa.call('GET', later.pathname + later.search, { key: null })).status).toBe(403);
    const unsigned = await capa.call('GET', `/media/${user.userId}/front`, { key: null });
    expect(unsigned.status).toBe(403);
  });

  it('answer 404 for a kind that does not exist', async () => {
    const res = await capa.call('GET', `/media/${user.userId}/passport?expires=1&sig=00`, { key: null });
    expect(res.status).toBe(404);
    expect(res.text).toContain('NoSuchKey');
  });

  it('list only the media a partial session captured', async () => {
    const partial = capa.population.capa.find((u) => u.scenarioTags.includes('partial:no-media'));
    const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${partial?.userId}`);
    expect((res.json() as { data: Record<string, unknown> }).data).not.toHaveProperty('media');
    const some = capa.population.capa.find((u) => u.scenarioTags.includes('partial:some-media'));
    const res2 = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${some?.userId}`);
    expect(Object.keys((res2.json() as { data: { media: object } }).data.media).sort()).toEqual([
      'frontIdImageUrl',
      'selfieImageUrl',
    ]);
  });
});

describe('byte ranges on media', () => {
  it('answer 206 with Content-Range for a range, the same bytes as the whole body', async () => {
    const path = pathOf(media.selfieVideoUrl);
    const whole = await bytes(path);
    const size = whole.body.length;
    const first = await bytes(path, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${size}`);
    expect(first.body.equals(whole.body.subarray(0, 100))).toBe(true);
    const tail = await bytes(path, { range: 'bytes=-50' });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes ${size - 50}-${size - 1}/${size}`);
    expect(tail.body.equals(whole.body.subarray(size - 50))).toBe(true);
    const middle = await bytes(path, { range: `bytes=1000-${size + 500}` });
    expect(middle.body.equals(whole.body.subarray(1000))).toBe(true);
  });

  it('answer 416 when the range starts past the end', async () => {
    const path = pathOf(media.selfieVideoUrl);
    const size = Number((await capa.call('GET', path, { key: null })).headers['content-length']);
    const res = await capa.call('GET', path, { key: null, headers: { range: `bytes=${size}-` } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${size}`);
  });

  it('parse the range forms a player sends, and ignore what they cannot mean', () => {
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=95-200', 100)).toEqual({ start: 95, end: 99 });
    expect(parseRange('bytes=-200', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});
