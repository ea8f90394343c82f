import { type Static, Type } from '@sinclair/typebox';
import { NullableString, StringEnum } from '../case-view/primitives';
import { AuditEntry } from './detail';

export const AuditListQuery = Type.Object(
  {
    caseId: Type.Optional(Type.String({ maxLength: 64 })),
    subject: Type.Optional(
      Type.String({
        maxLength: 140,
        pattern: '^(capa|connectfi):[A-Za-z0-9_-]{1,128}$',
        description: 'provider:id, e.g. capa:4f0c…: every row about that person, their cases included',
      }),
    ),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Username of the actor' })),
    action: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'An action ("case.claimed") or a prefix ending in "." ("case.")',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 64, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  {
    $id: 'AuditListQuery',
    additionalProperties: false,
    description: 'Filters and page of the audit trail, newest first',
  },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditListResponse = Type.Object(
  {
    items: Type.Array(AuditEntry),
    nextCursor: NullableString('Pass as cursor for older rows; null at the start of the trail'),
  },
  { $id: 'AuditListResponse' },
);
export type AuditListResponse = Static<typeof AuditListResponse>;

export const AuditVerifyResponse = Type.Object(
  {
    ok: Type.Boolean(),
    count: Type.Optional(Type.Integer({ description: 'Rows verified, when the chain is whole' })),
    firstBadId: Type.Optional(Type.Integer({ description: 'The first row that does not verify' })),
    reason: Type.Optional(StringEnum(['altered', 'removed', 'reordered'] as const)),
    verified: Type.Optional(Type.Integer({ description: 'Rows verified good before the break' })),
    message: Type.Optional(Type.String()),
  },
  { $id: 'AuditVerifyResponse', description: 'Result of re-computing the audit hash chain' },
);
export type AuditVerifyResponse = Static<typeof AuditVerifyResponse>;
