import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseIdParams,
  CaseResponse,
  DisagreementRequest,
  ErrorEnvelope,
  type Role,
} from '@review-desk/contracts';

/** Seniors own the desk's decisions once made: only they set one aside or stand by it against the provider. */
const seniors: readonly Role[] = ['senior'];

/** POST /api/cases/:id/disagreement: a senior closes a contradiction between provider and desk. */
const disagreementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/:id/disagreement',
    {
      config: { access: { roles: seniors } },
      schema: {
        tags: ['cases'],
        summary: "Close a disagreement between the provider's verdict and the desk's decision (audited)",
        description:
          'acknowledge keeps the decision (audited as case.provider_disagreement_acknowledged); reopen sends the case back to the queue for a new decision (audited as case.reopened). The note is kept on the case. 409 no_disagreement when there is none open.',
        params: CaseIdParams,
        body: DisagreementRequest,
        response: {
          200: CaseResponse,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
          409: ErrorEnvelope,
        },
      },
    },
    async (request) => {
      const { id, username, role } = request.user;
      return app.cases.store.closeDisagreement(request.params.id, request.body, {
        actor: { id, username, role },
        requestId: request.id,
      });
    },
  );
};

export default disagreementRoutes;
