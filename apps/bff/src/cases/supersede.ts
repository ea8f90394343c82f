import type { Provider } from '@review-desk/contracts';
import { audit, type StoreTransaction, type SystemContext, systemAudit, writeCase } from './core';
import type { CaseRow } from './schema';
import { assertTransition } from './states';

/** States in which a case is no longer worked on; every other state is live (at most one per subject). */
export const finalStates = ['resolved', 'superseded'] as const;

/** The subject's live case at the provider, locked; undefined when there is none. */
export function findLiveCase(
  trx: StoreTransaction,
  provider: Provider,
  subjectId: string,
): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('cases')
    .selectAll()
    .where('provider', '=', provider)
    .where('subject_id', '=', subjectId)
    .where('state', 'not in', [...finalStates])
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A newer upstream session replaces the subject's live case: it becomes `superseded` (final, not decidable),
 * names its successor and loses its claim. Audited as `case.superseded`; returns the superseded ids.
 */
export async function supersedeLiveCases(
  trx: StoreTransaction,
  provider: Provider,
  subjectId: string,
  successorId: string,
  context: SystemContext,
  now: Date,
): Promise<string[]> {
  const live = await trx
    .selectFrom('cases')
    .selectAll()
    .where('provider', '=', provider)
    .where('subject_id', '=', subjectId)
    .where('state', 'not in', [...finalStates])
    .forUpdate()
    .execute();
  for (const row of live) {
    assertTransition('upstream_superseded', row.state, 'superseded');
    await writeCase(
      trx,
      row,
      { state: 'superseded', superseded_by: successorId, assignee_id: null, claim_expires_at: null },
      now,
    );
    await audit(
      trx,
      systemAudit(
        context,
        'case.superseded',
        row.id,
        { from: row.state, supersededBy: successorId, version: row.version + 1 },
        now,
      ),
    );
  }
  return live.map((row) => row.id);
}

/** The cases this one replaced, directly or through a chain of sessions, newest first. */
export async function predecessorIds(trx: StoreTransaction, caseId: string): Promise<string[]> {
  const ids: string[] = [];
  let frontier = [caseId];
  // A chain is as long as the subject's sessions; the bound only guards against a cycle written by hand.
  for (let depth = 0; depth < 50 && frontier.length > 0; depth += 1) {
    const rows = await trx
      .selectFrom('cases')
      .select('id')
      .where('superseded_by', 'in', frontier)
      .orderBy('created_at', 'desc')
      .execute();
    frontier = rows.map((row) => row.id).filter((id) => !ids.includes(id) && id !== caseId);
    ids.push(...frontier);
  }
  return ids;
}
