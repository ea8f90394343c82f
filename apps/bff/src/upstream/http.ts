import { EventEmitter } from 'node:events';
import { type Dispatcher, Pool } from 'undici';
import { UpstreamError, type UpstreamProvider } from './errors';
import { sendForText, type WholeResponse } from './whole-response';

export interface UpstreamTimeouts {
  /** TCP (and TLS) connection set-up. */
  connectMs: number;
  /** From request sent to response headers received. */
  headersMs: number;
  /** Longest silence between two body chunks. */
  bodyMs: number;
  /** Whole call, every attempt, back-off and token refresh included. */
  deadlineMs: number;
}

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = {
  connectMs: 2_000,
  headersMs: 5_000,
  bodyMs: 10_000,
  deadlineMs: 10_000,
};

export function resolveTimeouts(
  overrides: Partial<UpstreamTimeouts> | undefined,
  defaults: UpstreamTimeouts = DEFAULT_TIMEOUTS,
): UpstreamTimeouts {
  return { ...defaults, ...overrides };
}

/** JSON answers larger than this are not case data; refusing them bounds memory per call. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;
const MAX_CONNECTIONS_PER_ORIGIN = 32;
const KEEP_ALIVE_MS = 30_000;

export interface UpstreamPool {
  pool: Pool;
  /** Path of the base URL without trailing slash, prepended to every request path. */
  pathPrefix: string;
}

/** One keep-alive pool for the origin of `baseUrl`; any path in `baseUrl` becomes a prefix. */
export function createUpstreamPool(baseUrl: string, timeouts: UpstreamTimeouts): UpstreamPool {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError('upstream base URL must use http or https');
  }
  const pool = new Pool(url.origin, {
    connections: MAX_CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: KEEP_ALIVE_MS,
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    maxResponseSize: MAX_JSON_BYTES,
  });
  return { pool, pathPrefix: url.pathname.replace(/\/+$/, '') };
}

/**
 * Fires `abort` once, when a deadline runs out. An EventEmitter rather than an AbortController: undici takes
 * either as a request's `signal`, and this one costs a fraction to create and to listen to, on every read.
 */
export class DeadlineSignal extends EventEmitter {
  aborted = false;
}

function expire(signal: DeadlineSignal) {
  signal.aborted = true;
  signal.emit('abort');
}

/** The time budget of one call: a signal that fires when it runs out. */
export class Deadline {
  readonly signal = new DeadlineSignal();
  readonly #endsAt: number;
  readonly #timer: NodeJS.Timeout;

  constructor(readonly budgetMs: number) {
    this.#endsAt = performance.now() + budgetMs;
    this.#timer = setTimeout(expire, budgetMs, this.signal);
  }

  remainingMs(): number {
    return Math.max(0, this.#endsAt - performance.now());
  }

  expired(): boolean {
    return this.signal.aborted;
  }

  /** Stops the timer; call once the call has settled. */
  dispose(): void {
    clearTimeout(this.#timer);
  }
}

export function startDeadline(budgetMs: number): Deadline {
  return new Deadline(budgetMs);
}

export interface CallContext {
  provider: UpstreamProvider;
  operation: string;
  deadline: Deadline;
}

function deadlineError(ctx: CallContext, cause?: unknown): UpstreamError {
  return new UpstreamError(
    `${ctx.provider} ${ctx.operation}: timed out (no answer within ${ctx.deadline.budgetMs} ms)`,
    { provider: ctx.provider, kind: 'timeout', operation: ctx.operation, cause },
  );
}

/**
 * Settles with `promise`, or with a timeout error as soon as the deadline passes. The listener is not removed:
 * the caller disposes of the deadline once this settles, so the signal never fires afterwards.
 */
function raceDeadline<T>(promise: Promise<T>, ctx: CallContext): Promise<T> {
  const { signal } = ctx.deadline;
  if (signal.aborted) return Promise.reject(deadlineError(ctx));
  return new Promise<T>((resolve, reject) => {
    signal.on('abort', () => reject(deadlineError(ctx)));
    promise.then(resolve, reject);
  });
}

/** Runs `call` under a fresh deadline and guarantees it settles when the deadline passes. */
export async function withDeadline<T>(
  provider: UpstreamProvider,
  operation: string,
  budgetMs: number,
  call: (ctx: CallContext) => Promise<T>,
): Promise<T> {
  const ctx: CallContext = { provider, operation, deadline: startDeadline(budgetMs) };
  try {
    return await raceDeadline(call(ctx), ctx);
  } finally {
    ctx.deadline.dispose();
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Maps a failure below HTTP (socket, timers, abort) to an UpstreamError. */
export function transportError(error: unknown, ctx: CallContext): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (ctx.deadline.expired()) return deadlineError(ctx, error);
  const code = errorCode(error);
  const details = { provider: ctx.provider, operation: ctx.operation, cause: error };
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new UpstreamError(`${ctx.provider} ${ctx.operation}: timed out (${code})`, {
      ...details,
      kind: 'timeout',
    });
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    return new UpstreamError(`${ctx.provider} ${ctx.operation}: unusable response (body too large)`, {
      ...details,
      kind: 'bad_response',
    });
  }
  return new UpstreamError(`${ctx.provider} ${ctx.operation}: unreachable (${code ?? 'network error'})`, {
    ...details,
    kind: 'unavailable',
  });
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is (a multipart upload) instead of `body` as JSON. */
  raw?: { contentType: string; bytes: Buffer };
}

export type JsonResponse =
  | { statusCode: number; parsed: true; body: unknown; text: string; reused?: true }
  | { statusCode: number; parsed: false };

/**
 * Sends one request and reads the whole answer as JSON; an unparseable body is reported, not thrown.
 * `unchanged` may recognise a 2xx answer's text as one already parsed, and give that parse instead (`reused`).
 */
export async function sendJson(
  dispatcher: Dispatcher,
  request: JsonRequest,
  ctx: CallContext,
  unchanged?: (text: string) => unknown,
): Promise<JsonResponse> {
  let response: WholeResponse;
  try {
    response = await sendForText(
      dispatcher,
      {
        method: request.method,
        path: request.path,
        headers: {
          accept: 'application/json',
          ...(request.raw !== undefined
            ? { 'content-type': request.raw.contentType }
            : request.body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
          ...request.headers,
        },
        body:
          request.raw !== undefined
            ? request.raw.bytes
            : request.body === undefined
              ? null
              : JSON.stringify(request.body),
      },
      ctx.deadline.signal,
    );
  } catch (error) {
    throw transportError(error, ctx);
  }
  const { statusCode, text } = response;
  if (unchanged !== undefined && statusCode >= 200 && statusCode < 300) {
    const body = unchanged(text);
    if (body !== undefined) return { statusCode, parsed: true, body, text, reused: true };
  }
  try {
    return { statusCode, parsed: true, body: JSON.parse(text) as unknown, text };
  } catch {
    return { statusCode, parsed: false };
  }
}
