// Capa's partner API v2, as documented (capa-*.txt and the OpenAPI document): users, KYC and KYB links, KYC
// and KYB details, webhook settings and failed webhook notifications. Every route needs the partner-api-key.

import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CapaUserType } from '../population/types';
import { apiKeyCheck } from './api-key';
import { kycCountries, requestOrigin } from './countries';
import { capaErrors } from './errors';
import type { InjectedErrors } from './injected-errors';
import { kycDetailsPayload } from './kyc-payload';
import { kycSubmissionRoutes } from './kyc-submission-routes';
import type { CapaUsers } from './users';
import type { CapaWebhooks, WebhookNotification } from './webhooks';

const createUserBody = {
  type: 'object',
  required: ['type', 'email', 'externalUserId'],
  properties: {
    type: { type: 'string', enum: ['INDIVIDUAL', 'BUSINESS'] },
    email: { type: 'string', format: 'email', maxLength: 254 },
    externalUserId: { type: 'string', minLength: 1, maxLength: 255 },
    alias: { type: 'string', minLength: 1, maxLength: 255 },
  },
} as const;

const verificationLinkBody = {
  type: 'object',
  required: ['country'],
  properties: {
    country: { type: 'string', enum: kycCountries },
    // https:// and custom app schemes (myapp://) are both documented.
    partnerRedirectUri: { type: 'string', maxLength: 2048, pattern: '^[A-Za-z][A-Za-z0-9+.-]*://\\S+$' },
  },
} as const;

const userIdQuery = {
  type: 'object',
  required: ['userId'],
  properties: { userId: { type: 'string', minLength: 1, maxLength: 255 } },
} as const;

const webhookSettingsBody = {
  type: 'object',
  required: ['url'],
  properties: {
    url: { anyOf: [{ type: 'string', maxLength: 2048, pattern: '^https?://\\S+$' }, { type: 'null' }] },
  },
} as const;

interface CreateUserBody {
  type: CapaUserType;
  email: string;
  externalUserId: string;
  alias?: string;
}

interface VerificationLinkBody {
  country: (typeof kycCountries)[number];
  partnerRedirectUri?: string;
}

export interface PartnerRouteOptions {
  apiKey: string;
  users: CapaUsers;
  webhooks: CapaWebhooks;
  now: () => Date;
  mediaSigningKey: string;
  mediaUrlTtlSeconds: number;
  webhookSettings: { id: string; partnerId: string; createdAt: string; updatedAt: string };
  injectedErrors: InjectedErrors;
}

/** The user a request names: in the path (users/{id}/…), the query (?userId=) or the body (userId). */
function userIdOf(request: FastifyRequest): string | undefined {
  const params = request.params as { id?: unknown } | undefined;
  const query = request.query as { userId?: unknown } | undefined;
  const body = request.body as { userId?: unknown } | null | undefined;
  for (const value of [params?.id, query?.userId, body?.userId]) if (typeof value === 'string') return value;
  return undefined;
}

function notificationView(notification: WebhookNotification) {
  const last = notification.attempts.at(-1);
  return {
    id: notification.id,
    event: notification.event,
    externalUserId: notification.externalUserId,
    url: notification.url,
    payload: JSON.parse(notification.body) as unknown,
    status: notification.status,
    attempts: notification.attempts.length,
    lastAttemptAt: last?.attemptedAt ?? null,
    lastResponseStatus: last?.statusCode ?? null,
    lastError: last?.error ?? null,
    createdAt: notification.createdAt,
  };
}

export async function partnerRoutes(partner: FastifyInstance, options: PartnerRouteOptions): Promise<void> {
  const { users, webhooks, now } = options;
  partner.addHook('onRequest', apiKeyCheck(options.apiKey));
  // The partner's flow and user ownership are checked once the key is known good, before the body is.
  partner.addHook('preValidation', async (request) => {
    options.injectedErrors.check('request', { userId: userIdOf(request) });
  });
  kycSubmissionRoutes(partner, { users, now, injectedErrors: options.injectedErrors });

  partner.post<{ Body: CreateUserBody }>(
    '/users',
    { schema: { body: createUserBody } },
    async (request, reply) => {
      const body = request.body;
      if (users.hasExternalId(body.externalUserId)) {
        throw capaErrors.invalidInput('A user with this externalUserId already exists');
      }
      const record = users.create(body, randomUUID());
      return reply.code(201).send({ success: true, data: { userId: record.userId } });
    },
  );

  partner.post<{ Params: { id: string }; Body: VerificationLinkBody }>(
    '/users/:id/kyc/verification-link',
    { schema: { body: verificationLinkBody } },
    async (request, reply) => {
      const record = users.get(request.params.id);
      if (!record) throw capaErrors.userNotFound();
      if (record.type === 'BUSINESS') throw capaErrors.kycForBusiness();
      options.injectedErrors.check('kyc-session', { userId: record.userId, country: request.body.country });
      const verificationSessionId = `vs_${randomBytes(8).toString('hex')}`;
      users.startSession(record, {
        verificationSessionId,
        flow: 'link',
        country: request.body.country,
        partnerRedirectUri: request.body.partnerRedirectUri ?? null,
        createdAt: now().toISOString(),
      });
      const kycLink = `${requestOrigin(request)}/verify/${verificationSessionId}`;
      return reply.code(201).send({ success: true, data: { kycLink } });
    },
  );

  partner.post<{ Params: { id: string }; Body: VerificationLinkBody }>(
    '/users/:id/kyb/verification-link',
    { schema: { body: verificationLinkBody } },
    async (request, reply) => {
      const record = users.get(request.params.id);
      if (!record) throw capaErrors.userNotFound();
      if (record.type !== 'BUSINESS') throw capaErrors.kybForIndividual();
      const verificationSessionId = `vs_${randomBytes(8).toString('hex')}`;
      record.pendingKybSessionId = verificationSessionId;
      const kybLink = `${requestOrigin(request)}/verify/kyb_${verificationSessionId}`;
      return reply.code(201).send({ success: true, data: { kybLink } });
    },
  );

  partner.get<{ Querystring: { userId: string } }>(
    '/kyc/details',
    { schema: { querystring: userIdQuery } },
    async (request) => {
      const record = users.get(request.query.userId);
      if (!record) throw capaErrors.userNotFound();
      const data = kycDetailsPayload(record, {
        baseUrl: requestOrigin(request),
        signingKey: options.mediaSigningKey,
        expiresAt: Math.floor(now().getTime() / 1000) + options.mediaUrlTtlSeconds,
      });
      if (!data) throw capaErrors.kycNotCompleted();
      return { status: 'ok', data };
    },
  );

  partner.get<{ Querystring: { userId: string } }>(
    '/kyb/details',
    { schema: { querystring: userIdQuery } },
    async (request) => {
      const record = users.get(request.query.userId);
      if (!record) throw capaErrors.userNotFound();
      if (!record.kybDetails) throw capaErrors.kybNotFound();
      return { status: 'ok', data: record.kybDetails };
    },
  );

  partner.put<{ Body: { url: string | null } }>(
    '/webhook-settings',
    { schema: { body: webhookSettingsBody } },
    async (request) => {
      webhooks.url = request.body.url;
      options.webhookSettings.updatedAt = now().toISOString();
      return { success: true, data: { ...options.webhookSettings, url: webhooks.url } };
    },
  );

  partner.get('/webhook-notifications', async () => ({
    success: true,
    data: webhooks.failed().map(notificationView),
  }));

  partner.post<{ Params: { id: string } }>('/webhook-notifications/:id/retry', async (request) => {
    const notification = webhooks.get(request.params.id);
    if (!notification) throw capaErrors.notificationNotFound();
    if (notification.status !== 'FAILED')
      throw capaErrors.invalidInput('Only failed notifications can be retried');
    return { success: true, data: notificationView(await webhooks.retry(notification)) };
  });
}
