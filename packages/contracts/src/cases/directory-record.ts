import { type Static, Type } from '@sinclair/typebox';
import { NullableString } from '../case-view/primitives';
import { Approval, EvidenceView } from './detail';

/**
 * The organisation's own record of a case's subject (its subject directory): what it knows of the person when
 * the provider's verification names nobody. Opening it is recorded, and it stands in for the missing identity.
 */
export const DirectoryRecord = Type.Object(
  {
    displayName: NullableString(),
    birthDate: NullableString(),
    idNumber: NullableString('Masked unless the reader sees unmasked PII'),
    updatedAt: Type.String({ format: 'date-time', description: 'When the directory last changed it' }),
  },
  { description: "The organisation's directory record of the subject" },
);
export type DirectoryRecord = Static<typeof DirectoryRecord>;

export const DirectoryRecordResponse = Type.Object(
  { record: DirectoryRecord, evidenceViewed: Type.Array(EvidenceView), approval: Approval },
  { $id: 'DirectoryRecordResponse' },
);
export type DirectoryRecordResponse = Static<typeof DirectoryRecordResponse>;
