import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CapaSubjectParams,
  CaseView,
  ConnectfiSubjectParams,
  ErrorEnvelope,
  FlagRequest,
  FlagResponse,
  MediaParams,
  RawSubjectResponse,
  RevealRequest,
  RevealResponse,
  type Role,
  SubjectParams,
  SubjectReadQuery,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { subjectRefOf } from '../../../cases/audit-entries';
import { summaryForRole } from '../../../cases/tipping-off';
import { ApiError } from '../../../errors';
import { caseOfSubject } from '../../../subjects/case-ref';
import { proxyMedia } from '../../../subjects/media-proxy';
import { revealedValue, viewForRole } from '../../../subjects/pii';
import type { SubjectSnapshot } from '../../../subjects/subject-service';

/** Reading a subject is reading PII: reviewers and support, not admins (who manage users and the audit). */
const readers: readonly Role[] = ['analyst', 'senior', 'support'];
/** The provider's payload unmasked (ID numbers, tax ids, media links): seniors only, for escalations. */
const rawReaders: readonly Role[] = ['senior'];

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  502: ErrorEnvelope,
  503: ErrorEnvelope,
  504: ErrorEnvelope,
};

// Streams skip the serializer; the schema only documents the binary body.
const mediaFile = (description: string) =>
  Type.Unsafe<Readable>({ type: 'string', format: 'binary', description });

const roleOf = (request: FastifyRequest) => (request.user as { role: Role }).role;

/**
 * The view as this role may see it, serialised by the route's own response schema once per view and role: a
 * read whose provider answered the same bytes as the last one sends the same bytes again.
 */
function sendView(reply: FastifyReply, snapshot: SubjectSnapshot, role: Role) {
  const bytes = reply.server.subjects.rendered(snapshot, role, (view) =>
    // The route's serializer makes a string (fast-json-stringify); the type allows what custom ones give.
    String(reply.serialize(viewForRole(view, role))),
  );
  return reply.type('application/json; charset=utf-8').send(bytes);
}

/**
 * Investigation: a subject's live state at its provider, normalised, without a case. Read-only, except the
 * audited reveal of masked identifiers.
 */
const subjectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { subjects } = app;

  app.get(
    '/capa/:userId',
    {
      config: { access: { roles: readers } },
      schema: {
        tags: ['subjects'],
        summary: "A Capa user's KYC details, normalised",
        params: CapaSubjectParams,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = request.params;
      const snapshot = await subjects.readForView('capa', userId);
      app.auditRead(request, { action: 'subject.viewed', subjectRef: subjectRefOf('capa', userId) });
      return sendView(reply, snapshot, roleOf(request));
    },
  );

  app.get(
    '/connectfi/:customerId',
    {
      config: { access: { roles: readers } },
      schema: {
        tags: ['subjects'],
        summary: "A connectFi customer's Akepa journey, normalised",
        params: ConnectfiSubjectParams,
        response: { 200: CaseView, ...errors },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      const snapshot = await subjects.readForView('connectfi', customerId);
      app.auditRead(request, { action: 'subject.viewed', subjectRef: subjectRefOf('connectfi', customerId) });
      return sendView(reply, snapshot, roleOf(request));
    },
  );

  app.get(
    '/:provider/:id/raw',
    {
      config: { access: { roles: rawReaders } },
      schema: {
        tags: ['subjects'],
        summary: "The provider's payload exactly as received",
        params: SubjectParams,
        querystring: SubjectReadQuery,
        response: { 200: RawSubjectResponse, ...errors },
      },
    },
    async (request) => {
      const { provider, id } = request.params;
      const caseId = await caseOfSubject(app.db, request.query.caseId, provider, id);
      const snapshot = await subjects.read(provider, id);
      // A deliberate look at the unmasked payload: recorded before it is sent, not batched.
      await app.audit(request, {
        action: 'subject.raw_viewed',
        caseId,
        subjectRef: subjectRefOf(provider, id),
      });
      return { provider, id, fetchedAt: new Date(snapshot.fetchedAt).toISOString(), raw: snapshot.raw };
    },
  );

  app.post(
    '/:provider/:id/reveal',
    {
      config: { access: { roles: ['analyst', 'senior', 'support'] } },
      schema: {
        tags: ['subjects'],
        summary: 'Reveal a masked identifier (audited)',
        params: SubjectParams,
        querystring: SubjectReadQuery,
        body: RevealRequest,
        response: { 200: RevealResponse, ...errors },
      },
    },
    async (request) => {
      const { provider, id } = request.params;
      const { field } = request.body;
      const caseId = await caseOfSubject(app.db, request.query.caseId, provider, id);
      const snapshot = await subjects.recent(provider, id);
      // Recorded before the value is sent, not batched.
      await app.audit(request, {
        action: 'pii.revealed',
        caseId,
        subjectRef: subjectRefOf(provider, id),
        details: { field },
      });
      return { field, value: revealedValue(snapshot.view, field) };
    },
  );

  app.post(
    '/:provider/:id/flags',
    {
      config: { access: { roles: ['support'] } },
      schema: {
        tags: ['subjects'],
        summary: 'Ask analysts to review a customer, with the reason (a note on their latest case, if any)',
        params: SubjectParams,
        body: FlagRequest,
        response: { 200: FlagResponse, ...errors },
      },
    },
    async (request) => {
      const { provider, id } = request.params;
      const user = request.user;
      const result = await app.cases.store.flagSubject({ provider, subjectId: id }, request.body.reason, {
        actor: { id: user.id, username: user.username, role: user.role },
        requestId: request.id,
      });
      return { ...result, case: result.case && summaryForRole(result.case, user.role) };
    },
  );

  app.get(
    '/:provider/:id/media/:kind',
    {
      config: { access: { roles: readers } },
      schema: {
        tags: ['subjects'],
        summary: 'One identity media file, streamed from the link in the provider payload (Range supported)',
        params: MediaParams,
        querystring: SubjectReadQuery,
        response: {
          200: mediaFile('The whole file'),
          206: mediaFile('The requested byte range'),
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
          416: ErrorEnvelope,
          502: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { provider, id, kind } = request.params;
      if (provider !== 'capa') {
        throw new ApiError(
          404,
          'media_not_available',
          'connectFi sends no identity media with the Akepa status',
        );
      }
      const caseId = await caseOfSubject(app.db, request.query.caseId, provider, id);
      const range = request.headers.range;
      const media = await proxyMedia(subjects, app.upstreams.media, { provider, id }, kind, range);
      // A player's follow-up range requests are the same viewing; audit the first read of the file only.
      if (range === undefined || /^bytes=0-/.test(range)) {
        app.auditRead(request, {
          action: 'media.viewed',
          caseId,
          subjectRef: subjectRefOf(provider, id),
          details: { kind },
        });
      }
      return reply.code(media.statusCode).headers(media.headers).type(media.contentType).send(media.body);
    },
  );
};

export default subjectRoutes;
