import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, RepresentativeParams, RepresentativeReview, type Role } from '@review-desk/contracts';
import type { RepresentativeSources } from '../../../cases/representative-review';

/** Reviewers only: support never opens a representative's review (it records evidence for approval). */
const reviewers: readonly Role[] = ['analyst', 'senior'];

/** GET /api/cases/:id/representatives/:entityId: one entity application of the journey, for review. */
const representativeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { directory } = app.deliveries;
  const sources: RepresentativeSources = {
    loadView: app.cases.loadView,
    // The customer is in the directory by its customer id; a representative under its business.
    identityOf: (provider, customerId, entityId) =>
      entityId === customerId
        ? directory.bySubjectId(provider, customerId)
        : directory.representative(provider, customerId, entityId),
    representedBy: (keys) => directory.businessesRepresentedBy(keys),
  };

  app.get(
    '/:id/representatives/:entityId',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Open one entity application (a business representative, or the customer) for review',
        description:
          "Who the entity is (the organisation's directory, ID number masked), its own status and outcome at connectFi (read now; when connectFi cannot be read, as the case last stored it, with the reason in application.unavailable), the documents sent to connectFi for it, and the desk's other cases about the same person. Serving it records the representative as reviewed by the reader (approval's representative_unviewed) and is audited as case.evidence_viewed with the case's subject.",
        params: RepresentativeParams,
        response: {
          200: RepresentativeReview,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
          409: ErrorEnvelope,
        },
      },
    },
    async (request) =>
      app.cases.store.openRepresentative(request.params.id, request.params.entityId, sources, {
        actor: { id: request.user.id, username: request.user.username, role: request.user.role },
        requestId: request.id,
      }),
  );
};

export default representativeRoutes;
