import type { DisagreementRequest, Provider, ProviderVerdict } from '@review-desk/contracts';
import { ApiError } from '../errors';
import {
  type ActionContext,
  actorAudit,
  assertVersion,
  audit,
  inTransaction,
  lockCase,
  type StoreCore,
  type StoreTransaction,
  type SystemContext,
  summaryOf,
  systemAudit,
  writeCase,
} from './core';
import type { CaseInput } from './intake';
import type { CaseRow } from './schema';
import { assertTransition } from './states';
import { findLiveCase } from './supersede';

/**
 * Verdict drift: the provider concludes, after the desk decided, the opposite of what the desk decided (the
 * desk approved and Capa rejected or connectFi denied, or the reverse). Nothing the provider says is dropped:
 * the contradiction is recorded on the desk's case, raised as a `disagreement` event and audited, and stays
 * until a senior closes it, by acknowledging it with a note or by reopening the case for a new decision.
 */

const deskVerdict = (row: CaseRow): ProviderVerdict | null =>
  row.state !== 'resolved'
    ? null
    : row.resolution === 'approved'
      ? 'approved'
      : row.resolution === 'rejected'
        ? 'rejected'
        : null;

/** The subject's latest case at the provider (not superseded), locked: the desk's current word on it. */
function latestCase(trx: StoreTransaction, provider: Provider, subjectId: string) {
  return trx
    .selectFrom('cases')
    .selectAll()
    .where('provider', '=', provider)
    .where('subject_id', '=', subjectId)
    .where('state', '<>', 'superseded')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

const cleared = {
  disagreement_verdict: null,
  disagreement_desk_resolution: null,
  disagreement_status: null,
  disagreement_detected_at: null,
  disagreement_open: false,
  disagreement_closure: null,
} as const;

/**
 * Compares the provider's verdict with the desk's decision on the subject's latest case. A contradiction is
 * raised once per verdict: a closed one is not raised again while the provider holds to it. A provider that
 * comes round to the desk's decision clears it. Returns whether the case changed.
 */
export function followProviderVerdict(
  core: StoreCore,
  input: CaseInput,
  context: SystemContext = {},
): Promise<boolean> {
  const said = input.providerVerdict;
  if (said === null) return Promise.resolve(false);
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await latestCase(trx, input.provider, input.subjectId);
    const desk = row ? deskVerdict(row) : null;
    if (!row || desk === null) return false;
    if (said.verdict === desk) {
      if (row.disagreement_verdict === null) return false;
      await writeCase(trx, row, cleared, now);
      if (row.disagreement_open) {
        await audit(
          trx,
          systemAudit(
            context,
            'case.provider_disagreement_cleared',
            row.id,
            { providerVerdict: said.verdict, providerStatus: said.said, version: row.version + 1 },
            now,
          ),
        );
      }
      events.add('updated', row.id);
      return true;
    }
    if (row.disagreement_verdict === said.verdict) return false;
    await writeCase(
      trx,
      row,
      {
        disagreement_verdict: said.verdict,
        disagreement_desk_resolution: row.resolution,
        disagreement_status: said.said,
        disagreement_detected_at: now,
        disagreement_open: true,
        disagreement_closure: null,
      },
      now,
    );
    await audit(
      trx,
      systemAudit(
        context,
        'case.provider_disagreement',
        row.id,
        {
          deskResolution: row.resolution,
          providerVerdict: said.verdict,
          providerStatus: said.said,
          version: row.version + 1,
        },
        now,
      ),
    );
    events.add('disagreement', row.id);
    return true;
  });
}

const noDisagreement = () =>
  new ApiError(409, 'no_disagreement', "The provider's verdict does not contradict this case's decision");

/**
 * A senior closes an open disagreement: `acknowledge` keeps the desk's decision (the note says why);
 * `reopen` sends the case back to the queue for a new decision, which the same verdict no longer closes as
 * "resolved upstream". Either way the note is kept on the case and the step is audited.
 */
export function closeDisagreement(
  core: StoreCore,
  caseId: string,
  request: DisagreementRequest,
  context: ActionContext,
) {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    await assertVersion(trx, row, request.version, now);
    if (!row.disagreement_open) throw noDisagreement();
    const details = {
      deskResolution: row.disagreement_desk_resolution,
      providerVerdict: row.disagreement_verdict,
      version: row.version + 1,
    };
    const note = await trx
      .insertInto('case_notes')
      .values({ case_id: row.id, author_id: context.actor.id, text: request.note, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (request.action === 'acknowledge') {
      await writeCase(trx, row, { disagreement_open: false, disagreement_closure: 'acknowledged' }, now);
      await audit(
        trx,
        actorAudit(
          context,
          'case.provider_disagreement_acknowledged',
          row.id,
          { ...details, noteId: note.id },
          now,
        ),
      );
    } else {
      assertTransition('reopen', row.state, 'reopened');
      const live = await findLiveCase(trx, row.provider, row.subject_id);
      if (live) {
        throw new ApiError(
          409,
          'live_case_exists',
          'The subject has a newer case in the queue; decide there instead of reopening this one',
          { case: await summaryOf(trx, row.id, now), liveCaseId: live.id },
        );
      }
      await writeCase(
        trx,
        row,
        {
          state: 'reopened',
          resolution: null,
          resolved_at: null,
          assignee_id: null,
          claim_expires_at: null,
          first_reviewer_id: null,
          sla_due_at: new Date(now.getTime() + core.settings.slaMs),
          disagreement_open: false,
          disagreement_closure: 'reopened',
        },
        now,
      );
      await audit(
        trx,
        actorAudit(
          context,
          'case.reopened',
          row.id,
          { ...details, from: row.state, reason: 'provider_disagreement', noteId: note.id },
          now,
        ),
      );
    }
    events.add('updated', row.id);
    return { case: await summaryOf(trx, row.id, now) };
  });
}
