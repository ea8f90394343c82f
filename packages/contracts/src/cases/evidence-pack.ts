import { type Static, Type } from '@sinclair/typebox';

export const EvidencePackQuery = Type.Object(
  {
    unmasked: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Print the ID number and tax id in full (seniors only; audited as case.evidence_pack_unmasked). Masked by default.',
      }),
    ),
  },
  { $id: 'EvidencePackQuery', additionalProperties: false, description: 'How to export the evidence pack' },
);
export type EvidencePackQuery = Static<typeof EvidencePackQuery>;
