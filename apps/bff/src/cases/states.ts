import type { CaseState, WorkflowAction } from '@review-desk/contracts';
import { ApiError } from '../errors';

/**
 * The review workflow: every allowed transition, and nothing else. Guards that depend on who acts (the claim
 * holder, four-eyes, seniority) live with the actions; this table only says which state may follow which.
 *
 * `escalated` and `awaiting_second_review` are claimed and released without a change of state (the
 * assignee changes), so claim, release and assign list them as transitions to themselves.
 */
export const transitions: ReadonlyArray<readonly [WorkflowAction, CaseState, CaseState]> = [
  ['claim', 'open', 'in_review'],
  ['claim', 'reopened', 'in_review'],
  ['claim', 'info_requested', 'in_review'],
  // Taking over a lapsed claim, or the holder renewing it.
  ['claim', 'in_review', 'in_review'],
  ['claim', 'escalated', 'escalated'],
  ['claim', 'awaiting_second_review', 'awaiting_second_review'],

  ['release', 'in_review', 'open'],
  ['release', 'escalated', 'escalated'],
  ['release', 'awaiting_second_review', 'awaiting_second_review'],

  ['assign', 'open', 'in_review'],
  ['assign', 'reopened', 'in_review'],
  ['assign', 'info_requested', 'in_review'],
  ['assign', 'in_review', 'in_review'],
  ['assign', 'escalated', 'escalated'],
  ['assign', 'awaiting_second_review', 'awaiting_second_review'],

  // A decision that needs no second reviewer resolves; one that does waits for it.
  ['approve', 'in_review', 'resolved'],
  ['approve', 'in_review', 'awaiting_second_review'],
  ['approve', 'escalated', 'resolved'],
  ['approve', 'escalated', 'awaiting_second_review'],
  ['approve', 'awaiting_second_review', 'resolved'],
  // The second reviewer disagreeing with the first sends the case to a senior.
  ['approve', 'awaiting_second_review', 'escalated'],
  ['reject', 'in_review', 'resolved'],
  ['reject', 'in_review', 'awaiting_second_review'],
  ['reject', 'escalated', 'resolved'],
  ['reject', 'escalated', 'awaiting_second_review'],
  ['reject', 'awaiting_second_review', 'resolved'],
  ['reject', 'awaiting_second_review', 'escalated'],

  ['escalate', 'open', 'escalated'],
  ['escalate', 'reopened', 'escalated'],
  ['escalate', 'in_review', 'escalated'],
  ['escalate', 'info_requested', 'escalated'],
  ['escalate', 'awaiting_second_review', 'escalated'],

  ['request_information', 'in_review', 'info_requested'],
  ['request_information', 'escalated', 'info_requested'],
  ['request_information', 'awaiting_second_review', 'info_requested'],

  // The verification changed before the second review: the first decision is void, the case starts again.
  ['evidence_changed', 'awaiting_second_review', 'reopened'],

  // Opened again by hand.
  ['reopen', 'resolved', 'reopened'],

  // The provider says the verification needs review again (new documents, a re-run).
  ['upstream_review_needed', 'info_requested', 'reopened'],
  ['upstream_review_needed', 'resolved', 'reopened'],

  ['upstream_resolved', 'open', 'resolved'],
  ['upstream_resolved', 'reopened', 'resolved'],
  ['upstream_resolved', 'in_review', 'resolved'],
  ['upstream_resolved', 'awaiting_second_review', 'resolved'],
  ['upstream_resolved', 'escalated', 'resolved'],
  ['upstream_resolved', 'info_requested', 'resolved'],

  // A newer session of the same subject replaced this one (final).
  ['upstream_superseded', 'open', 'superseded'],
  ['upstream_superseded', 'reopened', 'superseded'],
  ['upstream_superseded', 'in_review', 'superseded'],
  ['upstream_superseded', 'awaiting_second_review', 'superseded'],
  ['upstream_superseded', 'escalated', 'superseded'],
  ['upstream_superseded', 'info_requested', 'superseded'],
];

const allowed = new Set(transitions.map(([action, from, to]) => `${action}:${from}:${to}`));

export function isAllowed(action: WorkflowAction, from: CaseState, to: CaseState): boolean {
  return allowed.has(`${action}:${from}:${to}`);
}

/** Where an action leads from a state it does not apply to, for naming the refused transition. */
const usualTarget: Record<WorkflowAction, CaseState> = {
  claim: 'in_review',
  release: 'open',
  assign: 'in_review',
  approve: 'resolved',
  reject: 'resolved',
  escalate: 'escalated',
  request_information: 'info_requested',
  reopen: 'reopened',
  upstream_review_needed: 'reopened',
  upstream_resolved: 'resolved',
  evidence_changed: 'reopened',
  upstream_superseded: 'superseded',
};

/** The state `action` leads to from `from` when it changes nothing else; null when the action does not apply. */
export function targetOf(action: WorkflowAction, from: CaseState): CaseState | null {
  for (const [candidate, source, to] of transitions) {
    if (candidate === action && source === from) return to;
  }
  return null;
}

export function invalidTransition(action: WorkflowAction, from: CaseState, to?: CaseState): ApiError {
  const target = to ?? usualTarget[action];
  return new ApiError(
    409,
    'invalid_transition',
    `A case cannot go from ${from} to ${target} (${action.replaceAll('_', ' ')})`,
    { action, from, to: target },
  );
}

/** Throws 409 invalid_transition unless the table allows it. */
export function assertTransition(action: WorkflowAction, from: CaseState, to: CaseState): void {
  if (!isAllowed(action, from, to)) throw invalidTransition(action, from, to);
}
