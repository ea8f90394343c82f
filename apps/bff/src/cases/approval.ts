import type { Approval, CaseView, DecisionOutcome } from '@review-desk/contracts';
import {
  type DecisionFacts,
  evidenceGaps,
  fourEyesReasons,
  outcomeRules,
  significantOwners,
  unmetApprovalConditions,
} from '@review-desk/contracts';
import type { Actor, StoreCore } from './core';
import { type AmlHitEvidence, amlHits, type EntityApplicationEvidence, warnings } from './evidence';
import type { StoreExecutor } from './rows';
import type { CaseRow } from './schema';

/** What approving a case needs, read from the store and judged by the decision policy (contracts/policy). */

export interface ApprovalInput {
  row: Pick<CaseRow, 'id' | 'triage_score' | 'state'>;
  view: CaseView | null;
  /** Entity applications to account for; the view's when it has a journey. */
  entityApplications: readonly EntityApplicationEvidence[];
  actor: Actor;
  acknowledgedWarnings?: ReadonlySet<string>;
  acknowledgedGaps?: ReadonlySet<string>;
}

/** The first decision a case awaiting its second review waits on (the latest one still in force). */
export async function pendingFirstDecision(db: StoreExecutor, caseId: string) {
  return db
    .selectFrom('case_decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('stage', '=', 'first_of_two')
    .where('superseded_at', 'is', null)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The policy's facts about a case: the actor, the hits of the view and their dispositions, the first decision. */
export async function decisionFacts(
  db: StoreExecutor,
  input: Pick<ApprovalInput, 'row' | 'view' | 'actor'>,
): Promise<Omit<DecisionFacts, 'hits'> & { hits: AmlHitEvidence[] }> {
  const [dispositions, first] = await Promise.all([
    db
      .selectFrom('case_dispositions')
      .select(['hit_ref', 'disposition', 'confirmed'])
      .where('case_id', '=', input.row.id)
      .execute(),
    input.row.state === 'awaiting_second_review' ? pendingFirstDecision(db, input.row.id) : undefined,
  ]);
  return {
    role: input.actor.role,
    hits: amlHits(input.view),
    dispositions: dispositions.map((row) => ({
      hitRef: row.hit_ref,
      disposition: row.disposition,
      confirmed: row.confirmed,
    })),
    firstDecision: first ? { outcome: first.outcome as DecisionOutcome } : null,
  };
}

/** The four-eyes reasons of an outcome, with the list types of each disposed hit. */
export function fourEyesOf(
  core: StoreCore,
  facts: DecisionFacts,
  outcome: DecisionOutcome,
  triageScore: number,
): string[] {
  const listTypes = new Map(facts.hits.map((hit) => [hit.ref, hit.listTypes]));
  return fourEyesReasons(core.settings.fourEyes, {
    outcome,
    triageScore,
    dispositions: facts.dispositions
      .filter((item) => listTypes.has(item.hitRef))
      .map((item) => ({ disposition: item.disposition, listTypes: listTypes.get(item.hitRef) ?? [] })),
  });
}

/** What approving the case would need now, for this actor. */
export async function approvalFor(
  db: StoreExecutor,
  core: StoreCore,
  input: ApprovalInput,
): Promise<Approval> {
  const [facts, opened] = await Promise.all([
    decisionFacts(db, input),
    db
      .selectFrom('case_evidence_views')
      .select(['kind', 'ref'])
      .where('case_id', '=', input.row.id)
      .where('kind', 'in', ['entity_application', 'directory_record', 'beneficial_owner'])
      .where('viewed_by', '=', input.actor.id)
      .execute(),
  ]);
  const viewed = opened.filter((row) => row.kind === 'entity_application');
  const warningRefs = warnings(input.view);
  // The approver's own opening of the directory record counts, as for representatives' applications.
  const gaps = evidenceGaps(input.view, {
    directoryRecordOpened: opened.some((row) => row.kind === 'directory_record'),
  });
  const unmet = unmetApprovalConditions({
    ...facts,
    viewLoaded: input.view !== null,
    entityApplications: input.entityApplications,
    viewedEntityApplications: new Set(viewed.map((row) => row.ref)),
    significantOwners: significantOwners(input.view),
    viewedOwners: new Set(opened.filter((row) => row.kind === 'beneficial_owner').map((row) => row.ref)),
    gaps,
    warnings: warningRefs,
    ...(input.acknowledgedGaps ? { acknowledgedGaps: input.acknowledgedGaps } : {}),
    ...(input.acknowledgedWarnings ? { acknowledgedWarnings: input.acknowledgedWarnings } : {}),
  });
  const reasons = fourEyesOf(core, facts, 'approve', input.row.triage_score);
  return {
    unmet,
    amlHits: facts.hits.map(({ ref, name, dateOfBirth, listTypes }) => ({
      ref,
      name,
      dateOfBirth,
      listTypes: [...listTypes],
    })),
    warnings: warningRefs,
    gaps,
    outcomes: outcomeRules(facts),
    fourEyes: { required: reasons.length > 0, reasons },
  };
}
