import type { CaseView } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import { type CaseInput, caseInputFromView, withDelivery } from '../cases/intake';
import type { CaseStore } from '../cases/store';
import type { SubjectDirectory } from './directory';
import { enrichedFromDirectory } from './enrich';
import type { DeliveryDB } from './schema';

export const resolvedUpstreamReason = 'resolved upstream';

/** When a delivery first reached the desk, and the event it named (Capa's `event`). */
export interface Delivery {
  receivedAt: Date;
  event: string | null;
}

export interface SyncResult {
  /** The case the current upstream state belongs to, when there is one. */
  caseId: string | null;
  created: boolean;
  changed: boolean;
  /** Cases of the subject closed as resolved upstream. */
  closed: number;
}

/**
 * Whether the provider has finished with the subject on its own: a Capa result other than REVIEW_NEEDED, a
 * connectFi journey that is completed. A connectFi journey that merely moved on (data_request, running) is
 * recorded as an upstream status change, not closed.
 */
function resolvedAtProvider(input: CaseInput): boolean {
  if (input.reviewNeeded) return false;
  if (input.provider === 'capa') return input.upstreamStatus !== 'unknown';
  return input.upstreamStatus.trim().toLowerCase() === 'completed';
}

/**
 * Brings the desk's record of one subject up to date with what its provider says now: opens or updates the case
 * of the current verification and, once the provider has resolved the subject, closes its open cases as
 * "resolved upstream". Always called with a fresh read, so deliveries arriving out of order are harmless.
 */
export class SubjectSync {
  constructor(
    private readonly db: Kysely<DeliveryDB>,
    private readonly store: CaseStore,
    private readonly directory: SubjectDirectory,
  ) {}

  /** `delivery`: the webhook that asked for this read, whose arrival may start the SLA clock. */
  async sync(view: CaseView, actorUsername: string, delivery: Delivery | null = null): Promise<SyncResult> {
    const input = withDelivery(
      await enrichedFromDirectory(this.directory, caseInputFromView(view)),
      delivery,
    );
    const context = { actorUsername };
    const result = await this.store.openOrUpdateCase(input, context);
    let closed = 0;
    if (resolvedAtProvider(input)) {
      for (const caseId of await this.#openCaseIds(input)) {
        const outcome = await this.store.closeResolvedUpstream(caseId, resolvedUpstreamReason, context);
        if (outcome.changed) closed += 1;
      }
    }
    const drifted = await this.store.followProviderVerdict(input, context);
    return {
      caseId: result.case?.id ?? null,
      created: result.created,
      changed: result.changed || closed > 0 || drifted,
      closed,
    };
  }

  /**
   * The subject's open cases, but for one a senior reopened over this very verdict: the desk took the
   * decision back from the provider, so the verdict it already knew does not close it again.
   */
  async #openCaseIds(input: CaseInput): Promise<string[]> {
    const verdict = input.providerVerdict?.verdict ?? null;
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('provider', '=', input.provider)
      .where('subject_id', '=', input.subjectId)
      .where('state', 'not in', ['resolved', 'superseded'])
      .where((eb) =>
        verdict === null
          ? eb.val(true)
          : eb.or([
              eb('disagreement_closure', 'is', null),
              eb('disagreement_closure', '<>', 'reopened'),
              eb('disagreement_verdict', 'is', null),
              eb('disagreement_verdict', '<>', verdict),
            ]),
      )
      .execute();
    return rows.map((row) => row.id);
  }
}
