import type { StaffUser, UserListResponse } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OidcTables } from '../../../../src/auth/oidc/schema';
import { login } from '../../../auth/app';
import { type CaseHarness, caseHarness } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

describeEachEngine('staff accounts in the API', (engine) => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await caseHarness(engine);
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  const users = async () => {
    const response = await h.call('admin', 'GET', '/api/users');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<UserListResponse>().items;
  };
  const auditOf = (username: string) =>
    h.app.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'details'])
      .where('subject_ref', '=', username)
      .orderBy('id')
      .execute();

  it('lists every account with its role, state and way of signing in', async () => {
    const items = await users();
    expect(items.map((user) => user.username)).toEqual([
      'admin',
      'analyst',
      'analyst2',
      'senior',
      'senior2',
      'support',
    ]);
    expect(items.find((user) => user.username === 'analyst')).toMatchObject({
      role: 'analyst',
      disabled: false,
      demo: true,
      signIn: 'password',
    });
  });

  it('adds an account that can sign in, and audits who added it', async () => {
    const response = await h.call('admin', 'POST', '/api/users', {
      username: 'Dana.Reviewer',
      displayName: 'Dana Reviewer',
      role: 'analyst',
      password: 'a-long-enough-password',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<StaffUser>()).toMatchObject({
      username: 'dana.reviewer',
      displayName: 'Dana Reviewer',
      role: 'analyst',
      demo: false,
    });
    expect((await login(h.app, 'dana.reviewer', 'a-long-enough-password')).statusCode).toBe(200);
    expect(await auditOf('dana.reviewer')).toMatchObject([
      { action: 'user.created', actor_username: 'admin', details: { username: 'dana.reviewer' } },
    ]);
  });

  it('refuses a taken name, a short password and unknown fields with a clear 4xx', async () => {
    const add = (body: object) => h.call('admin', 'POST', '/api/users', body);
    const taken = await add({ username: 'analyst', role: 'analyst', password: 'a-long-enough-password' });
    expect([taken.statusCode, taken.json().error.code]).toEqual([409, 'username_taken']);
    const short = await add({ username: 'newbie', role: 'analyst', password: 'short' });
    expect(short.statusCode).toBe(400);
    const extra = await add({
      username: 'newbie',
      role: 'analyst',
      password: 'a-long-enough-password',
      admin: true,
    });
    expect(extra.statusCode).toBe(400);
    const role = await add({ username: 'newbie', role: 'root', password: 'a-long-enough-password' });
    expect(role.statusCode).toBe(400);
    expect((await users()).some((user) => user.username === 'newbie')).toBe(false);
  });

  it('changes a role, disables (ending the sessions) and enables an account', async () => {
    const promoted = await h.call('admin', 'PATCH', '/api/users/analyst2', { role: 'senior' });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json<StaffUser>().role).toBe('senior');

    const disabled = await h.call('admin', 'PATCH', '/api/users/analyst2', { disabled: true });
    expect(disabled.json<StaffUser>().disabled).toBe(true);
    // The disabled account's open session is refused at once, and it cannot sign in again.
    expect((await h.call('analyst2', 'GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login(h.app, 'analyst2', 'second-analyst-password')).statusCode).toBe(401);

    const enabled = await h.call('admin', 'PATCH', '/api/users/analyst2', { disabled: false });
    expect(enabled.json<StaffUser>().disabled).toBe(false);
    expect((await login(h.app, 'analyst2', 'second-analyst-password')).statusCode).toBe(200);
    expect((await auditOf('analyst2')).map((row) => [row.action, row.actor_username])).toEqual([
      ['user.created', 'test-setup'],
      ['user.role_changed', 'admin'],
      ['user.disabled', 'admin'],
      ['user.enabled', 'admin'],
    ]);
  });

  it('sets a new password: the old one stops working and the account’s sessions end', async () => {
    const response = await h.call('admin', 'POST', '/api/users/senior2/password', {
      password: 'a-brand-new-password',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await login(h.app, 'senior2', 'second-senior-password')).statusCode).toBe(401);
    expect((await login(h.app, 'senior2', 'a-brand-new-password')).statusCode).toBe(200);
    expect((await auditOf('senior2')).at(-1)).toMatchObject({ action: 'user.password_set' });
  });

  it('keeps an admin from disabling or demoting their own account', async () => {
    for (const body of [{ disabled: true }, { role: 'analyst' }]) {
      const response = await h.call('admin', 'PATCH', '/api/users/admin', body);
      expect([response.statusCode, response.json().error.code]).toEqual([409, 'own_account']);
    }
    expect((await users()).find((user) => user.username === 'admin')).toMatchObject({
      role: 'admin',
      disabled: false,
    });
  });

  it('leaves the role and password of a single sign-on account to the identity provider', async () => {
    const support = (await users()).find((user) => user.username === 'support');
    await h.app.db
      .withTables<OidcTables>()
      .insertInto('oidc_identities')
      .values({
        issuer: 'https://idp.example',
        subject: 'sub-1',
        user_id: support?.id ?? '',
        created_at: new Date(),
        last_sign_in_at: new Date(),
      })
      .execute();
    expect((await users()).find((user) => user.username === 'support')?.signIn).toBe('single_sign_on');
    const role = await h.call('admin', 'PATCH', '/api/users/support', { role: 'analyst' });
    expect([role.statusCode, role.json().error.code]).toEqual([409, 'managed_by_sso']);
    const password = await h.call('admin', 'POST', '/api/users/support/password', {
      password: 'a-long-enough-password',
    });
    expect([password.statusCode, password.json().error.code]).toEqual([409, 'managed_by_sso']);
  });

  it('answers 404 for an unknown account and 403 to everyone but admins', async () => {
    const unknown = await h.call('admin', 'PATCH', '/api/users/nobody', { disabled: true });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'unknown_user']);
    for (const person of ['analyst', 'senior', 'support'] as const) {
      expect((await h.call(person, 'GET', '/api/users')).statusCode).toBe(403);
    }
  });
});
