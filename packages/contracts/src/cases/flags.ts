import { type Static, Type } from '@sinclair/typebox';
import { Provider } from '../case-view';
import { NullableString } from '../case-view/primitives';
import { NullableObject } from './nullable-object';
import { CaseSummary, UserRef } from './summary';

/* @__NO_SIDE_EFFECTS__ */ const DateTime = (description: string) =>
  Type.String({ format: 'date-time', description });

export const FlagRequest = Type.Object(
  {
    reason: Type.String({
      minLength: 3,
      maxLength: 2000,
      pattern: '\\S',
      description: 'Why an analyst should look at this customer, for the record',
    }),
  },
  {
    $id: 'FlagRequest',
    additionalProperties: false,
    description: 'Asks analysts to review a customer, with the reason',
  },
);
export type FlagRequest = Static<typeof FlagRequest>;

export const ReviewFlag = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    provider: Provider,
    subjectId: Type.String({ description: 'Capa userId or connectFi customerId' }),
    caseId: NullableString('The case it was added to as a note; null when the customer had no case'),
    reason: Type.String(),
    raisedBy: UserRef,
    raisedAt: DateTime('When it was raised'),
    handledBy: NullableObject(UserRef),
    handledAt: NullableString('When an analyst dealt with it; null while open'),
  },
  { $id: 'ReviewFlag', description: 'A request from support for analysts to review a customer' },
);
export type ReviewFlag = Static<typeof ReviewFlag>;

export const FlagResponse = Type.Object(
  {
    flag: ReviewFlag,
    case: NullableObject(CaseSummary, { description: 'The case the note went to, after the change' }),
  },
  { $id: 'FlagResponse' },
);
export type FlagResponse = Static<typeof FlagResponse>;

export const FlagListResponse = Type.Object(
  { items: Type.Array(ReviewFlag, { description: 'Open flags, oldest first (at most 200)' }) },
  { $id: 'FlagListResponse' },
);
export type FlagListResponse = Static<typeof FlagListResponse>;

export const FlagIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { $id: 'FlagIdParams' });
export type FlagIdParams = Static<typeof FlagIdParams>;
