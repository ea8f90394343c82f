import { randomBytes } from 'node:crypto';
import type { Role } from '@review-desk/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

/** Server-side sessions: the access token names one (`sid`), and is only good while it is alive. */

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** A session with the user it belongs to, as authentication needs it. */
export interface SessionRecord {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  userDisabled: boolean;
  isDemo: boolean;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export type SessionState = 'active' | 'revoked' | 'expired' | 'idle' | 'user_disabled';

export function sessionState(session: SessionRecord, now: number, policy: SessionPolicy): SessionState {
  if (session.revokedAt !== null) return 'revoked';
  if (session.userDisabled) return 'user_disabled';
  if (now >= session.expiresAt) return 'expired';
  if (now - session.lastSeenAt >= policy.idleMs) return 'idle';
  return 'active';
}

export interface NewSession {
  userId: string;
  now: number;
  policy: SessionPolicy;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(trx: Transaction<DB>, input: NewSession): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await trx
    .insertInto('sessions')
    .values({
      id,
      user_id: input.userId,
      created_at: new Date(input.now),
      last_seen_at: new Date(input.now),
      expires_at: new Date(input.now + input.policy.maxMs),
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 512) ?? null,
    })
    .execute();
  return id;
}

export async function loadSession(db: Kysely<DB>, id: string): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.username',
      'users.display_name',
      'users.role',
      'users.disabled',
      'users.is_demo',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    userDisabled: row.disabled,
    isDemo: row.is_demo,
    lastSeenAt: row.last_seen_at.getTime(),
    expiresAt: row.expires_at.getTime(),
    revokedAt: row.revoked_at?.getTime() ?? null,
  };
}

export async function touchSession(db: Kysely<DB>, id: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(now) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes one session; false when it was already revoked or never existed. */
export async function revokeSession(db: Kysely<DB>, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: new Date(now) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeUserSessions(db: Kysely<DB>, userId: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
