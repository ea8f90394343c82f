import type { CaseSummary, Provider } from '@review-desk/contracts';
import { type ActionContext, inTransaction, type StoreCore, summaryOf } from './core';
import { takeCase } from './workflow';

export interface NextCaseOptions {
  /** Providers whose cases are not handed out now (their circuit is open). */
  pausedProviders?: readonly Provider[];
}

/**
 * Claims the highest-priority case the actor may take: SLA breached first, then triage score, then oldest.
 * The breached cases are looked at first and then the rest, each in the (score, age) order of the
 * cases_priority index, so the pick never sorts the whole queue. `for update skip locked` lets concurrent
 * reviewers pass over each other's candidates on PostgreSQL; on PGlite the single connection runs one
 * transaction at a time, which is just as exclusive. Cases of a provider that is not answering (its circuit
 * open) are passed over: nobody could review their evidence now.
 */
export function next(
  core: StoreCore,
  context: ActionContext,
  options: NextCaseOptions = {},
): Promise<{ case: CaseSummary | null; held: boolean }> {
  const paused = options.pausedProviders ?? [];
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const { actor } = context;
    // A reviewer works one case at a time: the case they still hold comes back before a new one is handed out.
    const holding = await trx
      .selectFrom('cases')
      .select('id')
      .where('assignee_id', '=', actor.id)
      .where('claim_expires_at', '>', now)
      .where('state', '<>', 'resolved')
      .orderBy('claim_expires_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (holding) return { case: await summaryOf(trx, holding.id, now), held: true };
    const candidate = (breached: boolean) =>
      trx
        .selectFrom('cases')
        .selectAll()
        .where((eb) =>
          eb.and([
            breached ? eb('sla_due_at', '<=', now) : eb('sla_due_at', '>', now),
            eb.or([eb('assignee_id', 'is', null), eb('claim_expires_at', '<=', now)]),
            ...(paused.length > 0 ? [eb('provider', 'not in', paused)] : []),
            eb.or([
              eb('state', 'in', ['open', 'reopened', 'in_review']),
              // Second reviews and escalations are a senior's (contracts/policy four-eyes).
              ...(actor.role === 'senior'
                ? [
                    eb('state', '=', 'escalated'),
                    eb.and([
                      eb('state', '=', 'awaiting_second_review'),
                      eb.or([eb('first_reviewer_id', 'is', null), eb('first_reviewer_id', '<>', actor.id)]),
                    ]),
                  ]
                : []),
            ]),
          ]),
        )
        .orderBy('triage_score', 'desc')
        .orderBy('created_at', 'asc')
        .orderBy('id', 'asc')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
    const row = (await candidate(true)) ?? (await candidate(false));
    if (!row) return { case: null, held: false };
    await takeCase(core, trx, events, row, actor, 'claim', context, { via: 'next' });
    return { case: await summaryOf(trx, row.id, now), held: false };
  });
}
