import type { EarlierSession } from '@review-desk/contracts';
import type { StoreTransaction } from './core';
import { readDispositions } from './dispositions';
import { readNotes } from './notes';
import { predecessorIds } from './supersede';

/**
 * What reviewers wrote on the cases this one superseded (older sessions of the same subject): their notes and
 * AML dispositions stay readable from the successor, newest session first.
 */
export async function readEarlierSessions(trx: StoreTransaction, caseId: string): Promise<EarlierSession[]> {
  const ids = await predecessorIds(trx, caseId);
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('cases')
    .select(['id', 'verification_id', 'updated_at', 'created_at'])
    .where('id', 'in', ids)
    .orderBy('created_at', 'desc')
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      caseId: row.id,
      verificationId: row.verification_id === '' ? null : row.verification_id,
      openedAt: row.created_at.toISOString(),
      supersededAt: row.updated_at.toISOString(),
      notes: await readNotes(trx, row.id),
      dispositions: await readDispositions(trx, row.id),
    })),
  );
}
