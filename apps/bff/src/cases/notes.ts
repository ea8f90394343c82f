import type { Note } from '@review-desk/contracts';
import type { StoreExecutor } from './rows';

/** The notes of a case, oldest first. */
export async function readNotes(db: StoreExecutor, caseId: string): Promise<Note[]> {
  const rows = await db
    .selectFrom('case_notes as n')
    .leftJoin('users as author', 'author.id', 'n.author_id')
    .selectAll('n')
    .select('author.display_name as author_name')
    .where('n.case_id', '=', caseId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    author: { id: row.author_id, displayName: row.author_name ?? 'Unknown user' },
    text: row.text,
    createdAt: row.created_at.toISOString(),
  }));
}
