import type { CaseView, EvidenceKind, EvidenceView, EvidenceViewedRequest } from '@review-desk/contracts';
import { mediaKinds } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { approvalFor } from './approval';
import { subjectRefOf } from './audit-entries';
import {
  type ActionContext,
  actorAudit,
  audit,
  inTransaction,
  lockCase,
  renewClaimOnRead,
  type StoreCore,
  type StoreTransaction,
} from './core';
import { applicationsOf, readEntityApplications } from './entity-applications';
import { amlHits } from './evidence';
import type { StoreExecutor } from './rows';
import type { CaseRow } from './schema';
import { latestView } from './snapshots';

/** Evidence a reviewer opened (media, AML hits, entity applications, beneficial owners): the record approval conditions read. */

export async function readEvidenceViews(db: StoreExecutor, caseId: string): Promise<EvidenceView[]> {
  const rows = await db
    .selectFrom('case_evidence_views as e')
    .leftJoin('users as viewer', 'viewer.id', 'e.viewed_by')
    .selectAll('e')
    .select('viewer.display_name as viewer_name')
    .where('e.case_id', '=', caseId)
    .orderBy('e.viewed_at')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    ref: row.ref,
    viewedBy: { id: row.viewed_by, displayName: row.viewer_name ?? 'Unknown user' },
    viewedAt: row.viewed_at.toISOString(),
  }));
}

function isKnownEvidence(request: EvidenceViewedRequest, view: CaseView | null): boolean {
  switch (request.kind) {
    case 'media':
      return (mediaKinds as readonly string[]).includes(request.ref);
    case 'aml_hit':
      return amlHits(view).some((hit) => hit.ref === request.ref);
    case 'beneficial_owner':
      return Boolean(
        view?.business?.provided && view.business.beneficialOwners.some((o) => o.ref === request.ref),
      );
    default:
      // Entity applications are recorded by their review view (representative-review.ts), not here.
      return false;
  }
}

/**
 * Records that the actor opened a piece of evidence, audited with the case's subject, and renews their claim if
 * they hold the case; changes nothing else.
 */
export async function markOpened(
  core: StoreCore,
  trx: StoreTransaction,
  row: CaseRow,
  evidence: { kind: EvidenceKind; ref: string },
  context: ActionContext,
): Promise<void> {
  const now = core.clock();
  await trx
    .insertInto('case_evidence_views')
    .values({
      case_id: row.id,
      kind: evidence.kind,
      ref: evidence.ref,
      viewed_by: context.actor.id,
      viewed_at: now,
    })
    .onConflict((oc) => oc.columns(['case_id', 'kind', 'ref', 'viewed_by']).doUpdateSet({ viewed_at: now }))
    .execute();
  await renewClaimOnRead(core, trx, row, context.actor, now);
  const subject = subjectRefOf(row.provider, row.subject_id);
  const opened = { kind: evidence.kind, ref: evidence.ref };
  await audit(trx, actorAudit(context, 'case.evidence_viewed', row.id, opened, now, subject));
}

/** Records that the actor opened a piece of evidence (markOpened), and answers with what approval needs now. */
export async function recordEvidenceView(
  core: StoreCore,
  caseId: string,
  request: EvidenceViewedRequest,
  context: ActionContext,
) {
  return inTransaction(core, async (trx) => {
    const row = await lockCase(trx, caseId);
    const view = await latestView(trx, row.id);
    const applications = applicationsOf(view, await readEntityApplications(trx, row.id));
    if (request.kind === 'entity_application') {
      // A click is not a review: approval counts the representative's view, which records itself when served.
      throw new ApiError(
        422,
        'representative_view_required',
        'Open the representative (GET /api/cases/:id/representatives/:entityId): serving that view is what approval records',
      );
    }
    const known = isKnownEvidence(request, view);
    if (!known) {
      throw new ApiError(
        422,
        'unknown_evidence',
        `The case has no ${request.kind.replace('_', ' ')} "${request.ref}"`,
      );
    }
    await markOpened(core, trx, row, request, context);
    return {
      evidenceViewed: await readEvidenceViews(trx, row.id),
      approval: await approvalFor(trx, core, {
        row,
        view,
        entityApplications: applications,
        actor: context.actor,
      }),
    };
  });
}
