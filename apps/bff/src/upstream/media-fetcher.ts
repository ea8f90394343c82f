import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import { UpstreamError, type UpstreamProvider } from './errors';
import {
  type CallContext,
  DEFAULT_TIMEOUTS,
  resolveTimeouts,
  startDeadline,
  transportError,
  type UpstreamTimeouts,
} from './http';
import { isPrivateAddress, MediaHosts, publicOnlyLookup, type ResolveAll } from './media-hosts';

export interface MediaResponse {
  statusCode: number;
  headers: Dispatcher.ResponseData['headers'];
  /** Must be consumed or destroyed; the deadline destroys it otherwise. */
  body: Readable;
}

export interface MediaFetchOptions {
  /** Forwarded as the `range` request header. */
  range?: string;
}

export interface MediaFetcher {
  /**
   * GETs a media URL taken from a provider payload. Any HTTP status is returned as is (redirects are not
   * followed); only transport failures throw. The deadline covers the body transfer too.
   */
  fetch(url: string, options?: MediaFetchOptions): Promise<MediaResponse>;
  close(): Promise<void>;
}

export interface MediaFetcherOptions {
  /** The provider whose payloads carry the URLs, named in errors. */
  provider?: UpstreamProvider;
  timeouts?: Partial<UpstreamTimeouts>;
  /**
   * The only hosts media is fetched from (`host`, `host:port`, `*.domain`), none of them at a private address
   * unless that address is itself listed. Unset: any host (tests of the transport only).
   */
  hosts?: readonly string[];
  /** How media host names are resolved; tests point a name at a private address. */
  resolve?: ResolveAll;
}

/** Images and selfie videos take longer than JSON, so the whole-transfer budget is wider. */
export const DEFAULT_MEDIA_TIMEOUTS: UpstreamTimeouts = { ...DEFAULT_TIMEOUTS, deadlineMs: 30_000 };

const MAX_CONNECTIONS_PER_ORIGIN = 16;
const KEEP_ALIVE_MS = 30_000;

export function createMediaFetcher(options: MediaFetcherOptions = {}): MediaFetcher {
  const provider = options.provider ?? 'capa';
  const timeouts = resolveTimeouts(options.timeouts, DEFAULT_MEDIA_TIMEOUTS);
  // Media may live on any host (a CDN), so one Agent keeps a keep-alive pool per origin it meets.
  const agentOptions = {
    connections: MAX_CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: KEEP_ALIVE_MS,
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  };
  const hosts = options.hosts === undefined ? null : new MediaHosts({ hosts: options.hosts });
  // For listed private addresses (the sandbox) and for tests without a host list.
  const agent = new Agent(agentOptions);
  // Every other host connects only to a public address, checked as the name is resolved.
  const publicAgent = new Agent({ ...agentOptions, connect: { lookup: publicOnlyLookup(options.resolve) } });

  // Signed media URLs carry credentials in their query string: errors never quote the URL.
  const invalidUrl = (reason: string) =>
    new UpstreamError(`${provider} fetchMedia: unusable response (${reason})`, {
      provider,
      kind: 'bad_response',
      operation: 'fetchMedia',
    });

  // Closing twice (shutdown hooks, tests) must not throw.
  let closing: Promise<void> | undefined;

  return {
    async fetch(rawUrl, fetchOptions = {}) {
      let url: URL;
      try {
        url = new URL(rawUrl);
      } catch {
        throw invalidUrl('media URL is not a URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl('media URL is not http(s)');
      const allowed = hosts?.match(url);
      if (hosts && !allowed) throw invalidUrl('media URL is not on a media host');
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (hosts && !allowed?.privateAllowed && isIP(literal) !== 0 && isPrivateAddress(literal)) {
        throw invalidUrl('media URL points at a private address');
      }
      const dispatcher = hosts && !allowed?.privateAllowed ? publicAgent : agent;

      const ctx: CallContext = {
        provider,
        operation: 'fetchMedia',
        deadline: startDeadline(timeouts.deadlineMs),
      };
      try {
        const response = await dispatcher.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers: fetchOptions.range === undefined ? {} : { range: fetchOptions.range },
          signal: ctx.deadline.signal,
        });
        response.body.once('close', () => ctx.deadline.dispose());
        return { statusCode: response.statusCode, headers: response.headers, body: response.body };
      } catch (error) {
        ctx.deadline.dispose();
        if (refusedAddress(error)) throw invalidUrl('media host resolves to a private address');
        throw transportError(error, ctx);
      }
    },
    close: () => {
      closing ??= Promise.all([agent.close(), publicAgent.close()]).then(() => undefined);
      return closing;
    },
  };
}

/** Whether a connection failed because the name resolved to a private address (publicOnlyLookup). */
function refusedAddress(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    if ((cause as NodeJS.ErrnoException).code === 'EMEDIAPRIVATE') return true;
    cause = cause.cause;
  }
  return false;
}
