import type { CaseView } from '@review-desk/contracts';
import type { StoreTransaction } from './core';
import { type EntityApplicationEvidence, entityApplications as entityApplicationsFromView } from './evidence';
import type { StoreExecutor } from './rows';

/** The entity applications (customer, representatives) of a connectFi journey, as the case last saw them. */

export async function readEntityApplications(
  db: StoreExecutor,
  caseId: string,
): Promise<EntityApplicationEvidence[]> {
  const rows = await db
    .selectFrom('case_entity_applications')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('entity_id')
    .execute();
  return rows.map((row) => ({
    entityId: row.entity_id,
    role: row.role,
    status: row.status,
    outcome: row.outcome,
  }));
}

export async function replaceEntityApplications(
  trx: StoreTransaction,
  caseId: string,
  applications: readonly EntityApplicationEvidence[],
): Promise<void> {
  await trx.deleteFrom('case_entity_applications').where('case_id', '=', caseId).execute();
  const unique = new Map(applications.map((application) => [application.entityId, application]));
  if (unique.size === 0) return;
  await trx
    .insertInto('case_entity_applications')
    .values(
      [...unique.values()].map((application) => ({
        case_id: caseId,
        entity_id: application.entityId,
        role: application.role,
        status: application.status,
        outcome: application.outcome,
      })),
    )
    .execute();
}

/** The view's entity applications when it has a journey, else those the case stored. */
export function applicationsOf(
  view: CaseView | null,
  stored: readonly EntityApplicationEvidence[],
): readonly EntityApplicationEvidence[] {
  return view?.journey.provided ? entityApplicationsFromView(view) : stored;
}
