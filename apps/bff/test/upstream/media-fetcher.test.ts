import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMediaFetcher, type MediaFetcherOptions } from '../../src/upstream/media-fetcher';
import { expectNoSecrets, type Script, startScriptedServer, upstreamFailure } from './scripted-server';

const IMAGE = Buffer.from('\x89PNG fake image bytes for the selfie', 'latin1');

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup(script: Script, options: MediaFetcherOptions = {}) {
  const server = await startScriptedServer(script);
  const media = createMediaFetcher(options);
  cleanups.push(async () => {
    await media.close();
    await server.close();
  });
  return { server, media };
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const serveImage: Script = (req, res) => {
  const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
  if (range?.[1] !== undefined && range[2] !== undefined) {
    const [start, end] = [Number(range[1]), Number(range[2])];
    res.writeHead(206, {
      'content-type': 'image/png',
      'content-range': `bytes ${start}-${end}/${IMAGE.length}`,
      'content-length': end - start + 1,
    });
    res.end(IMAGE.subarray(start, end + 1));
    return;
  }
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': IMAGE.length });
  res.end(IMAGE);
};

describe('createMediaFetcher', () => {
  it('streams a media file with its status and headers', async () => {
    const { server, media } = await setup(serveImage);
    const response = await media.fetch(`${server.origin}/id/front.png?X-Amz-Signature=abc`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(await readAll(response.body)).toEqual(IMAGE);
    expect(server.requests[0]?.url).toBe('/id/front.png?X-Amz-Signature=abc');
  });

  it('forwards a range and returns the partial answer', async () => {
    const { server, media } = await setup(serveImage);
    const response = await media.fetch(`${server.origin}/selfie.mp4`, { range: 'bytes=0-3' });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-3/${IMAGE.length}`);
    expect(await readAll(response.body)).toEqual(IMAGE.subarray(0, 4));
    expect(server.requests[0]?.headers.range).toBe('bytes=0-3');
  });

  it('fetches from any host with the same fetcher', async () => {
    const { server, media } = await setup(serveImage);
    const cdn = await startScriptedServer(serveImage);
    cleanups.push(() => cdn.close());
    await readAll((await media.fetch(`${server.origin}/a.png`)).body);
    await readAll((await media.fetch(`${cdn.origin}/b.png`)).body);
    expect(server.count()).toBe(1);
    expect(cdn.count()).toBe(1);
  });

  it('returns a redirect as is instead of following it', async () => {
    const { server, media } = await setup((req, res) => {
      if (req.url === '/moved.png') {
        res.writeHead(302, { location: '/elsewhere.png', 'content-length': 0 });
        res.end();
      } else {
        serveImage(req, res);
      }
    });
    const response = await media.fetch(`${server.origin}/moved.png`);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/elsewhere.png');
    response.body.resume();
    expect(server.count()).toBe(1);
  });

  it('does not retry', async () => {
    const { server, media } = await setup((_req, res) => res.socket?.destroy());
    const error = await upstreamFailure(media.fetch(`${server.origin}/a.png?token=media-secret`));
    expect(error).toMatchObject({ provider: 'capa', kind: 'unavailable', operation: 'fetchMedia' });
    expectNoSecrets(error, ['media-secret', server.origin]);
    expect(server.count()).toBe(1);
  });

  // The deadline is what ends these fetches: without it the silent host would outlast the test's timeout.
  it('answers timeout once the deadline passes when the host never answers', {
    timeout: 10_000,
  }, async () => {
    const { server, media } = await setup(() => undefined, { timeouts: { deadlineMs: 250 } });
    const error = await upstreamFailure(media.fetch(`${server.origin}/a.png`));
    expect(error.kind).toBe('timeout');
  });

  it('cuts a body transfer that outlasts the deadline', { timeout: 10_000 }, async () => {
    const { server, media } = await setup(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 1_000 });
        res.write(Buffer.alloc(10));
      },
      { timeouts: { deadlineMs: 250 } },
    );
    const response = await media.fetch(`${server.origin}/selfie.mp4`);
    await expect(readAll(response.body)).rejects.toThrow();
    await media.close();
    await server.waitForNoOpenSockets(1_000);
  });

  it('refuses URLs that are not http(s) without quoting them', async () => {
    const media = createMediaFetcher({ provider: 'connectfi' });
    cleanups.push(() => media.close());
    for (const url of ['file:///etc/passwd?k=secret-q', 'not a url secret-q']) {
      const error = await upstreamFailure(media.fetch(url));
      expect(error).toMatchObject({ provider: 'connectfi', kind: 'bad_response' });
      expectNoSecrets(error, ['secret-q', 'passwd']);
    }
  });
});
