import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../case-view/primitives';
import { NullableObject } from './nullable-object';

export const pendingParties = ['customer', 'desk', 'provider', 'nobody'] as const;
export type PendingParty = (typeof pendingParties)[number];

export const CustomerFacingEvent = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    label: Type.String({ description: 'What happened, as the customer would know it' }),
  },
  { description: 'Something the customer did or was told' },
);
export type CustomerFacingEvent = Static<typeof CustomerFacingEvent>;

/**
 * A case in words for staff who talk to the customer: where it stands, who must act next, the last thing the
 * customer did or was told, and what may be said. It never mentions screening, so it is safe for any role.
 */
export const CustomerSummary = Type.Object(
  {
    status: Type.String({ description: 'The status in words' }),
    pendingOn: StringEnum(pendingParties, {
      description:
        'customer: waiting for information from them; desk: our reviewers; provider: the verification is not finished at the provider; nobody: resolved',
    }),
    pending: Type.String({ description: 'What is pending, in words' }),
    lastCustomerEvent: NullableObject(CustomerFacingEvent),
    mayTell: Type.Array(Type.String(), { description: 'What may be said to the customer' }),
    mustNotTell: Type.Array(Type.String(), { description: 'What must not be said to the customer' }),
  },
  { description: 'The case as support may explain it to the customer' },
);
export type CustomerSummary = Static<typeof CustomerSummary>;
