import { type Static, Type } from '@sinclair/typebox';
import { Role } from './auth';

/** Staff accounts as administrators manage them (`/api/users`). */

export const Username = Type.String({
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$',
  description: 'The sign-in name: letters, digits, dot, dash or underscore (stored in lower case)',
});

export const NewPassword = Type.String({
  minLength: 12,
  maxLength: 256,
  description: 'At least 12 characters',
});

export const StaffUser = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    role: Role,
    disabled: Type.Boolean(),
    demo: Type.Boolean({ description: 'A demo account with a published password (embedded mode only)' }),
    signIn: Type.Union([Type.Literal('password'), Type.Literal('single_sign_on')], {
      description:
        'single_sign_on: the role follows the identity provider at every sign-in and there is no password',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StaffUser', description: 'A staff account' },
);
export type StaffUser = Static<typeof StaffUser>;

export const UserListResponse = Type.Object(
  { items: Type.Array(StaffUser) },
  { $id: 'UserListResponse', description: 'Every staff account, by username' },
);
export type UserListResponse = Static<typeof UserListResponse>;

export const UserParams = Type.Object({ username: Username }, { additionalProperties: false });
export type UserParams = Static<typeof UserParams>;

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Role,
    password: NewPassword,
  },
  { $id: 'CreateUserBody', additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    role: Type.Optional(Role),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true ends the account’s sessions at once; false enables it again' }),
    ),
  },
  {
    $id: 'UpdateUserBody',
    additionalProperties: false,
    minProperties: 1,
    description: 'A new role, or disabling or enabling the account',
  },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const SetPasswordBody = Type.Object(
  { password: NewPassword },
  {
    $id: 'SetPasswordBody',
    additionalProperties: false,
    description: 'A new password; the account’s sessions end',
  },
);
export type SetPasswordBody = Static<typeof SetPasswordBody>;
