import { type Static, Type } from '@sinclair/typebox';

/** The roles of Review Desk staff; each route declares which of them may call it. */
export const Role = Type.Union(
  [Type.Literal('analyst'), Type.Literal('senior'), Type.Literal('support'), Type.Literal('admin')],
  { description: 'What a staff member may do' },
);
export type Role = Static<typeof Role>;
export const roles = ['analyst', 'senior', 'support', 'admin'] as const;

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { $id: 'LoginRequest', additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const SessionUser = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
  },
  { description: 'The signed-in staff member' },
);
export type SessionUser = Static<typeof SessionUser>;

/** The answer to login and to `GET /api/auth/me`: the signed-in user plus the CSRF token the SPA echoes in `x-csrf-token` on every state-changing request. */
export const MeResponse = Type.Object(
  {
    user: SessionUser,
    csrfToken: Type.String({ description: 'Send as the x-csrf-token header on POST, PUT, PATCH and DELETE' }),
  },
  { $id: 'MeResponse' },
);
export type MeResponse = Static<typeof MeResponse>;

/**
 * `GET /api/auth/me`, the session probe: the signed-in user, or `{ user: null }` when the browser holds no
 * session cookie. Being signed out is an answer here, not an error, so the login page probes without a failed
 * request. A cookie whose session has ended is still a 401, which tells the SPA the session expired.
 */
export const SessionResponse = Type.Union(
  [MeResponse, Type.Object({ user: Type.Null() }, { description: 'No live session: sign in' })],
  { $id: 'SessionResponse' },
);
export type SessionResponse = Static<typeof SessionResponse>;

/** `GET /api/auth/config`: how the login page offers sign-in. Public: it names no group or secret. */
export const AuthConfigResponse = Type.Object(
  {
    localLogin: Type.Boolean({ description: 'Whether sign-in with a username and password is offered' }),
    singleSignOn: Type.Union([
      Type.Object({
        providerName: Type.String({ description: 'Shown as "Sign in with <providerName>"' }),
        loginUrl: Type.String({
          description: 'Where the browser goes to start the sign-in (add ?next=/path)',
        }),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'AuthConfigResponse' },
);
export type AuthConfigResponse = Static<typeof AuthConfigResponse>;

/** `GET /api/auth/oidc/settings` (admin): the single sign-on configuration, the group-to-role map included. */
export const SsoSettingsResponse = Type.Object(
  {
    localLogin: Type.Boolean(),
    singleSignOn: Type.Union([
      Type.Object({
        providerName: Type.String(),
        issuer: Type.String(),
        clientId: Type.String(),
        redirectUri: Type.String({ description: 'The redirect URL to register at the provider' }),
        postLogoutRedirectUri: Type.String({
          description: 'The sign-out return URL to register at the provider',
        }),
        rolesClaim: Type.String({ description: 'The ID token claim (or dotted path) holding the groups' }),
        roleMap: Type.Array(Type.Object({ group: Type.String(), role: Role })),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'SsoSettingsResponse' },
);
export type SsoSettingsResponse = Static<typeof SsoSettingsResponse>;

/** `POST /api/auth/logout` of a single sign-on session: where to send the browser to end the provider's session too. */
export const LogoutResponse = Type.Object(
  { endSessionUrl: Type.String({ description: "The provider's end-session URL" }) },
  { $id: 'LogoutResponse' },
);
export type LogoutResponse = Static<typeof LogoutResponse>;

/** `GET /api/auth/lockouts` (admin): who cannot sign in now because of failed attempts. */
export const LockoutListResponse = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        username: Type.String(),
        address: Type.Union([Type.String(), Type.Null()], {
          description: 'The client address locked out of this name; null for a slow-down of every address',
        }),
        kind: Type.Union([Type.Literal('locked'), Type.Literal('slowed')], {
          description:
            'locked: this address, until the window passes; slowed: a short, growing wait per failure',
        }),
        failures: Type.Integer({ description: 'Failed attempts within the last 15 minutes' }),
        retryAfterSeconds: Type.Integer(),
      }),
    ),
  },
  {
    $id: 'LockoutListResponse',
    description: 'Sign-in lock-outs and slow-downs on this instance, longest first',
  },
);
export type LockoutListResponse = Static<typeof LockoutListResponse>;
