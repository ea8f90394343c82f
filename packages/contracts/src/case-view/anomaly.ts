import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from './primitives';

export const anomalyKinds = [
  'missing_section',
  'null_section',
  'coerced_number',
  'unknown_enum',
  'unexpected_type',
  'subject_mismatch',
] as const;
export type AnomalyKind = (typeof anomalyKinds)[number];

/** Something odd in the provider's payload that normalisation tolerated instead of failing. */
export const Anomaly = Type.Object(
  {
    path: Type.String({
      description: 'Where in the provider payload, e.g. "amlInfo.entityHits[3].nameMatchScore"',
    }),
    kind: StringEnum(anomalyKinds, {
      description:
        'missing_section / null_section: a section was absent or null; coerced_number: a number arrived as a string and was parsed; unknown_enum: a value outside the documented vocabulary (kept verbatim); unexpected_type: a value of the wrong type (coerced or set aside); subject_mismatch: the payload names another subject than the one asked for',
    }),
    detail: Type.String({ description: 'What was tolerated, for a person' }),
    received: Type.Optional(
      Type.Unknown({ description: 'The raw value, when it could not be shown as it was (nothing is lost)' }),
    ),
  },
  { description: 'A tolerated irregularity in the provider payload' },
);
export type Anomaly = Static<typeof Anomaly>;
