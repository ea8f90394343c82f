import type { CaseView, EntityRecord, Provider, RepresentativeReview } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { maskIdNumber } from '../normalise/mask';
import { seesUnmaskedPii } from '../subjects/pii';
import { approvalFor } from './approval';
import { type ActionContext, inTransaction, isUuid, lockCase, type StoreCore } from './core';
import { type LoadView, viewErrorOf } from './detail';
import { readDocuments } from './documents/rows';
import { applicationsOf, readEntityApplications } from './entity-applications';
import { caseNotFound } from './errors';
import { type EntityApplicationEvidence, entityApplications } from './evidence';
import { markOpened, readEvidenceViews } from './evidence-views';
import { type BusinessesRepresentedBy, entityRelatedCases } from './representative-links';
import { latestView } from './snapshots';

/** What the organisation's directory holds about a person or business. */
export interface DirectoryPerson {
  display_name: string | null;
  birth_date: string | null;
  id_number: string | null;
  updated_at: Date;
}

export interface RepresentativeSources {
  loadView: LoadView;
  /** The directory's entry for one entity of a customer's journey (the customer itself, or a representative). */
  identityOf: (
    provider: Provider,
    customerId: string,
    entityId: string,
  ) => Promise<DirectoryPerson | undefined>;
  representedBy: BusinessesRepresentedBy;
}

const entityNotFound = (entityId: string) =>
  new ApiError(404, 'entity_application_not_found', `The case has no entity application "${entityId}"`);

/**
 * The entity's application as connectFi has it now; when connectFi cannot be read, as the case last stored it,
 * with the reason (a typed error in the payload, not a failed page: the rest of what the desk knows still helps).
 */
async function entityRecord(
  loadView: LoadView,
  subject: { provider: Provider; subject_id: string },
  stored: readonly EntityApplicationEvidence[],
  entityId: string,
  requestId: string,
): Promise<{ application: EntityApplicationEvidence; record: EntityRecord } | null> {
  let live: CaseView | null = null;
  let unavailable: EntityRecord['unavailable'] = null;
  try {
    live = await loadView(subject.provider, subject.subject_id);
  } catch (error) {
    const { code, message } = viewErrorOf(error, requestId);
    unavailable = { code, message };
  }
  const applications = live ? entityApplications(live) : stored;
  const application = applications.find((item) => item.entityId === entityId);
  if (!application) return null;
  return {
    application,
    record: {
      status: application.status,
      outcome: application.outcome,
      source: live ? 'connectfi' : 'stored',
      unavailable,
    },
  };
}

/**
 * Opens one entity application of a case's connectFi journey for review: who the entity is (directory), its own
 * status and outcome (connectFi, else as stored), the documents sent for it and the desk's other cases about the
 * same person. Serving it is a read of personal data, audited with the case's subject, and the evidence
 * approval counts as the representative reviewed by this reader.
 */
export async function openRepresentative(
  core: StoreCore,
  caseId: string,
  entityId: string,
  sources: RepresentativeSources,
  context: ActionContext,
): Promise<RepresentativeReview> {
  // Network and directory reads first, outside the transaction: PGlite has one connection.
  if (!isUuid(caseId)) throw caseNotFound();
  const subject = await core.db
    .selectFrom('cases')
    .select(['provider', 'subject_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!subject) throw caseNotFound();
  const stored = await readEntityApplications(core.db, caseId);
  const found = await entityRecord(sources.loadView, subject, stored, entityId, context.requestId ?? '');
  if (!found) throw entityNotFound(entityId);
  const { application, record } = found;
  const person = await sources.identityOf(subject.provider, subject.subject_id, entityId);
  const related = await entityRelatedCases(
    core.db,
    { caseId, provider: subject.provider, subjectId: subject.subject_id },
    {
      business: application.role === 'business_customer',
      name: person?.display_name ?? null,
      birthDate: person?.birth_date ?? null,
      idNumber: person?.id_number ?? null,
    },
    sources.representedBy,
  );

  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId, now);
    // The same record and audit action as any evidence opened: the timeline and the evidence pack read it alike.
    await markOpened(core, trx, row, { kind: 'entity_application', ref: entityId }, context);
    const view = await latestView(trx, row.id);
    const [documents, evidenceViewed, approval] = await Promise.all([
      readDocuments(trx, row.id),
      readEvidenceViews(trx, row.id),
      approvalFor(trx, core, {
        row,
        view,
        entityApplications: applicationsOf(view, await readEntityApplications(trx, row.id)),
        actor: context.actor,
      }),
    ]);
    const unmasked = seesUnmaskedPii(context.actor.role);
    const idNumber = person?.id_number ?? null;
    return {
      entityId,
      role: application.role,
      identity: {
        source: person ? 'directory' : 'none',
        name: person?.display_name ?? null,
        birthDate: person?.birth_date ?? null,
        idNumber: idNumber && (unmasked ? idNumber : maskIdNumber(idNumber)),
        updatedAt: person?.updated_at.toISOString() ?? null,
      },
      application: record,
      documents: documents.filter((document) => document.entityId === entityId),
      relatedCases: related,
      evidenceViewed,
      approval,
    };
  });
}
