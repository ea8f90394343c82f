import { type Static, Type } from '@sinclair/typebox';
import { NullableString, StringEnum } from '../case-view/primitives';
import { AuditEntry } from './detail';

/** The filters the audit list and its export share. */
const auditFilters = {
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
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Rows at or after this instant' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Rows before this instant' })),
};

export const AuditListQuery = Type.Object(
  {
    ...auditFilters,
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

export const auditExportFormats = ['csv', 'jsonl'] as const;
export type AuditExportFormat = (typeof auditExportFormats)[number];

/** The most rows one export holds: a larger range is refused with a request to narrow it. */
export const maxAuditExportRows = 100_000;

export const AuditExportQuery = Type.Object(
  {
    ...auditFilters,
    format: StringEnum(auditExportFormats, {
      description: 'csv: one row per line, details as JSON in the last column; jsonl: one JSON object a line',
    }),
  },
  {
    $id: 'AuditExportQuery',
    additionalProperties: false,
    description: 'The filtered range of the audit trail to export, oldest first',
  },
);
export type AuditExportQuery = Static<typeof AuditExportQuery>;
