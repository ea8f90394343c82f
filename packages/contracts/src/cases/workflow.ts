import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../case-view/primitives';

/**
 * Where a case is in the review workflow. `in_review` is a claimed `open`/`reopened`/`info_requested` case;
 * `escalated` and `awaiting_second_review` cases are claimed without changing state (see `assignee`).
 */
export const caseStates = [
  'open',
  'in_review',
  'awaiting_second_review',
  'escalated',
  'info_requested',
  'reopened',
  'resolved',
  'superseded',
] as const;
export type CaseState = (typeof caseStates)[number];
export const CaseState = StringEnum(caseStates, {
  description:
    'open: waiting in the queue; in_review: claimed by one reviewer; awaiting_second_review: a first decision needs a second reviewer; escalated: for a senior; info_requested: waiting for the subject; reopened: back in the queue after the upstream changed; resolved: final; superseded: final, a newer session of the same subject at the same provider replaced it (see supersededBy)',
});

export const caseResolutions = ['approved', 'rejected', 'resolved_upstream'] as const;
export type CaseResolution = (typeof caseResolutions)[number];
export const CaseResolution = StringEnum(caseResolutions, {
  description:
    'How a resolved case ended: decided here (approved, rejected) or closed because the provider resolved it',
});

/** What a workflow transition is asked for by; `invalid_transition` errors name it with from and to. */
export const workflowActions = [
  'claim',
  'release',
  'approve',
  'reject',
  'escalate',
  'request_information',
  'assign',
  'reopen',
  'upstream_review_needed',
  'upstream_resolved',
  'evidence_changed',
  'upstream_superseded',
] as const;
export type WorkflowAction = (typeof workflowActions)[number];

/** `details` of a 409 `invalid_transition`. */
export const InvalidTransitionDetails = Type.Object(
  {
    action: StringEnum(workflowActions),
    from: CaseState,
    to: CaseState,
  },
  { description: 'The refused transition' },
);
export type InvalidTransitionDetails = Static<typeof InvalidTransitionDetails>;
