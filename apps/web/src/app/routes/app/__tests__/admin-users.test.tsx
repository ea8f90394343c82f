import type { StaffUser } from '@review-desk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const staff = (username: string, overrides: Partial<StaffUser> = {}): StaffUser => ({
  id: `user-${username}`,
  username,
  displayName: `Demo ${username}`,
  role: 'analyst',
  disabled: false,
  demo: false,
  signIn: 'password',
  createdAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

const users = [
  staff('admin', { role: 'admin' }),
  staff('dana'),
  staff('sso.sam', { role: 'senior', signIn: 'single_sign_on' }),
];

const noSso = { body: { localLogin: true, singleSignOn: null } };
const noLockouts = { body: { items: [] } };

describe('the users page', () => {
  it('is in an admin’s navigation and lists the accounts', async () => {
    mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/oidc/settings', noSso)
      .get('/api/auth/lockouts', noLockouts);
    renderApp('/admin/users');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Users' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Deliveries' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getByText('Demo dana')).toBeTruthy();
  });

  it('offers only the actions the desk accepts on each account', async () => {
    mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/oidc/settings', noSso)
      .get('/api/auth/lockouts', noLockouts);
    renderApp('/admin/users');
    await screen.findByRole('table', { name: 'Users' });
    // Not one's own account, and not the role or password of a single sign-on account.
    expect(screen.queryByRole('button', { name: 'Disable admin' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Role of admin' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Role of sso.sam' })).toBeNull();
    expect(screen.getByText(/from the identity provider’s groups/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Reset password' })).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Disable sso.sam' })).toBeTruthy();
  });

  it('disables an account and changes a role', async () => {
    const fetchMock = mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/oidc/settings', noSso)
      .get('/api/auth/lockouts', noLockouts)
      .patch('/api/users/dana', (request) => ({
        body: staff('dana', request.body as Partial<StaffUser>),
      }));
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Disable dana' }));
    expect(await screen.findByText('dana is disabled; their sessions ended.')).toBeTruthy();
    await user.click(screen.getByRole('combobox', { name: 'Role of dana' }));
    await user.click(await screen.findByRole('option', { name: 'Senior analyst' }));
    await waitFor(() => expect(fetchMock.calls('PATCH', '/api/users/dana')).toHaveLength(2));
    expect(fetchMock.calls('PATCH', '/api/users/dana').map((call) => call.body)).toEqual([
      { disabled: true },
      { role: 'senior' },
    ]);
    expect(fetchMock.calls('PATCH', '/api/users/dana')[0]?.headers.get('x-csrf-token')).toBe('csrf-admin');
  });

  it('adds a user, and says why the desk refused one', async () => {
    const fetchMock = mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/oidc/settings', noSso)
      .get('/api/auth/lockouts', noLockouts)
      .post('/api/users', errorReply(409, 'username_taken', 'A user named "dana" already exists'));
    const { user } = renderApp('/admin/users');
    await user.click(await screen.findByRole('button', { name: 'Add a user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a user' });
    await user.type(within(dialog).getByLabelText(/Username/), 'dana');
    await user.type(within(dialog).getByLabelText(/First password/), 'a-long-enough-password');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(await within(dialog).findByText('A user named "dana" already exists')).toBeTruthy();

    fetchMock.post('/api/users', { status: 201, body: staff('erin') });
    await user.clear(within(dialog).getByLabelText(/Username/));
    await user.type(within(dialog).getByLabelText(/Username/), 'erin');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(await screen.findByText('erin was added.')).toBeTruthy();
    expect(fetchMock.calls('POST', '/api/users').at(-1)?.body).toEqual({
      username: 'erin',
      role: 'analyst',
      password: 'a-long-enough-password',
    });
  });

  it('resets a password', async () => {
    const fetchMock = mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/oidc/settings', noSso)
      .get('/api/auth/lockouts', noLockouts)
      .post('/api/users/dana/password', { body: staff('dana') });
    const { user } = renderApp('/admin/users');
    await screen.findByRole('table', { name: 'Users' });
    await user.click(screen.getAllByRole('button', { name: 'Reset password' })[1] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: 'Reset the password of dana' });
    await user.type(within(dialog).getByLabelText(/New password/), 'another-long-password');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    expect(await screen.findByText(/The password of dana was reset/)).toBeTruthy();
    expect(fetchMock.calls('POST', '/api/users/dana/password')[0]?.body).toEqual({
      password: 'another-long-password',
    });
  });

  it('shows the group-to-role map when single sign-on is on', async () => {
    mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/lockouts', noLockouts)
      .get('/api/auth/oidc/settings', {
        body: {
          localLogin: false,
          singleSignOn: {
            providerName: 'Okta',
            issuer: 'https://example.okta.com',
            clientId: 'desk',
            redirectUri: 'https://desk.example/api/auth/oidc/callback',
            postLogoutRedirectUri: 'https://desk.example/login',
            rolesClaim: 'groups',
            roleMap: [{ group: 'kyc-analysts', role: 'analyst' }],
          },
        },
      });
    renderApp('/admin/users');
    const map = await screen.findByRole('table', { name: 'Groups and roles' });
    expect(within(map).getByText('kyc-analysts')).toBeTruthy();
    expect(within(map).getByText('Analyst')).toBeTruthy();
    expect(screen.getByText(/Password sign-in is off/)).toBeTruthy();
  });

  it('shows who is locked out of signing in now', async () => {
    mockFetch()
      .signedInAs('admin')
      .get('/api/users', { body: { items: users } })
      .get('/api/auth/oidc/settings', noSso)
      .get('/api/auth/lockouts', {
        body: {
          items: [
            { username: 'dana', address: '10.0.0.7', kind: 'locked', failures: 5, retryAfterSeconds: 600 },
          ],
        },
      });
    renderApp('/admin/users');
    const table = await screen.findByRole('table', { name: 'Sign-in lock-outs' });
    expect(within(table).getByText('10.0.0.7')).toBeTruthy();
    expect(within(table).getByText('Locked')).toBeTruthy();
  });

  it('keeps the page and its link from everyone but admins', async () => {
    mockFetch().signedInAs('senior');
    renderApp('/admin/users');
    expect(await screen.findByText('User management is for administrators.')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Users' })).toBeNull();
  });
});
