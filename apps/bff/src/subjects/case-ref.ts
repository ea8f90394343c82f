import type { Provider } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import { caseNotFound } from '../cases/errors';
import type { CaseTables } from '../cases/schema';
import type { DB } from '../db/schema';

/**
 * The case a read of a subject is made for, as the caller names it (`?caseId=`), checked to be that subject's:
 * the audit row then names the case, and the case's timeline shows the read. 404 for any other case.
 */
export async function caseOfSubject(
  db: Kysely<DB>,
  caseId: string | undefined,
  provider: Provider,
  subjectId: string,
): Promise<string | null> {
  if (caseId === undefined) return null;
  const found = await db
    .withTables<CaseTables>()
    .selectFrom('cases')
    .select('id')
    .where('id', '=', caseId)
    .where('provider', '=', provider)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  if (!found) throw caseNotFound();
  return found.id;
}
