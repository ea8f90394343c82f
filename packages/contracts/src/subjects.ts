import { type Static, Type } from '@sinclair/typebox';
import { mediaKinds, providers } from './case-view';

/** Provider ids are opaque but plain: letters, digits, `_` and `-` (UUIDs, cstap_…, cstab_…). */
export const SubjectId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'Capa userId or connectFi customerId',
});

export const CapaSubjectParams = Type.Object({ userId: SubjectId });
export const ConnectfiSubjectParams = Type.Object({ customerId: SubjectId });

export const SubjectParams = Type.Object({
  provider: Type.Unsafe<(typeof providers)[number]>({ type: 'string', enum: [...providers] }),
  id: SubjectId,
});
export type SubjectParams = Static<typeof SubjectParams>;

export const MediaParams = Type.Object({
  provider: Type.Unsafe<(typeof providers)[number]>({ type: 'string', enum: [...providers] }),
  id: SubjectId,
  kind: Type.Unsafe<(typeof mediaKinds)[number]>({ type: 'string', enum: [...mediaKinds] }),
});
export type MediaParams = Static<typeof MediaParams>;

export const SubjectReadQuery = Type.Object(
  {
    caseId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: "The case this read is for, if any (its audit row and the case's timeline name it)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type SubjectReadQuery = Static<typeof SubjectReadQuery>;

export const RawSubjectResponse = Type.Object(
  {
    provider: Type.Unsafe<(typeof providers)[number]>({ type: 'string', enum: [...providers] }),
    id: Type.String(),
    fetchedAt: Type.String(),
    raw: Type.Unknown({ description: "The provider's payload exactly as received" }),
  },
  { $id: 'RawSubjectResponse' },
);
export type RawSubjectResponse = Static<typeof RawSubjectResponse>;
