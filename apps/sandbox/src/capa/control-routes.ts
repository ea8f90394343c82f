// The sandbox's control API for the Capa server (only when options.controlApi is on). It plays the parts a
// partner cannot reach: the customer finishing a KYC session, Capa re-sending webhooks, and the organisation's
// own directory of customers.
//   POST /_sandbox/capa/users/:userId/complete  {result, faceMatchScore?, amlHits?}
//   POST /_sandbox/capa/users/:userId/kyb/complete  {verificationStatus, businessName?, ..., beneficialOwners?}
//   POST /_sandbox/capa/replay-webhooks          {filter?: tag}
//   POST /_sandbox/capa/errors {error, userId?, country?, times?}, GET /_sandbox/capa/errors,
//   DELETE /_sandbox/capa/errors[/:id]           documented errors on demand (injected-errors.ts)
//   GET  /_sandbox/directory

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ConnectfiCustomerSeed } from '../connectfi/model';
import { capaDirectoryEntry, connectfiDirectoryEntry } from '../directory';
import { CapaError, capaErrors } from './errors';
import { type InjectedErrorRequest, type InjectedErrors, injectedErrorBody } from './injected-errors';
import { applyKyb, completeKyb, type KybCompletionRequest } from './kyb';
import { type CompletionRequest, completeSession } from './sessions';
import type { CapaUsers } from './users';
import {
  type CapaWebhooks,
  resultEvents,
  type WebhookEventToSend,
  type WebhookNotification,
} from './webhooks';

const completeBody = {
  type: 'object',
  required: ['result'],
  additionalProperties: false,
  properties: {
    result: { type: 'string', enum: ['VERIFIED', 'REJECTED', 'REVIEW_NEEDED'] },
    faceMatchScore: { type: 'number', minimum: 0, maximum: 1 },
    amlHits: { type: 'integer', minimum: 0, maximum: 20 },
  },
} as const;

const completeKybBody = {
  type: 'object',
  required: ['verificationStatus'],
  additionalProperties: false,
  properties: {
    verificationStatus: { type: 'string', enum: ['IN_PROGRESS', 'VERIFIED', 'REJECTED', 'REVIEW_NEEDED'] },
    businessName: { type: 'string', minLength: 1, maxLength: 200 },
    countryOfConstitution: { type: 'string', pattern: '^[A-Z]{2}$' },
    taxId: { type: 'string', minLength: 1, maxLength: 64 },
    beneficialOwners: {
      anyOf: [
        { type: 'integer', minimum: 0, maximum: 20 },
        {
          type: 'array',
          maxItems: 20,
          items: {
            type: 'object',
            required: ['fullName', 'ownershipPercent'],
            additionalProperties: false,
            properties: {
              fullName: { type: 'string', minLength: 1, maxLength: 200 },
              ownershipPercent: { type: 'number', minimum: 0, maximum: 100 },
            },
          },
        },
      ],
    },
  },
} as const;

/** The replay body is optional (an empty POST replays everything), so it is checked here, not by a schema. */
function replayFilter(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'object' && !Array.isArray(body)) {
    const { filter, ...rest } = body as { filter?: unknown };
    if (
      Object.keys(rest).length === 0 &&
      (filter === undefined || (typeof filter === 'string' && filter !== ''))
    ) {
      return filter;
    }
  }
  throw capaErrors.invalidInput('The body may only carry "filter", a scenario tag');
}

export interface CapaControlOptions {
  users: CapaUsers;
  webhooks: CapaWebhooks;
  now: () => Date;
  injectedErrors: InjectedErrors;
  /** The connectFi customers, for the directory. */
  connectfiSeeds: readonly ConnectfiCustomerSeed[];
}

function deliverySummary(notifications: readonly WebhookNotification[]) {
  return notifications.map((n) => ({
    id: n.id,
    event: n.event,
    status: n.status,
    attempts: n.attempts.length,
  }));
}

export async function capaControlRoutes(app: FastifyInstance, options: CapaControlOptions): Promise<void> {
  const { users, webhooks, now } = options;

  app.post<{ Params: { userId: string }; Body: CompletionRequest }>(
    '/_sandbox/capa/users/:userId/complete',
    { schema: { body: completeBody } },
    async (request) => {
      const record = users.get(request.params.userId);
      if (!record) throw capaErrors.userNotFound();
      if (record.type === 'BUSINESS') throw capaErrors.kycForBusiness();
      const verificationSessionId =
        record.pendingSession?.verificationSessionId ?? `vs_${randomBytes(8).toString('hex')}`;
      const completed = completeSession(record, request.body, { verificationSessionId, now: now() });
      users.completeSession(record, completed);
      const notifications = await webhooks.sendInOrder([
        { event: 'CREATED_KYC', externalUserId: record.externalUserId },
        { event: resultEvents[request.body.result], externalUserId: record.externalUserId },
      ]);
      return {
        success: true,
        data: {
          userId: record.userId,
          externalUserId: record.externalUserId,
          verificationSessionId,
          result: request.body.result,
          webhookUrl: webhooks.url,
          notifications: deliverySummary(notifications),
        },
      };
    },
  );

  /**
   * The business finishes a KYB session (the pending one from a KYB link, or a new one). Capa documents no KYB
   * webhook event, so none is sent: the partner learns of it from Get KYB Details.
   */
  app.post<{ Params: { userId: string }; Body: KybCompletionRequest }>(
    '/_sandbox/capa/users/:userId/kyb/complete',
    { schema: { body: completeKybBody } },
    async (request) => {
      const record = users.get(request.params.userId);
      if (!record) throw capaErrors.userNotFound();
      if (record.type !== 'BUSINESS') throw capaErrors.kybForIndividual();
      const owners = request.body.beneficialOwners;
      if (Array.isArray(owners) && owners.reduce((sum, o) => sum + o.ownershipPercent, 0) > 100) {
        throw capaErrors.invalidInput('The beneficial owners hold more than 100% between them');
      }
      const verificationSessionId = record.pendingKybSessionId ?? `vs_${randomBytes(8).toString('hex')}`;
      const details = completeKyb(record, request.body, { verificationSessionId, now: now() });
      applyKyb(record, details);
      return {
        success: true,
        data: { userId: record.userId, externalUserId: record.externalUserId, ...details },
      };
    },
  );

  /**
   * Sends each seeded user's current result again (REVIEW_NEEDED_KYC for the review queue, VERIFIED_USER and
   * REJECTED_KYC for the rest), optionally only for users carrying one scenario tag. The body is optional.
   */
  app.post('/_sandbox/capa/replay-webhooks', async (request) => {
    if (webhooks.url === null) {
      throw new CapaError(
        409,
        'WEBHOOK_URL_NOT_SET',
        'Register a webhook URL with PUT /api/partner/v2/webhook-settings first',
      );
    }
    const filter = replayFilter(request.body);
    const batches: WebhookEventToSend[][] = [];
    for (const record of users.all()) {
      if (filter !== undefined && !record.scenarioTags.includes(filter)) continue;
      const result = record.kycDetails?.aipriseSummary?.verificationResult;
      if (result === 'VERIFIED' || result === 'REJECTED' || result === 'REVIEW_NEEDED') {
        batches.push([{ event: resultEvents[result], externalUserId: record.externalUserId }]);
      }
    }
    const sent = await webhooks.sendAll(batches);
    const byEvent: Record<string, number> = {};
    for (const n of sent) byEvent[n.event] = (byEvent[n.event] ?? 0) + 1;
    const delivered = sent.filter((n) => n.status === 'DELIVERED').length;
    return {
      success: true,
      data: { sent: sent.length, delivered, failed: sent.length - delivered, byEvent },
    };
  });

  app.post<{ Body: InjectedErrorRequest }>(
    '/_sandbox/capa/errors',
    { schema: { body: injectedErrorBody } },
    async (request, reply) =>
      reply.code(201).send({ success: true, data: options.injectedErrors.add(request.body) }),
  );

  app.get('/_sandbox/capa/errors', async () => ({ success: true, data: options.injectedErrors.list() }));

  app.delete('/_sandbox/capa/errors', async () => ({
    success: true,
    data: { removed: options.injectedErrors.clear() },
  }));

  app.delete<{ Params: { id: string } }>('/_sandbox/capa/errors/:id', async (request) => {
    if (!options.injectedErrors.remove(request.params.id))
      throw new CapaError(404, 'NOT_FOUND_ERROR', 'No injected error has this id');
    return { success: true, data: { removed: 1 } };
  });

  app.get('/_sandbox/directory', async () => {
    const entries = [
      ...Array.from(users.all(), capaDirectoryEntry),
      ...options.connectfiSeeds.map(connectfiDirectoryEntry),
    ];
    return { count: entries.length, entries };
  });
}
