import { type Role, roles } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit';
import type { DB, JsonObject, UserRow, UserUpdate } from '../db/schema';
import type { OidcTables } from './oidc/schema';
import { hashPassword, passwordProblem } from './passwords';
import { revokeUserSessions } from './sessions';

/** Staff accounts: created and changed by an administrator (the users CLI), read at sign-in. */

export class UserAdminError extends Error {
  constructor(
    readonly code: 'invalid_username' | 'username_taken' | 'weak_password' | 'invalid_role' | 'unknown_user',
    message: string,
  ) {
    super(message);
    this.name = 'UserAdminError';
  }
}

/** Who made an administrative change, for the audit trail. */
export interface AdminActor {
  userId: string | null;
  username: string;
}

const usernamePattern = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', normaliseUsername(username))
    .executeTakeFirst();
}

export interface NewUserInput {
  username: string;
  role: string;
  displayName?: string;
  password: string;
}

export async function createUser(db: Kysely<DB>, input: NewUserInput, actor: AdminActor): Promise<UserRow> {
  const username = normaliseUsername(input.username);
  if (!usernamePattern.test(username)) {
    throw new UserAdminError(
      'invalid_username',
      'A username is 2 to 64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit',
    );
  }
  const role = checkedRole(input.role);
  checkPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('users')
      .values({
        username,
        display_name: input.displayName?.trim() || username,
        role,
        password_hash: passwordHash,
      })
      .onConflict((conflict) => conflict.column('username').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) throw new UserAdminError('username_taken', `A user named "${username}" already exists`);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorUsername: actor.username,
      action: 'user.created',
      subjectRef: username,
      details: { username, role },
    });
    return created;
  });
}

export async function setUserRole(db: Kysely<DB>, username: string, role: string, actor: AdminActor) {
  const checked = checkedRole(role);
  return changeUser(db, username, actor, {
    action: 'user.role_changed',
    set: { role: checked },
    details: { role: checked },
  });
}

/** Sets a new password, ends the user's sessions, and (for a demo account) makes it an ordinary account. */
export async function setUserPassword(db: Kysely<DB>, username: string, password: string, actor: AdminActor) {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return changeUser(db, username, actor, {
    action: 'user.password_set',
    set: { password_hash: passwordHash, is_demo: false },
    endSessions: true,
  });
}

/** Enables a disabled account again (its sessions stay ended: the person signs in afresh). */
export async function enableUser(db: Kysely<DB>, username: string, actor: AdminActor) {
  return changeUser(db, username, actor, { action: 'user.enabled', set: { disabled: false } });
}

/** Disables the account and ends its sessions at once. */
export async function disableUser(db: Kysely<DB>, username: string, actor: AdminActor) {
  return changeUser(db, username, actor, {
    action: 'user.disabled',
    set: { disabled: true },
    endSessions: true,
  });
}

/** Every account, by username; `single_sign_on` tells the accounts that single sign-on provisions. */
export function listUsers(db: Kysely<DB>, username?: string) {
  let query = db
    .withTables<OidcTables>()
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'disabled', 'is_demo', 'created_at'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('oidc_identities').select('user_id').whereRef('user_id', '=', 'users.id'))
        .as('single_sign_on'),
    );
  if (username !== undefined) query = query.where('username', '=', normaliseUsername(username));
  return query.orderBy('username').execute();
}

interface UserChange {
  action: string;
  set: Pick<UserUpdate, 'role' | 'password_hash' | 'is_demo' | 'disabled'>;
  details?: JsonObject;
  endSessions?: boolean;
}

async function changeUser(
  db: Kysely<DB>,
  username: string,
  actor: AdminActor,
  { action, set, details = {}, endSessions = false }: UserChange,
): Promise<UserRow> {
  const name = normaliseUsername(username);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const updated = await trx
      .updateTable('users')
      .set({ ...set, updated_at: now })
      .where('username', '=', name)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw new UserAdminError('unknown_user', `There is no user named "${name}"`);
    if (endSessions) await revokeUserSessions(trx, updated.id, now);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      actorUsername: actor.username,
      action,
      subjectRef: name,
      // The name in the details too: the trail reads "user.disabled: dana" without a lookup.
      details: { username: name, ...details },
    });
    return updated;
  });
}

function checkedRole(role: string): Role {
  if (!isRole(role)) throw new UserAdminError('invalid_role', `The role must be one of: ${roles.join(', ')}`);
  return role;
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new UserAdminError('weak_password', `The password ${problem}`);
}
