import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BulkRequest,
  BulkResponse,
  CaseDetail,
  CaseIdParams,
  CaseListQuery,
  CaseListResponse,
  CaseResponse,
  CreateCaseRequest,
  CreateCaseResponse,
  DecisionRequest,
  DecisionResponse,
  DirectoryRecordResponse,
  DispositionRequest,
  DispositionResponse,
  ErrorEnvelope,
  EvidenceViewedRequest,
  EvidenceViewedResponse,
  FlagRequest,
  FlagResponse,
  KycLinkRequest,
  KycLinkResponse,
  NextCaseResponse,
  NoteRequest,
  NoteResponse,
  RevealRequest,
  RevealResponse,
  type Role,
  VersionRequest,
} from '@review-desk/contracts';
import type { FastifyRequest } from 'fastify';
import type { ActionContext } from '../../../cases/core';
import { caseInputFromView, minimalCaseInput } from '../../../cases/intake';
import { summaryForRole } from '../../../cases/tipping-off';
import { enrichedFromDirectory } from '../../../deliveries/enrich';
import { ApiError } from '../../../errors';
import { UpstreamError } from '../../../upstream';
import disagreementRoutes from './disagreement';
import documentRoutes from './documents';
import evidencePackRoutes from './evidence-pack';
import representativeRoutes from './representatives';

/**
 * Who may do what (test/access/matrix.ts): reviewers (analyst, senior) open and work cases; support reads,
 * searches and reveals identifiers but changes nothing; seniors and admins run bulk actions; admins see the
 * queue for that, but not case details (PII).
 */
const queueReaders: readonly Role[] = ['analyst', 'senior', 'support', 'admin'];
const caseReaders: readonly Role[] = ['analyst', 'senior', 'support'];
const reviewers: readonly Role[] = ['analyst', 'senior'];
const supervisors: readonly Role[] = ['senior', 'admin'];

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  422: ErrorEnvelope,
};

const contextOf = (request: FastifyRequest): ActionContext => ({
  actor: { id: request.user.id, username: request.user.username, role: request.user.role },
  requestId: request.id,
});

/**
 * The provider says there is nothing to review: it does not know the subject, or knows it without a verification
 * (404 no_journey, no_verification). No case for it.
 */
const isMissingUpstream = (error: unknown): boolean =>
  (error instanceof UpstreamError && error.kind === 'not_found') ||
  (error instanceof ApiError && error.statusCode === 404);

/** The case queue and the review of one case. */
const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.cases;
  await app.register(documentRoutes);
  await app.register(disagreementRoutes);
  await app.register(evidencePackRoutes);
  await app.register(representativeRoutes);

  app.get(
    '/',
    {
      config: { access: { roles: queueReaders } },
      schema: {
        tags: ['cases'],
        summary: 'The case queue: filters, order, keyset pages and facet counts',
        querystring: CaseListQuery,
        response: { 200: CaseListResponse, ...errors },
      },
    },
    async (request) => {
      const page = await store.list(request.query, contextOf(request).actor);
      const role = request.user.role;
      return { ...page, items: page.items.map((item) => summaryForRole(item, role)) };
    },
  );

  app.post(
    '/',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Open a case by hand for a subject',
        description:
          "Reads the subject's live verification; when the provider cannot be reached the case opens with the ids alone. A subject the provider does not know is refused.",
        body: CreateCaseRequest,
        response: { 200: CreateCaseResponse, 201: CreateCaseResponse, ...errors, 502: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { provider, subjectId } = request.body;
      let input = minimalCaseInput(provider, subjectId);
      try {
        input = caseInputFromView(await app.cases.loadView(provider, subjectId));
      } catch (error) {
        if (isMissingUpstream(error)) throw error;
        request.log.warn(
          { provider, code: (error as { code?: unknown }).code },
          'case opened without its verification',
        );
      }
      // The name and identifiers the provider left out (connectFi sends none) come from the directory.
      input = await enrichedFromDirectory(app.deliveries.directory, input);
      const result = await store.openCaseByHand(input, contextOf(request));
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.post(
    '/next',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Claim the highest-priority case you may take',
        response: { 200: NextCaseResponse, ...errors },
      },
    },
    async (request) =>
      store.next(contextOf(request), {
        pausedProviders: (['capa', 'connectfi'] as const).filter(
          (provider) => app.upstreams[provider].breakerState() === 'open',
        ),
      }),
  );

  app.post(
    '/bulk',
    {
      config: { access: { roles: supervisors } },
      schema: {
        tags: ['cases'],
        summary: 'Assign, release or escalate several cases',
        body: BulkRequest,
        response: { 200: BulkResponse, ...errors },
      },
    },
    async (request) => store.bulk(request.body, contextOf(request)),
  );

  app.get(
    '/:id',
    {
      config: { access: { roles: caseReaders } },
      schema: {
        tags: ['cases'],
        summary: 'One case with its live verification, diligence, decisions, timeline and related cases',
        description: 'Records a "case viewed" audit row. idNumber and taxId are masked except for seniors.',
        params: CaseIdParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => store.detail(request.params.id, contextOf(request), app.cases.loadView),
  );

  app.post(
    '/:id/claim',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Claim the case (or renew your claim)',
        params: CaseIdParams,
        body: VersionRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    async (request) => ({
      case: await store.claim(request.params.id, request.body.version, contextOf(request)),
    }),
  );

  app.post(
    '/:id/release',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Give your claimed case back to the queue',
        params: CaseIdParams,
        body: VersionRequest,
        response: { 200: CaseResponse, ...errors },
      },
    },
    async (request) => ({
      case: await store.release(request.params.id, request.body.version, contextOf(request)),
    }),
  );

  app.post(
    '/:id/decision',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Decide the case you hold',
        params: CaseIdParams,
        body: DecisionRequest,
        response: { 200: DecisionResponse, ...errors },
      },
    },
    async (request) => store.decide(request.params.id, request.body, contextOf(request)),
  );

  app.post(
    '/:id/dispositions',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Record the disposition of one AML hit (or confirm a remembered one)',
        params: CaseIdParams,
        body: DispositionRequest,
        response: { 200: DispositionResponse, ...errors },
      },
    },
    async (request) => store.recordDisposition(request.params.id, request.body, contextOf(request)),
  );

  app.get(
    '/:id/directory-record',
    {
      config: { access: { roles: caseReaders } },
      schema: {
        tags: ['cases'],
        summary:
          "Open the organisation's directory record of the subject (audited); it covers a verification that names nobody",
        params: CaseIdParams,
        response: { 200: DirectoryRecordResponse, ...errors },
      },
    },
    async (request) =>
      store.openDirectoryRecord(
        request.params.id,
        (provider, subjectId) => app.deliveries.directory.bySubjectId(provider, subjectId),
        contextOf(request),
      ),
  );

  app.post(
    '/:id/notes',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Add a note',
        params: CaseIdParams,
        body: NoteRequest,
        response: { 200: NoteResponse, ...errors },
      },
    },
    async (request) =>
      store.addNote(request.params.id, request.body.version, request.body.text, contextOf(request)),
  );

  app.post(
    '/:id/flags',
    {
      config: { access: { roles: ['support'] } },
      schema: {
        tags: ['cases'],
        summary: 'Flag the case for review by an analyst, with the reason (added as a note)',
        params: CaseIdParams,
        body: FlagRequest,
        response: { 200: FlagResponse, ...errors },
      },
    },
    async (request) => {
      const result = await store.flagCase(request.params.id, request.body.reason, contextOf(request));
      return { ...result, case: result.case && summaryForRole(result.case, request.user.role) };
    },
  );

  app.post(
    '/:id/evidence-viewed',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Record that you opened a piece of evidence',
        params: CaseIdParams,
        body: EvidenceViewedRequest,
        response: { 200: EvidenceViewedResponse, ...errors },
      },
    },
    async (request) => store.recordEvidenceView(request.params.id, request.body, contextOf(request)),
  );

  app.post(
    '/:id/reveal',
    {
      config: { access: { roles: caseReaders } },
      schema: {
        tags: ['cases'],
        summary: 'Reveal the ID number or tax id of the subject (audited)',
        params: CaseIdParams,
        body: RevealRequest,
        response: { 200: RevealResponse, ...errors },
      },
    },
    async (request) => store.reveal(request.params.id, request.body.field, contextOf(request)),
  );

  app.post(
    '/:id/kyc-link',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Ask Capa for a fresh KYC link for the subject of a rejected case (audited)',
        params: CaseIdParams,
        body: KycLinkRequest,
        response: {
          200: KycLinkResponse,
          ...errors,
          502: ErrorEnvelope,
          503: ErrorEnvelope,
          504: ErrorEnvelope,
        },
      },
    },
    async (request) =>
      store.requestKycLink(
        request.params.id,
        request.body.country,
        contextOf(request),
        app.cases.createKycLink,
      ),
  );
};

export default caseRoutes;
