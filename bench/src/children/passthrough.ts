import replyFrom from '@fastify/reply-from';
import Fastify from 'fastify';
import { serveParent } from '../lib/child';

/**
 * The proxy baseline: a bare Fastify with @fastify/reply-from that forwards one Capa KYC details request with
 * the partner key, and does nothing else (no session, no normalisation, no schema). What the BFF adds over this
 * is the cost of being a BFF.
 */
const capaUrl = process.env.BENCH_CAPA_URL ?? '';
const apiKey = process.env.BENCH_CAPA_API_KEY ?? '';

const app = Fastify({ logger: false });
await app.register(replyFrom, { base: capaUrl });
app.get<{ Params: { userId: string } }>('/passthrough/capa/:userId', (request, reply) =>
  reply.from(`/api/partner/v2/kyc/details?userId=${encodeURIComponent(request.params.userId)}`, {
    rewriteRequestHeaders: (_original, headers) => ({ ...headers, 'partner-api-key': apiKey }),
  }),
);
const address = await app.listen({ host: '127.0.0.1', port: 0 });
serveParent({ url: address }, {}, () => app.close());
