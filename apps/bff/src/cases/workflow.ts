import type {
  BulkRequest,
  BulkResponse,
  CaseState,
  CaseSummary,
  RevealableField,
  WorkflowAction,
} from '@review-desk/contracts';
import { secondReviewerRefusal } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { subjectRefOf } from './audit-entries';
import {
  type ActionContext,
  type Actor,
  actorAudit,
  assertHolder,
  assertVersion,
  audit,
  extendClaimLease,
  inTransaction,
  isUuid,
  leaseActive,
  lockCase,
  type PendingEvents,
  type StoreCore,
  type StoreTransaction,
  summaryOf,
  writeCase,
} from './core';
import { caseNotFound, claimedByOther, seniorRequired } from './errors';
import type { CaseRow } from './schema';
import { assertTransition, invalidTransition, targetOf } from './states';

/** Claims, releases, "next case", assignment, escalation, notes and PII reveals. */

function claimTarget(action: WorkflowAction, row: CaseRow): CaseState {
  const target = targetOf(action, row.state);
  if (target === null) throw invalidTransition(action, row.state);
  return target;
}

/** The person-dependent rules of taking a case: seniority for escalations, four-eyes for second reviews. */
function assertMayHold(row: CaseRow, holder: Pick<Actor, 'id' | 'role'>): void {
  if (row.state === 'escalated' && holder.role !== 'senior') throw seniorRequired();
  if (row.state === 'awaiting_second_review') {
    const refused = secondReviewerRefusal(holder, row.first_reviewer_id);
    if (refused) throw new ApiError(refused.status, refused.code, refused.message);
  }
}

export async function takeCase(
  core: StoreCore,
  trx: StoreTransaction,
  events: PendingEvents,
  row: CaseRow,
  holder: Pick<Actor, 'id' | 'role'>,
  action: 'claim' | 'assign',
  context: ActionContext,
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  const now = core.clock();
  const to = claimTarget(action, row);
  assertMayHold(row, holder);
  assertTransition(action, row.state, to);
  await writeCase(
    trx,
    row,
    {
      state: to,
      assignee_id: holder.id,
      claim_expires_at: extendClaimLease(core, now),
    },
    now,
  );
  await audit(
    trx,
    actorAudit(
      context,
      action === 'claim' ? 'case.claimed' : 'case.assigned',
      row.id,
      {
        from: row.state,
        to,
        version: row.version + 1,
        assigneeId: holder.id,
        previousAssigneeId: row.assignee_id,
        ...details,
      },
      now,
    ),
  );
  events.add('claimed', row.id);
}

/** Claims the case for the actor, or renews the actor's claim; a lapsed claim of someone else can be taken over. */
export function claim(
  core: StoreCore,
  caseId: string,
  version: number,
  context: ActionContext,
): Promise<CaseSummary> {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    await assertVersion(trx, row, version, now);
    claimTarget('claim', row);
    if (row.assignee_id !== null && row.assignee_id !== context.actor.id && leaseActive(row, now)) {
      throw claimedByOther(await summaryOf(trx, row.id, now));
    }
    await takeCase(core, trx, events, row, context.actor, 'claim', context);
    return summaryOf(trx, row.id, now);
  });
}

async function releaseCase(
  core: StoreCore,
  trx: StoreTransaction,
  events: PendingEvents,
  row: CaseRow,
  context: ActionContext,
  action: string,
): Promise<void> {
  const now = core.clock();
  const to = targetOf('release', row.state);
  if (to === null) throw invalidTransition('release', row.state);
  await trx
    .updateTable('cases')
    .set({ state: to, assignee_id: null, claim_expires_at: null, version: row.version + 1, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await audit(
    trx,
    actorAudit(
      context,
      action,
      row.id,
      { from: row.state, to, version: row.version + 1, previousAssigneeId: row.assignee_id },
      now,
    ),
  );
  events.add('released', row.id);
}

/** The holder gives the case back to the queue. */
export function release(
  core: StoreCore,
  caseId: string,
  version: number,
  context: ActionContext,
): Promise<CaseSummary> {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    await assertVersion(trx, row, version, now);
    if (targetOf('release', row.state) === null) throw invalidTransition('release', row.state);
    await assertHolder(trx, row, context.actor, now);
    await releaseCase(core, trx, events, row, context, 'case.released');
    return summaryOf(trx, row.id, now);
  });
}

/** Adds a note; any reviewer may, claimed or not. */
export function addNote(
  core: StoreCore,
  caseId: string,
  version: number,
  text: string,
  context: ActionContext,
) {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    await assertVersion(trx, row, version, now);
    const note = await trx
      .insertInto('case_notes')
      .values({ case_id: row.id, author_id: context.actor.id, text, created_at: now })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    const renew = row.assignee_id === context.actor.id;
    await writeCase(trx, row, renew ? { claim_expires_at: extendClaimLease(core, now) } : {}, now);
    await audit(
      trx,
      actorAudit(context, 'case.note_added', row.id, { noteId: note.id, version: row.version + 1 }, now),
    );
    events.add('updated', row.id);
    const author = await trx
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', context.actor.id)
      .executeTakeFirst();
    return {
      case: await summaryOf(trx, row.id, now),
      note: {
        id: note.id,
        author: { id: context.actor.id, displayName: author?.display_name ?? context.actor.username },
        text,
        createdAt: note.created_at.toISOString(),
      },
    };
  });
}

/** The unmasked identifier, recorded in the audit trail (the value itself never is). */
export function reveal(core: StoreCore, caseId: string, field: RevealableField, context: ActionContext) {
  return inTransaction(core, async (trx) => {
    const now = core.clock();
    if (!isUuid(caseId)) throw caseNotFound();
    const row = await trx
      .selectFrom('cases')
      .select(['id', 'provider', 'subject_id', 'id_number', 'tax_id'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!row) throw caseNotFound();
    const subject = subjectRefOf(row.provider, row.subject_id);
    await audit(trx, actorAudit(context, 'case.pii_revealed', row.id, { field }, now, subject));
    return { field, value: field === 'idNumber' ? row.id_number : row.tax_id };
  });
}

/**
 * A fresh Capa KYC link for the subject of a rejected (or information-requested) Capa case. The provider is
 * called outside any transaction; the audit row is written once it answered.
 */
export async function requestKycLink(
  core: StoreCore,
  caseId: string,
  country: string,
  context: ActionContext,
  createKycLink: (userId: string, country: string) => Promise<string>,
) {
  if (!isUuid(caseId)) throw caseNotFound();
  const row = await core.db
    .selectFrom('cases')
    .select(['id', 'provider', 'subject_id', 'state', 'resolution'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw caseNotFound();
  if (row.provider !== 'capa') {
    throw new ApiError(409, 'kyc_link_not_applicable', 'KYC links exist only for Capa cases');
  }
  const rejected = row.state === 'resolved' && row.resolution === 'rejected';
  if (!rejected && row.state !== 'info_requested') {
    throw new ApiError(
      409,
      'kyc_link_not_applicable',
      'A fresh KYC link is for a rejected case or one waiting for information',
      { state: row.state, resolution: row.resolution },
    );
  }
  const kycLink = await createKycLink(row.subject_id, country);
  await inTransaction(core, (trx) =>
    audit(trx, actorAudit(context, 'case.kyc_link_requested', row.id, { country }, core.clock())),
  );
  return { kycLink };
}

async function assigneeFor(
  core: StoreCore,
  assigneeId: string | undefined,
): Promise<Pick<Actor, 'id' | 'role'>> {
  if (!assigneeId) throw new ApiError(400, 'invalid_request', 'assigneeId is required to assign');
  const user = await core.db
    .selectFrom('users')
    .select(['id', 'role', 'disabled'])
    .where('id', '=', assigneeId)
    .executeTakeFirst();
  if (!user || user.disabled || (user.role !== 'analyst' && user.role !== 'senior')) {
    throw new ApiError(422, 'invalid_assignee', 'Cases can be assigned only to active analysts and seniors');
  }
  return user;
}

/** One action on many cases (senior and admin); each case succeeds or fails on its own. */
export async function bulk(
  core: StoreCore,
  request: BulkRequest,
  context: ActionContext,
): Promise<BulkResponse> {
  const assignee = request.action === 'assign' ? await assigneeFor(core, request.assigneeId) : null;
  const results: BulkResponse['results'] = [];
  for (const item of request.cases) {
    try {
      const summary = await inTransaction(core, async (trx, events) => {
        const now = core.clock();
        const row = await lockCase(trx, item.id);
        await assertVersion(trx, row, item.version, now);
        if (request.action === 'assign' && assignee) {
          await takeCase(core, trx, events, row, assignee, 'assign', context, { bulk: true });
        } else if (request.action === 'release') {
          await releaseCase(core, trx, events, row, context, 'case.released');
        } else {
          await escalateCase(core, trx, events, row, context, request.comment ?? null);
        }
        return summaryOf(trx, row.id, now);
      });
      results.push({ id: item.id, ok: true, case: summary });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({
        id: item.id,
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      });
    }
  }
  return { results };
}

async function escalateCase(
  core: StoreCore,
  trx: StoreTransaction,
  events: PendingEvents,
  row: CaseRow,
  context: ActionContext,
  comment: string | null,
): Promise<void> {
  const now = core.clock();
  const to = targetOf('escalate', row.state);
  if (to === null) throw invalidTransition('escalate', row.state);
  await writeCase(
    trx,
    row,
    {
      state: to,
      assignee_id: null,
      claim_expires_at: null,
      first_reviewer_id: null,
    },
    now,
  );
  await audit(
    trx,
    actorAudit(
      context,
      'case.escalated',
      row.id,
      { from: row.state, to, version: row.version + 1, bulk: true, comment },
      now,
    ),
  );
  events.add('updated', row.id);
}
