import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors';
import { httpStatusFor, UpstreamError } from '../../upstream';

interface Envelope {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

const providerNames = { capa: 'Capa', connectfi: 'connectFi' } as const;

const upstreamMessages: Record<UpstreamError['kind'], string> = {
  not_found: 'does not know this subject',
  rejected: 'refused the request',
  unauthorized: 'refused our credentials; the deployment is misconfigured',
  bad_response: 'sent an answer we could not use',
  // The same plain words for each way of not answering; the code (upstream_timeout…) tells them apart.
  unavailable: 'is not answering',
  circuit_open: 'is not answering',
  timeout: 'is not answering',
};

function upstreamEnvelope(error: UpstreamError, requestId: string) {
  const details: Record<string, unknown> = { provider: error.provider, kind: error.kind };
  if (error.upstreamStatus !== undefined) details.upstreamStatus = error.upstreamStatus;
  if (error.upstreamCode !== undefined) details.upstreamCode = error.upstreamCode;
  const code = error.kind === 'not_found' ? 'subject_not_found' : `upstream_${error.kind}`;
  const message = `${providerNames[error.provider]} ${upstreamMessages[error.kind]}`;
  return { statusCode: httpStatusFor(error), body: { error: { code, message, requestId, details } } };
}

const fastifyCodes: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'Unsupported content type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_body', message: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_body', message: 'The body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'invalid_body',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_BAD_URL: { code: 'bad_url', message: 'The URL is not valid' },
  // The router refuses a path segment over maxParamLength (app.ts) before any route sees it.
  FST_ERR_MAX_PARAM_LENGTH: {
    code: 'path_segment_too_long',
    message: 'A part of the address is longer than 200 characters',
  },
};

/** The field an Ajv issue is about: an unknown or missing property is named, not just its parent. */
function fieldPath(issue: { instancePath: string; params?: Record<string, unknown> }): string {
  const params = issue.params ?? {};
  const named = params.additionalProperty ?? params.missingProperty;
  return typeof named === 'string' ? `${issue.instancePath}/${named}` : issue.instancePath;
}

function envelopeFor(error: FastifyError | Error, requestId: string): { statusCode: number; body: Envelope } {
  if (error instanceof ApiError) {
    const body: Envelope = { error: { code: error.code, message: error.message, requestId } };
    if (error.details !== undefined) body.error.details = error.details;
    return { statusCode: error.statusCode, body };
  }
  if (error instanceof UpstreamError) return upstreamEnvelope(error, requestId);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const details = fastifyError.validation.map((issue) => ({
      in: fastifyError.validationContext,
      path: fieldPath(issue),
      message: issue.message,
    }));
    const first = details[0];
    const named = first ? `${first.in ?? 'request'}${first.path} ${first.message}` : fastifyError.message;
    return {
      statusCode: 400,
      body: { error: { code: 'invalid_request', message: `Invalid request: ${named}`, requestId, details } },
    };
  }
  const known = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode === 429) {
    return {
      statusCode,
      body: { error: { code: 'rate_limited', message: 'Too many requests; try again later', requestId } },
    };
  }
  if (statusCode >= 400 && statusCode < 500) {
    return {
      statusCode,
      body: {
        error: {
          code: known?.code ?? 'bad_request',
          message: known?.message ?? 'The request is not valid',
          requestId,
        },
      },
    };
  }
  return {
    statusCode: 500,
    body: { error: { code: 'internal_error', message: 'Something went wrong on our side', requestId } },
  };
}

/** One error envelope for every 4xx and 5xx: `{ error: { code, message, requestId, details? } }`. */
export interface ErrorsOptions {
  /** The level of the line a refused request (a 4xx) gets: it is per-request, like the request lines. */
  refusalLogLevel?: 'info' | 'debug';
}

export default fp(
  async function errors(app: FastifyInstance, opts: ErrorsOptions) {
    const refusalLogLevel = opts.refusalLogLevel ?? 'info';
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const { statusCode, body } = envelopeFor(error, request.id);
      if (error instanceof UpstreamError) {
        request.log.warn(
          {
            provider: error.provider,
            kind: error.kind,
            operation: error.operation,
            status: error.upstreamStatus,
          },
          'upstream call failed',
        );
      } else if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
      else request.log[refusalLogLevel]({ code: body.error.code, statusCode }, 'request refused');
      return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
    });
    // Ajv coerces a numeric string too big for a double ("1e309") to Infinity and then skips minimum/maximum
    // for it; refuse what no integer field can hold before a handler passes it on (to SQL, say). A callback
    // hook rather than an async one, since it runs on every request.
    app.addHook('preHandler', (request, _reply, done) => {
      done(infiniteNumberIn(request, 'query') ?? infiniteNumberIn(request, 'params'));
    });
  },
  { name: 'errors' },
);

function infiniteNumberIn(request: FastifyRequest, part: 'query' | 'params'): ApiError | undefined {
  const values = request[part];
  if (typeof values !== 'object' || values === null) return undefined;
  for (const name in values) {
    const value = (values as Record<string, unknown>)[name];
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return new ApiError(400, 'invalid_request', `Invalid request: ${name} must be a finite number`, [
        { in: part === 'query' ? 'querystring' : 'params', path: `/${name}`, message: 'must be finite' },
      ]);
    }
  }
  return undefined;
}

export function notFoundEnvelope(request: FastifyRequest): Envelope {
  return {
    error: {
      code: 'not_found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    },
  };
}

/**
 * Errors the router raises before any route runs (a path that is not valid percent-encoding): they bypass the
 * error handler, so they get the envelope here like every other refusal.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { statusCode, body } = envelopeFor(error, request.id);
  reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over the size limit, malformed request
 * lines): answered with the envelope on the raw socket, then the connection is closed.
 */
export function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const statusCode =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code =
    statusCode === 431 ? 'headers_too_large' : statusCode === 408 ? 'request_timeout' : 'bad_request';
  const message =
    statusCode === 431
      ? 'The request headers are too large'
      : statusCode === 408
        ? 'The request took too long to arrive'
        : 'The request is not valid HTTP';
  const body = JSON.stringify({ error: { code, message, requestId: randomUUID() } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
