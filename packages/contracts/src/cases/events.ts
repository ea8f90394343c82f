import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../case-view/primitives';
import { CaseSummary } from './summary';

export const caseEventTypes = [
  'created',
  'updated',
  'claimed',
  'released',
  'decided',
  'flagged',
  'disagreement',
] as const;
export type CaseEventType = (typeof caseEventTypes)[number];

/**
 * `disagreement`: the provider's verdict now contradicts the desk's decision (see `case.providerDisagreement`).
 *
 * One Server-Sent Event of `GET /api/events` (event name `case`, data this object as JSON). Events may arrive
 * more than once or out of order across instances: keep the highest `version` per case.
 */
export const CaseEvent = Type.Object(
  {
    type: StringEnum(caseEventTypes),
    caseId: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    case: CaseSummary,
  },
  { $id: 'CaseEvent', description: 'A change to a case' },
);
export type CaseEvent = Static<typeof CaseEvent>;
