import { createHash } from 'node:crypto';
import type { Role } from '@review-desk/contracts';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../db/audit';
import type { DB, UserRow } from '../../db/schema';
import { revokeUserSessions } from '../sessions';
import type { OidcTables } from './schema';
import { groupsIn, type OidcSettings, roleFor } from './settings';

/** A password hash no password matches: accounts from single sign-on cannot sign in with a password. */
const noPassword = '!single-sign-on';

export type Provisioned =
  | { outcome: 'ok'; user: UserRow }
  | { outcome: 'no_mapped_group'; groups: number }
  | { outcome: 'disabled' };

const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The person's name as the provider gives it, for the desk's display name. */
export function displayNameOf(claims: Record<string, unknown>): string | undefined {
  const given = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(' ');
  return (
    str(claims.name) ??
    (given || undefined) ??
    str(claims.preferred_username) ??
    str(claims.email)
  )?.slice(0, 200);
}

/** A username in the desk's alphabet from the provider's, made unique with a hash of the subject if taken. */
function candidateUsername(claims: Record<string, unknown>, subject: string): string {
  const raw = str(claims.preferred_username) ?? str(claims.email) ?? subject;
  const cleaned = raw
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 50);
  return cleaned.length >= 2 ? cleaned : `sso-${cleaned}`;
}

const suffix = (issuer: string, subject: string) =>
  createHash('sha256').update(`${issuer}\n${subject}`).digest('hex').slice(0, 8);

/**
 * Creates or updates the desk user of a provider account at sign-in: display name and role follow the
 * provider every time. An account none of whose groups is mapped is refused, and any session it still has
 * ends now (a leaver, or someone moved out of the desk's groups).
 */
export async function provisionUser(
  db: Kysely<DB>,
  settings: OidcSettings,
  claims: Record<string, unknown>,
  now: Date,
): Promise<Provisioned> {
  const subject = String(claims.sub);
  const issuer = settings.issuer;
  const groups = groupsIn(claims, settings.rolesClaim);
  const role = roleFor(groups, settings.roleMap);
  const tables = db.withTables<OidcTables>();

  return tables.transaction().execute(async (trx) => {
    const identity = await trx
      .selectFrom('oidc_identities')
      .innerJoin('users', 'users.id', 'oidc_identities.user_id')
      .selectAll('users')
      .where('oidc_identities.issuer', '=', issuer)
      .where('oidc_identities.subject', '=', subject)
      .forUpdate()
      .executeTakeFirst();

    if (role === null) {
      if (identity) {
        await revokeUserSessions(trx as unknown as Kysely<DB>, identity.id, now);
        await audit(trx, identity, 'auth.sso_refused', { reason: 'no_mapped_group' }, now);
      }
      return { outcome: 'no_mapped_group', groups: groups.length };
    }
    const displayName = displayNameOf(claims) ?? identity?.display_name ?? candidateUsername(claims, subject);
    if (identity) {
      if (identity.disabled) return { outcome: 'disabled' };
      const user = await trx
        .updateTable('users')
        .set({ display_name: displayName, role, updated_at: now })
        .where('id', '=', identity.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (identity.role !== role) {
        await audit(trx, user, 'user.role_changed', { role, source: 'single_sign_on' }, now);
      }
      await trx
        .updateTable('oidc_identities')
        .set({ last_sign_in_at: now })
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .execute();
      return { outcome: 'ok', user };
    }

    const base = candidateUsername(claims, subject);
    const user =
      (await createAccount(trx, base, displayName, role, now)) ??
      (await createAccount(trx, `${base.slice(0, 50)}-${suffix(issuer, subject)}`, displayName, role, now));
    if (!user) throw new Error('no free username for a single sign-on account');
    await trx
      .insertInto('oidc_identities')
      .values({ issuer, subject, user_id: user.id, created_at: now, last_sign_in_at: now })
      .execute();
    await audit(trx, user, 'user.created', { role, source: 'single_sign_on' }, now);
    return { outcome: 'ok', user };
  });
}

async function createAccount(
  trx: Transaction<DB & OidcTables>,
  username: string,
  displayName: string,
  role: Role,
  now: Date,
): Promise<UserRow | undefined> {
  return trx
    .insertInto('users')
    .values({ username, display_name: displayName, role, password_hash: noPassword, updated_at: now })
    .onConflict((conflict) => conflict.column('username').doNothing())
    .returningAll()
    .executeTakeFirst();
}

async function audit(
  trx: Transaction<DB & OidcTables>,
  user: Pick<UserRow, 'id' | 'username'>,
  action: string,
  details: Record<string, string>,
  now: Date,
) {
  await appendAudit(trx, {
    actorUserId: user.id,
    actorUsername: user.username,
    action,
    subjectRef: user.username,
    at: now,
    details,
  });
}
