import type { Role } from '@review-desk/contracts';
import type { ColumnType, Generated, Selectable, Updateable } from 'kysely';

/**
 * The tables of the BFF's own record, as Kysely sees them. Both engines (PostgreSQL and embedded PGlite)
 * return the same JavaScript types: timestamptz as Date, bigint as number, jsonb as parsed JSON.
 * Add a table here together with the migration that creates it.
 */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  audit_events: AuditEventsTable;
}

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  /** Lower case; the sign-in name. */
  username: string;
  display_name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
  password_hash: string;
  disabled: Generated<boolean>;
  /** A demo account with a published password: usable only in embedded mode. */
  is_demo: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type UserRow = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface SessionsTable {
  /** Random, unguessable; carried as `sid` in the access token. */
  id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Date;
  /** The absolute end of the session, however active it is. */
  expires_at: ColumnType<Date, Date, never>;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

/** JSON as stored in jsonb columns. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Append-only and hash-chained: see audit.ts. Rows are never updated or deleted. */
export interface AuditEventsTable {
  /** Position in the chain: 1, 2, 3… without gaps. */
  id: ColumnType<number, number, never>;
  at: ColumnType<Date, Date, never>;
  actor_user_id: ColumnType<string | null, string | null, never>;
  actor_username: ColumnType<string, string, never>;
  action: ColumnType<string, string, never>;
  case_id: ColumnType<string | null, string | null, never>;
  subject_ref: ColumnType<string | null, string | null, never>;
  /** Written as a JSON string (see audit.ts); read back parsed. */
  details: ColumnType<JsonObject, string, never>;
  request_id: ColumnType<string | null, string | null, never>;
  prev_hash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
}
export type AuditEventRow = Selectable<AuditEventsTable>;
