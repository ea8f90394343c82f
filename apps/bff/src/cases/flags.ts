import type { CaseSummary, Provider, ReviewFlag } from '@review-desk/contracts';
import { ApiError } from '../errors';
import {
  type ActionContext,
  actorAudit,
  audit,
  inTransaction,
  isUuid,
  lockCase,
  type StoreCore,
  type StoreTransaction,
  summaryOf,
  writeCase,
} from './core';

/**
 * Support's "flag for review": instead of opening a case themselves, support staff tell analysts why a
 * customer needs a look. The flag is kept until an analyst deals with it; when the customer has a case, the
 * reason is also added to it as a note and a `flagged` case event tells whoever has it open.
 */

const OPEN_FLAGS_SHOWN = 200;

const flagNotFound = () => new ApiError(404, 'flag_not_found', 'There is no such flag');

async function readFlag(trx: StoreTransaction, id: string): Promise<ReviewFlag> {
  const row = await trx
    .selectFrom('review_flags as f')
    .innerJoin('users as raiser', 'raiser.id', 'f.raised_by')
    .leftJoin('users as handler', 'handler.id', 'f.handled_by')
    .selectAll('f')
    .select(['raiser.display_name as raiser_name', 'handler.display_name as handler_name'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) throw flagNotFound();
  return toFlag(row);
}

interface FlagRow {
  id: string;
  provider: Provider;
  subject_id: string;
  case_id: string | null;
  reason: string;
  raised_by: string;
  raised_at: Date;
  handled_by: string | null;
  handled_at: Date | null;
  raiser_name: string;
  handler_name: string | null;
}

const toFlag = (row: FlagRow): ReviewFlag => ({
  id: row.id,
  provider: row.provider,
  subjectId: row.subject_id,
  caseId: row.case_id,
  reason: row.reason,
  raisedBy: { id: row.raised_by, displayName: row.raiser_name },
  raisedAt: row.raised_at.toISOString(),
  handledBy:
    row.handled_by === null ? null : { id: row.handled_by, displayName: row.handler_name ?? 'Unknown user' },
  handledAt: row.handled_at === null ? null : row.handled_at.toISOString(),
});

/** Flags a case: the reason becomes a note on it, and the flag waits for an analyst. */
export function flagCase(core: StoreCore, caseId: string, reason: string, context: ActionContext) {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    const flagId = await insertFlag(
      trx,
      { provider: row.provider, subjectId: row.subject_id, caseId: row.id },
      reason,
      context,
      now,
    );
    const note = await trx
      .insertInto('case_notes')
      .values({
        case_id: row.id,
        author_id: context.actor.id,
        text: `Flagged for review: ${reason}`,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeCase(trx, row, {}, now);
    await audit(
      trx,
      actorAudit(context, 'case.flagged', row.id, { flagId, noteId: note.id, version: row.version + 1 }, now),
    );
    events.add('flagged', row.id);
    return { flag: await readFlag(trx, flagId), case: await summaryOf(trx, row.id, now) };
  });
}

/** Flags a customer from an investigation: onto their latest case when they have one, else on its own. */
export async function flagSubject(
  core: StoreCore,
  subject: { provider: Provider; subjectId: string },
  reason: string,
  context: ActionContext,
): Promise<{ flag: ReviewFlag; case: CaseSummary | null }> {
  const latest = await core.db
    .selectFrom('cases')
    .select('id')
    .where('provider', '=', subject.provider)
    .where('subject_id', '=', subject.subjectId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (latest) return flagCase(core, latest.id, reason, context);
  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const flagId = await insertFlag(trx, { ...subject, caseId: null }, reason, context, now);
    await audit(trx, {
      ...actorAudit(context, 'subject.flagged', null, { flagId }, now),
      subjectRef: `${subject.provider}:${subject.subjectId}`,
    });
    return { flag: await readFlag(trx, flagId), case: null };
  });
}

async function insertFlag(
  trx: StoreTransaction,
  subject: { provider: Provider; subjectId: string; caseId: string | null },
  reason: string,
  context: ActionContext,
  now: Date,
): Promise<string> {
  const inserted = await trx
    .insertInto('review_flags')
    .values({
      provider: subject.provider,
      subject_id: subject.subjectId,
      case_id: subject.caseId,
      reason,
      raised_by: context.actor.id,
      raised_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function openFlags(core: StoreCore): Promise<ReviewFlag[]> {
  const rows = await core.db
    .selectFrom('review_flags as f')
    .innerJoin('users as raiser', 'raiser.id', 'f.raised_by')
    .leftJoin('users as handler', 'handler.id', 'f.handled_by')
    .selectAll('f')
    .select(['raiser.display_name as raiser_name', 'handler.display_name as handler_name'])
    .where('f.handled_at', 'is', null)
    .orderBy('f.raised_at')
    .orderBy('f.id')
    .limit(OPEN_FLAGS_SHOWN)
    .execute();
  return rows.map(toFlag);
}

/** An analyst has dealt with the flag; handling it twice is a 409. */
export function handleFlag(core: StoreCore, flagId: string, context: ActionContext) {
  if (!isUuid(flagId)) throw flagNotFound();
  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const row = await trx
      .selectFrom('review_flags')
      .select(['id', 'handled_at', 'case_id', 'provider', 'subject_id'])
      .where('id', '=', flagId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw flagNotFound();
    if (row.handled_at !== null)
      throw new ApiError(409, 'flag_already_handled', 'The flag was already dealt with');
    await trx
      .updateTable('review_flags')
      .set({ handled_by: context.actor.id, handled_at: now })
      .where('id', '=', flagId)
      .execute();
    await audit(trx, {
      ...actorAudit(context, 'flag.handled', row.case_id, { flagId }, now),
      subjectRef: `${row.provider}:${row.subject_id}`,
    });
    return { flag: await readFlag(trx, flagId) };
  });
}
