import type { Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { demoUsers, seedDemoUsers } from '../../src/auth/demo-users';
import { verifyPassword } from '../../src/auth/passwords';
import {
  createUser,
  disableUser,
  findUserByUsername,
  listUsers,
  setUserPassword,
  setUserRole,
} from '../../src/auth/users';
import { verifyAuditChain } from '../../src/db/audit';
import type { DB } from '../../src/db/schema';
import { describeEachEngine } from '../helpers/db';

const actor = { userId: null, username: 'cli:ops' };

describeEachEngine('user accounts', (engine) => {
  let db: Kysely<DB>;
  beforeAll(async () => {
    db = (await engine.migrated()).db;
  });

  it('creates a user with a normalised name and a hashed password, and audits it', async () => {
    const user = await createUser(
      db,
      {
        username: ' Dana.Reviewer ',
        role: 'senior',
        displayName: 'Dana Reviewer',
        password: 'a-long-password',
      },
      actor,
    );
    expect(user).toMatchObject({
      username: 'dana.reviewer',
      role: 'senior',
      display_name: 'Dana Reviewer',
      disabled: false,
    });
    expect(await verifyPassword('a-long-password', user.password_hash)).toBe(true);
    expect(await findUserByUsername(db, 'DANA.REVIEWER')).toMatchObject({ id: user.id });

    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_ref', '=', 'dana.reviewer')
      .execute();
    expect(audit).toMatchObject([
      { action: 'user.created', actor_username: 'cli:ops', details: { role: 'senior' } },
    ]);
  });

  it('refuses weak passwords, bad names, unknown roles and taken names', async () => {
    const attempt = (username: string, role: string, password: string) =>
      createUser(db, { username, role, password }, actor);
    await expect(attempt('erin', 'analyst', 'short-pass1')).rejects.toMatchObject({ code: 'weak_password' });
    await expect(attempt('e', 'analyst', 'a-long-password')).rejects.toMatchObject({
      code: 'invalid_username',
    });
    await expect(attempt('erin smith', 'analyst', 'a-long-password')).rejects.toMatchObject({
      code: 'invalid_username',
    });
    await expect(attempt('erin', 'owner', 'a-long-password')).rejects.toMatchObject({ code: 'invalid_role' });
    await attempt('erin', 'analyst', 'a-long-password');
    await expect(attempt('Erin', 'support', 'another-long-one')).rejects.toMatchObject({
      code: 'username_taken',
    });
  });

  it('changes roles and passwords, disables accounts, and ends their sessions', async () => {
    const user = await createUser(
      db,
      { username: 'fay', role: 'analyst', password: 'fays-first-password' },
      actor,
    );
    const session = (id: string) => ({
      id,
      user_id: user.id,
      last_seen_at: new Date(),
      expires_at: new Date(Date.now() + 3_600_000),
    });
    await db
      .insertInto('sessions')
      .values([session('fay-1'), session('fay-2')])
      .execute();

    expect((await setUserRole(db, 'fay', 'admin', actor)).role).toBe('admin');
    await expect(setUserRole(db, 'fay', 'root', actor)).rejects.toMatchObject({ code: 'invalid_role' });
    await expect(setUserRole(db, 'ghost', 'admin', actor)).rejects.toMatchObject({ code: 'unknown_user' });
    const stillOpen = await db
      .selectFrom('sessions')
      .select('id')
      .where('revoked_at', 'is', null)
      .where('user_id', '=', user.id)
      .execute();
    expect(stillOpen).toHaveLength(2);

    const changed = await setUserPassword(db, 'fay', 'fays-second-password', actor);
    expect(await verifyPassword('fays-second-password', changed.password_hash)).toBe(true);
    await expect(setUserPassword(db, 'fay', 'tiny', actor)).rejects.toMatchObject({ code: 'weak_password' });
    const open = await db
      .selectFrom('sessions')
      .select('id')
      .where('revoked_at', 'is', null)
      .where('user_id', '=', user.id)
      .execute();
    expect(open).toEqual([]);

    expect((await disableUser(db, 'fay', actor)).disabled).toBe(true);
    const listed = await listUsers(db);
    expect(listed.find((row) => row.username === 'fay')).toMatchObject({ role: 'admin', disabled: true });

    const actions = await db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_ref', '=', 'fay')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'user.created',
      'user.role_changed',
      'user.password_set',
      'user.disabled',
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('seeds the demo accounts once, flagged as demo, and a new password makes one an ordinary account', async () => {
    await seedDemoUsers(db);
    await seedDemoUsers(db);
    const demo = (await listUsers(db)).filter((row) => row.is_demo);
    expect(demo.map((row) => [row.username, row.role]).sort()).toEqual(
      demoUsers.map((user) => [user.username, user.username]).sort(),
    );
    const analyst = await findUserByUsername(db, 'analyst');
    expect(await verifyPassword('analyst-demo', analyst?.password_hash ?? '')).toBe(true);

    await setUserPassword(db, 'analyst', 'a-real-password-now', actor);
    expect((await findUserByUsername(db, 'analyst'))?.is_demo).toBe(false);
  });
});
