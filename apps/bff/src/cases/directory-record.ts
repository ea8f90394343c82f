import type { DirectoryRecordResponse, Provider } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { maskIdNumber } from '../normalise/mask';
import { seesUnmaskedPii } from '../subjects/pii';
import { approvalFor } from './approval';
import { subjectRefOf } from './audit-entries';
import {
  type ActionContext,
  actorAudit,
  audit,
  inTransaction,
  isUuid,
  lockCase,
  type StoreCore,
} from './core';
import { applicationsOf, readEntityApplications } from './entity-applications';
import { readEvidenceViews } from './evidence-views';
import { latestView } from './snapshots';

/** The directory's entry for a subject, as the deliveries' directory keeps it. */
export interface DirectoryEntry {
  display_name: string | null;
  birth_date: string | null;
  id_number: string | null;
  updated_at: Date;
}

export type LookUpDirectory = (provider: Provider, subjectId: string) => Promise<DirectoryEntry | undefined>;

/**
 * Opens the organisation's directory record of a case's subject: a read of personal data, audited with the case
 * it concerns, and recorded as evidence the reader opened. A verification that names nobody is then covered by
 * it for that reader's approval (contracts/policy evidence gaps). 404 when the directory has no record.
 */
export async function openDirectoryRecord(
  core: StoreCore,
  caseId: string,
  lookUp: LookUpDirectory,
  context: ActionContext,
): Promise<DirectoryRecordResponse> {
  // The directory is read first, on its own: PGlite runs one transaction at a time on its one connection.
  const subject = isUuid(caseId)
    ? await core.db
        .selectFrom('cases')
        .select(['provider', 'subject_id'])
        .where('id', '=', caseId)
        .executeTakeFirst()
    : undefined;
  const entry = subject ? await lookUp(subject.provider, subject.subject_id) : undefined;
  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId, now);
    if (!entry || subject?.provider !== row.provider || subject.subject_id !== row.subject_id) {
      throw new ApiError(
        404,
        'directory_record_not_found',
        "The organisation's directory has no record of this customer",
      );
    }
    await trx
      .insertInto('case_evidence_views')
      .values({
        case_id: row.id,
        kind: 'directory_record',
        ref: 'subject',
        viewed_by: context.actor.id,
        viewed_at: now,
      })
      .onConflict((oc) => oc.columns(['case_id', 'kind', 'ref', 'viewed_by']).doUpdateSet({ viewed_at: now }))
      .execute();
    await audit(
      trx,
      actorAudit(
        context,
        'case.directory_record_viewed',
        row.id,
        {},
        now,
        subjectRefOf(row.provider, row.subject_id),
      ),
    );
    const view = await latestView(trx, row.id);
    const unmasked = seesUnmaskedPii(context.actor.role);
    return {
      record: {
        displayName: entry.display_name,
        birthDate: entry.birth_date,
        idNumber: entry.id_number && (unmasked ? entry.id_number : maskIdNumber(entry.id_number)),
        updatedAt: entry.updated_at.toISOString(),
      },
      evidenceViewed: await readEvidenceViews(trx, row.id),
      approval: await approvalFor(trx, core, {
        row,
        view,
        entityApplications: applicationsOf(view, await readEntityApplications(trx, row.id)),
        actor: context.actor,
      }),
    };
  });
}
