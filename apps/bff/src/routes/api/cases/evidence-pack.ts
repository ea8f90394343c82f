import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseIdParams, ErrorEnvelope, EvidencePackQuery, type Role } from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../../../errors';
import { packImages } from '../../../evidence-pack/images';
import { renderEvidencePack } from '../../../evidence-pack/render';
import { seesUnmaskedPii } from '../../../subjects/pii';

/** Seniors defend decisions to auditors; admins answer the regulator's requests (always masked). */
const exporters: readonly Role[] = ['senior', 'admin'];

/** GET /api/cases/:id/evidence-pack.pdf: the case's evidence pack, generated on the server. */
const evidencePackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/:id/evidence-pack.pdf',
    {
      config: { access: { roles: exporters } },
      schema: {
        tags: ['cases'],
        summary: 'The evidence pack of a case as a PDF (audited)',
        description:
          'Decisions, AML dispositions, acknowledged warnings, representatives, face match and liveness, ID thumbnails, the timeline with its audit hashes and the viewHash, and how to verify them. Marked "not final" on an unresolved case. Audited as case.evidence_pack_exported; identifiers masked unless a senior asks for unmasked (audited as case.evidence_pack_unmasked).',
        params: CaseIdParams,
        querystring: EvidencePackQuery,
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The PDF' }),
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { role, username } = request.user;
      const unmasked = request.query.unmasked === true;
      if (unmasked && !seesUnmaskedPii(role)) {
        throw new ApiError(403, 'unmasked_not_allowed', 'Only seniors may export identifiers unmasked');
      }
      const content = await app.cases.store.evidencePack(
        id,
        { actor: { id: request.user.id, username, role }, requestId: request.id },
        { unmasked },
      );
      const images = await packImages(content, {
        loadView: app.cases.loadView,
        subjects: app.subjects,
        fetcher: app.upstreams.media,
      });
      const pdf = await renderEvidencePack(content, images);
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="evidence-pack-${content.case.id}.pdf"`)
        .send(pdf);
    },
  );
};

export default evidencePackRoutes;
