import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Provider } from '@review-desk/contracts';
import { ErrorEnvelope, WebhookAck } from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { deliverySubjectRef } from '../../deliveries/processor';
import { ApiError } from '../../errors';
import { unstorableIn } from '../../plugins/app/input';

/** The path of the first unstorable text in a JSON body, if any; a body that is not JSON has none. */
function unstorableJsonPath(text: string): string | undefined {
  try {
    return unstorableIn(JSON.parse(text), '');
  } catch {
    return undefined;
  }
}

const rawBody = (request: FastifyRequest): Buffer =>
  Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

/** Stores the delivery (with its audit row) before answering, then hands it to the worker. */
async function accept(app: FastifyInstance, request: FastifyRequest, provider: Provider, body: Buffer) {
  if (body.length === 0) throw new ApiError(400, 'invalid_body', 'The webhook body is empty');
  // Stored as text, which cannot hold NUL; no provider sends one in JSON.
  if (body.includes(0)) throw new ApiError(400, 'invalid_body', 'The webhook body contains a NUL byte');
  const text = body.toString('utf8');
  // Valid UTF-8 holds no lone surrogate, but a JSON escape can spell one (or a NUL) for a value we store.
  if (text.includes('\\u')) {
    const path = unstorableJsonPath(text);
    if (path !== undefined) {
      throw new ApiError(
        400,
        'invalid_text',
        `body${path === '/' ? '' : path} contains a NUL character or an unpaired surrogate, which cannot be stored`,
        [{ in: 'body', path, message: 'must not contain NUL or unpaired surrogates' }],
      );
    }
  }
  const ref = deliverySubjectRef(provider, text);
  const recorded = await app.deliveries.intake.record(provider, body, ref, request.id);
  app.metrics.webhooksReceived.inc({ provider, duplicate: String(recorded.duplicate) });
  if (recorded.queue) app.deliveries.worker.enqueue(recorded.id);
  return { received: true as const, duplicate: recorded.duplicate };
}

/**
 * The providers' webhook receivers. Bodies are kept as raw bytes: Capa signs the exact bytes it sends, and
 * the stored delivery is what the provider sent, not a re-serialisation. Callers are verified before any
 * handler runs, from each route's access declaration (plugins/app/machine-callers.ts).
 */
const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/capa',
    {
      config: { access: { machine: 'capa-signature' } },
      schema: {
        tags: ['webhooks'],
        summary: 'Capa KYC events, signed with capa-signature (hex HMAC-SHA256 of the body)',
        response: { 200: WebhookAck, 400: ErrorEnvelope, 401: ErrorEnvelope },
      },
    },
    async (request) => accept(app, request, 'capa', rawBody(request)),
  );

  app.post(
    '/connectfi/:secret',
    {
      config: { access: { machine: 'connectfi-url-secret' } },
      schema: {
        tags: ['webhooks'],
        summary: 'connectFi Akepa journey webhooks; the URL carries the shared secret',
        params: Type.Object({ secret: Type.String({ maxLength: 200 }) }),
        response: { 200: WebhookAck, 400: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => accept(app, request, 'connectfi', rawBody(request)),
  );
};

export default webhookRoutes;
