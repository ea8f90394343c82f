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
