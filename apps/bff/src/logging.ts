import { createRequire } from 'node:module';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';

/**
 * pino settings. Request logs carry the request id, method and path without the query string (queries hold
 * search terms such as names). Known secret and PII fields are redacted wherever they appear in a log object
 * up to two levels deep; the code also avoids logging payloads at all.
 */
const sensitiveKeys = [
  'password',
  'token',
  'partnerApiKey',
  'webhookSecret',
  'jwtSecret',
  'cookie',
  'authorization',
  'partner-api-key',
  'x-connectfi-token',
  'x-csrf-token',
  'set-cookie',
  'capa-signature',
  'fullName',
  'firstName',
  'middleName',
  'lastName',
  'secondLastName',
  'displayName',
  'birthDate',
  'dateOfBirth',
  'idNumber',
  'taxId',
  'phoneNumber',
  'email',
  'url',
  'mediaUrl',
  'kycLink',
];

const redactPaths = sensitiveKeys.flatMap((key) => {
  const prop = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  return [prop.startsWith('.') ? key : prop, `*${prop}`, `*.*${prop}`];
});

interface RequestLike {
  id: string;
  method: string;
  url: string;
}

export interface LogOutput {
  /** Where JSON lines go (tests capture them); stdout by default. */
  stream?: NodeJS.WritableStream | undefined;
  /** Human-readable lines through pino-pretty, for a person watching a terminal. */
  pretty?: boolean | undefined;
}

/**
 * pino-pretty runs as a pino transport, in a worker thread of its own: formatting never happens in the request
 * path. Resolved from here, because pnpm does not let pino (which loads the transport) see this package's
 * dependencies.
 */
const prettyTransport = () => ({
  target: createRequire(import.meta.url).resolve('pino-pretty'),
  options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
});

export function loggerOptions(level: string, output: LogOutput = {}): FastifyServerOptions['logger'] {
  return {
    level,
    ...(output.pretty ? { transport: prettyTransport() } : output.stream ? { stream: output.stream } : {}),
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req(request: RequestLike) {
        // connectFi's webhook URL carries the shared secret in its path.
        const path = (request.url.split('?')[0] ?? '').replace(
          /^\/webhooks\/connectfi\/[^/]*/,
          '/webhooks/connectfi/[redacted]',
        );
        return { id: request.id, method: request.method, path };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}

/**
 * Fastify's per-request lines at debug instead of info, in the same shape (a request that failed stays at
 * error): a terminal running the embedded desk then shows start-up, warnings, errors and the banner rather
 * than a line per request, and LOG_LEVEL=debug brings them back.
 */
export class RequestsAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) super.requestCompleted(error, request, reply, {});
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  override routeNotFound(request: FastifyRequest) {
    request.log.debug('route not found');
  }
}
