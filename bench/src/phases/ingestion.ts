import { randomUUID } from 'node:crypto';
import { signWebhookBody } from '@review-desk/sandbox';
import autocannon from 'autocannon';
import { request } from 'undici';
import { perSecond, type Row, verdict } from '../lib/table';

const deliveryBody = () =>
  JSON.stringify({ type: 'KYC', event: 'REVIEW_NEEDED_KYC', externalUserId: `bench-${randomUUID()}` });

// One delivery in ten is a copy of one sent earlier (Capa sends the same body for a user's next session): the
// receiver stores it again as a nudge for a fresh read once the first was read (the case lifecycle).
const copyEvery = 10;
const remembered = 1_000;

/** The bodies to send: mostly new, every tenth a copy of one of the last thousand sent. */
function deliveryBodies(): () => string {
  const sent: string[] = [];
  let count = 0;
  return () => {
    count += 1;
    const copy = count % copyEvery === 0 ? sent[Math.floor(Math.random() * sent.length)] : undefined;
    if (copy !== undefined) return copy;
    const body = deliveryBody();
    sent[count % remembered] = body;
    return body;
  };
}

/**
 * d. Signed Capa webhook deliveries accepted per second by 16 concurrent senders, one in ten a copy of an earlier
 * delivery.
 */
export async function ingestionRows(
  baseUrl: string,
  secret: string,
  label: string,
  seconds: number,
): Promise<Row[]> {
  const section = `d. ingestion (${label})`;
  const metric = 'signed Capa deliveries/s @16 senders';
  const target = label === 'PostgreSQL' ? '≥ 1,000/s' : '';
  const url = `${baseUrl}/webhooks/capa`;
  const probeBody = deliveryBody();
  const probe = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'capa-signature': signWebhookBody(secret, probeBody) },
    body: probeBody,
  });
  await probe.body.dump();
  if (probe.statusCode === 404) {
    return [
      {
        section,
        metric,
        value: 'POST /webhooks/capa not found',
        reference: '',
        target,
        verdict: 'not available',
      },
    ];
  }

  const nextBody = deliveryBodies();
  const result = await autocannon({
    url,
    connections: 16,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (spec) => {
          const body = nextBody();
          return {
            ...spec,
            body,
            headers: { 'content-type': 'application/json', 'capa-signature': signWebhookBody(secret, body) },
          };
        },
      },
    ],
  });
  const rate = result['2xx'] / result.duration;
  const failed = result.errors + result.timeouts + result.non2xx;
  return [
    {
      section,
      metric,
      value: perSecond(rate),
      reference: `1 in ${copyEvery} a copy of an earlier one; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${failed ? `; ${failed} not accepted` : ''}; probe ${probe.statusCode}`,
      target,
      verdict: label === 'PostgreSQL' ? verdict(rate >= 1000) : '',
      data: { rate, failed, latency: result.latency },
    },
  ];
}
