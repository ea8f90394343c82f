import { afterEach, describe, expect, it } from 'vitest';
import { createMediaFetcher, type MediaFetcherOptions } from '../../src/upstream/media-fetcher';
import { isPrivateAddress, MediaHosts, type ResolveAll } from '../../src/upstream/media-hosts';
import { startScriptedServer } from './scripted-server';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup(options: (port: string) => MediaFetcherOptions) {
  const server = await startScriptedServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end('png');
  });
  const port = new URL(server.origin).port;
  const media = createMediaFetcher(options(port));
  cleanups.push(async () => {
    await media.close();
    await server.close();
  });
  return { server, media, port };
}

/** A resolver that answers every name with these addresses, as a hostile or misconfigured DNS would. */
const resolvingTo =
  (...addresses: string[]): ResolveAll =>
  (_hostname, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('media hosts', () => {
  it('knows private, loopback and link-local addresses, IPv4-mapped IPv6 included', () => {
    for (const address of [
      '10.0.0.1',
      '127.0.0.1',
      '169.254.169.254',
      '172.16.5.4',
      '192.168.1.1',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '[::1]',
      'not-an-address',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('matches listed hosts, ports and subdomains, and allows private addresses only where listed as such', () => {
    const hosts = new MediaHosts({ hosts: ['cdn.capa.fi', '*.s3.amazonaws.com', '127.0.0.1:4010'] });
    const match = (url: string) => hosts.match(new URL(url));
    expect(match('https://cdn.capa.fi/selfie.jpg')).toEqual({ privateAllowed: false });
    expect(match('https://CDN.capa.fi:8443/selfie.jpg')).toEqual({ privateAllowed: false });
    expect(match('https://bucket.s3.amazonaws.com/a')).toEqual({ privateAllowed: false });
    expect(match('http://127.0.0.1:4010/media/x')).toEqual({ privateAllowed: true });
    for (const url of [
      'https://cdn.capa.fi.evil.example/selfie.jpg',
      'https://s3.amazonaws.com/a',
      'http://127.0.0.1:4011/media/x',
      'http://127.0.0.1/media/x',
      'http://[::ffff:7f00:1]:4010/media/x',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      expect(match(url), url).toBeNull();
    }
  });

  it('fetches from a listed address, and refuses any other host without connecting', async () => {
    const { server, media, port } = await setup((port) => ({ hosts: [`127.0.0.1:${port}`] }));
    expect((await media.fetch(`http://127.0.0.1:${port}/front.png`)).statusCode).toBe(200);
    for (const url of [`http://localhost:${port}/front.png`, `http://[::1]:${port}/x`, 'http://10.0.0.1/x']) {
      await expect(media.fetch(url), url).rejects.toMatchObject({ kind: 'bad_response' });
    }
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a listed name that resolves to a private address, checking every address it has', async () => {
    for (const addresses of [['127.0.0.1'], ['::ffff:127.0.0.1'], ['93.184.216.34', '127.0.0.1']]) {
      const { server, media, port } = await setup(() => ({
        hosts: ['media.example'],
        resolve: resolvingTo(...addresses),
      }));
      await expect(
        media.fetch(`http://media.example:${port}/front.png`),
        addresses.join(),
      ).rejects.toMatchObject({
        kind: 'bad_response',
        message: expect.stringContaining('private address'),
      });
      expect(server.requests).toHaveLength(0);
    }
  });

  it('refuses a private address literal that is not itself listed', async () => {
    const { server, media, port } = await setup(() => ({ hosts: ['*.example'] }));
    await expect(media.fetch(`http://127.0.0.1:${port}/front.png`)).rejects.toMatchObject({
      kind: 'bad_response',
    });
    expect(server.requests).toHaveLength(0);
  });
});
