import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../case-view/primitives';

/** What a provider concluded about a verification, in the desk's words. */
export const providerVerdicts = ['approved', 'rejected'] as const;
export type ProviderVerdict = (typeof providerVerdicts)[number];

export const ProviderDisagreement = Type.Object(
  {
    deskResolution: StringEnum(['approved', 'rejected'] as const, { description: 'What the desk decided' }),
    providerVerdict: StringEnum(providerVerdicts, {
      description: 'What the provider concluded since: Capa VERIFIED/REJECTED, connectFi Approved/Denied',
    }),
    providerStatus: Type.String({ description: 'The provider result as it spelled it, verbatim' }),
    detectedAt: Type.String({ format: 'date-time', description: 'When the desk found the contradiction' }),
  },
  {
    description:
      "The provider's verdict contradicts the desk's decision on this resolved case; a senior closes it by acknowledging it with a note or by reopening the case",
  },
);
export type ProviderDisagreement = Static<typeof ProviderDisagreement>;

export const disagreementActions = ['acknowledge', 'reopen'] as const;
export type DisagreementAction = (typeof disagreementActions)[number];

export const DisagreementRequest = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The case version the request was made against' }),
    action: StringEnum(disagreementActions, {
      description:
        "acknowledge: the desk's decision stands, the note says why; reopen: the case goes back to the queue for a new decision",
    }),
    note: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: 'Why, for the record (a note on the case)',
    }),
  },
  {
    $id: 'DisagreementRequest',
    additionalProperties: false,
    description: "A senior closes a disagreement between the provider's verdict and the desk's decision",
  },
);
export type DisagreementRequest = Static<typeof DisagreementRequest>;
