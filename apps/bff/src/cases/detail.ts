import type { CaseDetail, CaseView, Provider, ViewError } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { UnusableUpstreamPayload } from '../normalise';
import { maskIdNumber } from '../normalise/mask';
import { seesUnmaskedPii, viewForRole } from '../subjects/pii';
import { UpstreamError } from '../upstream';
import { approvalFor } from './approval';
import { subjectRefOf, toAuditEntry } from './audit-entries';
import {
  type ActionContext,
  actorAudit,
  audit,
  inTransaction,
  isUuid,
  renewClaimOnRead,
  type StoreCore,
  summaryOf,
} from './core';
import { customerSummary } from './customer-summary';
import { readDecisions, reviewOf } from './decision-records';
import { premarkRememberedHits, readDispositions } from './dispositions';
import { readEarlierSessions } from './earlier-sessions';
import { applicationsOf, readEntityApplications, replaceEntityApplications } from './entity-applications';
import { caseNotFound } from './errors';
import { entityApplications, viewHash } from './evidence';
import { readEvidenceViews } from './evidence-views';
import { readNotes } from './notes';
import { withRecordedSubject } from './recorded-subject';
import { relatedCases } from './related';
import { detailForRole } from './tipping-off';

/** Reads the live verification of a subject, normalised; throws when the provider cannot be reached. */
export type LoadView = (provider: Provider, subjectId: string) => Promise<CaseView>;

const TIMELINE_LENGTH = 200;

const providerNames = { capa: 'Capa', connectfi: 'connectFi' } as const;
/** Failures a reviewer reads as "the provider is not answering"; the code keeps the technical kind. */
const notAnswering = new Set<UpstreamError['kind']>(['unavailable', 'timeout', 'circuit_open']);

/**
 * The error envelope body for a view that could not be loaded, with the codes the error handler gives the same
 * failures (subject_not_found, upstream_timeout…); never the text of an unknown error.
 */
export function viewErrorOf(error: unknown, requestId: string): ViewError {
  if (error instanceof ApiError) {
    return {
      code: error.code,
      message: error.message,
      requestId,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  if (error instanceof UpstreamError) {
    return {
      code: error.kind === 'not_found' ? 'subject_not_found' : `upstream_${error.kind}`,
      message: notAnswering.has(error.kind)
        ? `${providerNames[error.provider]} is not answering`
        : `${providerNames[error.provider]} could not provide the verification (${error.kind.replace('_', ' ')})`,
      requestId,
      details: { provider: error.provider, kind: error.kind },
    };
  }
  if (error instanceof UnusableUpstreamPayload) {
    return {
      code: 'upstream_bad_response',
      message: `${providerNames[error.provider]} sent a verification that could not be read`,
      requestId,
      details: { provider: error.provider },
    };
  }
  return {
    code: 'upstream_unavailable',
    message: 'The verification could not be loaded from the provider',
    requestId,
  };
}

const mask = (value: string | null) => (value === null ? null : maskIdNumber(value));

/**
 * Everything about one case. Loads the live verification first (outside any transaction), keeps it as an
 * evidence snapshot, pre-marks remembered false positives, renews the viewer's claim and records the view.
 */
export async function caseDetail(
  core: StoreCore,
  caseId: string,
  context: ActionContext,
  loadView: LoadView,
): Promise<CaseDetail> {
  if (!isUuid(caseId)) throw caseNotFound();
  const found = await core.db
    .selectFrom('cases')
    .select(['provider', 'subject_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!found) throw caseNotFound();

  let view: CaseView | null = null;
  let viewError: ViewError | null = null;
  try {
    view = await loadView(found.provider, found.subject_id);
  } catch (error) {
    viewError = viewErrorOf(error, context.requestId ?? '');
  }
  const hash = view ? viewHash(view) : null;

  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const row = await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw caseNotFound();
    if (view && hash) {
      await trx
        .insertInto('case_view_snapshots')
        .values({ case_id: row.id, hash, view: JSON.stringify(view), captured_at: now })
        .onConflict((oc) => oc.columns(['case_id', 'hash']).doUpdateSet({ captured_at: now }))
        .execute();
      if (isProvided(view.journey)) await replaceEntityApplications(trx, row.id, entityApplications(view));
      await premarkRememberedHits(trx, row, view, now);
    }
    await renewClaimOnRead(core, trx, row, context.actor, now);
    // Written with the evidence snapshot it names, so the case's timeline shows this view at once.
    const subject = subjectRefOf(row.provider, row.subject_id);
    const viewed = { viewHash: hash, viewLoaded: view !== null };
    await audit(trx, actorAudit(context, 'case.viewed', row.id, viewed, now, subject));

    const stored = await readEntityApplications(trx, row.id);
    const [
      summary,
      dispositions,
      evidenceViewed,
      notes,
      decisions,
      timeline,
      related,
      approval,
      review,
      earlier,
    ] = await Promise.all([
      summaryOf(trx, row.id, now),
      readDispositions(trx, row.id),
      readEvidenceViews(trx, row.id),
      readNotes(trx, row.id),
      readDecisions(trx, row.id),
      trx
        .selectFrom('audit_events')
        .selectAll()
        .where('case_id', '=', row.id)
        .orderBy('id', 'desc')
        .limit(TIMELINE_LENGTH)
        .execute(),
      relatedCases(trx, row),
      approvalFor(trx, core, {
        row,
        view,
        entityApplications: applicationsOf(view, stored),
        actor: context.actor,
      }),
      reviewOf(trx, row, view),
      readEarlierSessions(trx, row.id),
    ]);
    const unmasked = seesUnmaskedPii(context.actor.role);
    const viewedApplications = new Set(
      evidenceViewed
        .filter((item) => item.kind === 'entity_application' && item.viewedBy.id === context.actor.id)
        .map((item) => item.ref),
    );
    const entries = timeline.map(toAuditEntry);
    const detail: CaseDetail = {
      case: summary,
      subject: {
        birthDate: row.birth_date,
        idNumber: unmasked ? row.id_number : mask(row.id_number),
        taxId: unmasked ? row.tax_id : mask(row.tax_id),
        masked: !unmasked,
      },
      view: view ? viewForRole(withRecordedSubject(view, row), context.actor.role) : null,
      viewHash: hash,
      viewError,
      entityApplications: stored.map((application) => ({
        ...application,
        viewed: viewedApplications.has(application.entityId),
      })),
      dispositions,
      evidenceViewed,
      notes,
      decisions,
      timeline: entries,
      related: related.related,
      relatedConflict: related.conflict,
      approval,
      review,
      earlierSessions: earlier,
      customerSummary: customerSummary(summary, decisions, entries),
    };
    return detailForRole(detail, context.actor.role);
  });
}
