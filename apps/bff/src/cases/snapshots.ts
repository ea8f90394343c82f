import type { CaseView } from '@review-desk/contracts';
import type { StoreExecutor } from './rows';

/** Evidence snapshots: every verification shown to anyone, kept under its hash (see evidence.ts viewHash). */

/** The most recent evidence snapshot of the case: the last verification shown to anyone. */
export async function latestView(db: StoreExecutor, caseId: string): Promise<CaseView | null> {
  const row = await db
    .selectFrom('case_view_snapshots')
    .select('view')
    .where('case_id', '=', caseId)
    .orderBy('captured_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? (row.view as unknown as CaseView) : null;
}

export async function snapshotView(
  db: StoreExecutor,
  caseId: string,
  hash: string,
): Promise<CaseView | null> {
  const row = await db
    .selectFrom('case_view_snapshots')
    .select('view')
    .where('case_id', '=', caseId)
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row ? (row.view as unknown as CaseView) : null;
}

/** The hash of the latest evidence snapshot; null when no verification was ever shown. */
export async function latestViewHash(db: StoreExecutor, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('case_view_snapshots')
    .select('hash')
    .where('case_id', '=', caseId)
    .orderBy('captured_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}
