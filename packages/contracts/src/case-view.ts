import { type Static, Type } from '@sinclair/typebox';
import { Anomaly } from './case-view/anomaly';
import { NullableString, StringEnum } from './case-view/primitives';
import {
  AmlSection,
  BusinessSection,
  ClientReferenceSection,
  FaceMatchSection,
  FraudSection,
  IdInfoSection,
  JourneySection,
  LivenessSection,
  MediaSection,
  VerificationSection,
} from './case-view/sections';

export * from './case-view/anomaly';
export {
  EnumValue,
  enumIs,
  isProvided,
  NotProvided,
  Nullable,
  NullableEnum,
  NullableNumber,
  NullableString,
  Provided,
  StringEnum,
} from './case-view/primitives';
export * from './case-view/sections';

export const providers = ['capa', 'connectfi'] as const;
export type Provider = (typeof providers)[number];
export const Provider = StringEnum(providers, { description: 'The identity-verification provider' });

export const subjectTypes = ['individual', 'business'] as const;
export type SubjectType = (typeof subjectTypes)[number];

/** Who the case is about. */
export const Subject = Type.Object(
  {
    provider: Provider,
    id: Type.String({ description: 'Capa userId or connectFi customerId' }),
    externalUserId: NullableString("The partner's own id for a Capa user"),
    type: StringEnum(subjectTypes),
    displayName: NullableString('Name for headings; null when the provider sent none'),
    birthDate: NullableString(),
    idNumberMasked: NullableString('Document number with all but its last characters hidden'),
  },
  { description: 'The person or business under review' },
);
export type Subject = Static<typeof Subject>;

/**
 * One verification case as a reviewer sees it, whichever provider it came from. Sections a provider does not
 * have, or did not send, are `{ provided: false }`; media is described but never addressed by upstream URL.
 */
export const CaseView = Type.Object(
  {
    provider: Provider,
    asOf: Type.String({ description: 'ISO 8601 time the view was built; document expiry is relative to it' }),
    subject: Subject,
    verification: VerificationSection,
    faceMatch: FaceMatchSection,
    liveness: LivenessSection,
    idInfo: IdInfoSection,
    clientReference: ClientReferenceSection,
    fraud: FraudSection,
    aml: AmlSection,
    media: MediaSection,
    journey: JourneySection,
    business: Type.Optional(BusinessSection),
    anomalies: Type.Array(Anomaly, { description: 'What normalisation tolerated in the provider payload' }),
    screeningWithheld: Type.Optional(
      Type.Boolean({
        description:
          'true when the AML screening (aml, and anomalies about it) is withheld from your role: staff who talk to customers never see it',
      }),
    ),
  },
  {
    $id: 'CaseView',
    description:
      'A verification case normalised from Capa KYC or KYB details or connectFi Akepa status; business is present for Capa KYB only',
  },
);
export type CaseView = Static<typeof CaseView>;
