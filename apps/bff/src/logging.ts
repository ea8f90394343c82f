import type { FastifyServerOptions } from 'fastify';

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

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
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
