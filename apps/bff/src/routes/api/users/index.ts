import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBody,
  ErrorEnvelope,
  SetPasswordBody,
  StaffUser,
  UpdateUserBody,
  UserListResponse,
  UserParams,
} from '@review-desk/contracts';
import type { FastifyRequest } from 'fastify';
import {
  type AdminActor,
  createUser,
  disableUser,
  enableUser,
  listUsers,
  setUserPassword,
  setUserRole,
  UserAdminError,
} from '../../../auth/users';
import { ApiError } from '../../../errors';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const admin = { access: { roles: ['admin'] as const } };

type ListedUser = Awaited<ReturnType<typeof listUsers>>[number];

const toStaffUser = (row: ListedUser): StaffUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  disabled: row.disabled,
  demo: row.is_demo,
  signIn: row.single_sign_on ? 'single_sign_on' : 'password',
  createdAt: row.created_at.toISOString(),
});

const statusOf: Record<UserAdminError['code'], number> = {
  invalid_username: 400,
  invalid_role: 400,
  weak_password: 400,
  username_taken: 409,
  unknown_user: 404,
};

/** The account-management errors in the one envelope: 400 for bad input, 404 unknown, 409 taken. */
async function asApiErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserAdminError) throw new ApiError(statusOf[error.code], error.code, error.message);
    throw error;
  }
}

const actorOf = (request: FastifyRequest): AdminActor => ({
  userId: request.user.id,
  username: request.user.username,
});

/**
 * Staff accounts (admins): list, add, change role, disable or enable, set a password. Every change is
 * audited by the functions the users CLI shares. An administrator cannot disable or demote their own account
 * (the desk would be left without one), and the role and password of a single sign-on account belong to the
 * identity provider.
 */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const find = async (username: string) => {
    const [row] = await listUsers(app.db, username);
    if (!row) throw new ApiError(404, 'unknown_user', `There is no user named "${username.toLowerCase()}"`);
    return row;
  };

  /** Runs a change that ends the account's sessions, then drops them on this instance at once. */
  const endingSessions = async (userId: string, change: () => Promise<unknown>) => {
    const open = await app.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
    await change();
    app.authenticator.ended(open.map((session) => session.id));
  };

  app.get(
    '/',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Every staff account, by username',
        response: { 200: UserListResponse, ...errors },
      },
    },
    async () => ({ items: (await listUsers(app.db)).map(toStaffUser) }),
  );

  app.post(
    '/',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Add a staff account with a password (audited)',
        body: CreateUserBody,
        response: { 201: StaffUser, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request, reply) => {
      const created = await asApiErrors(() => createUser(app.db, request.body, actorOf(request)));
      reply.code(201);
      return toStaffUser(await find(created.username));
    },
  );

  app.patch(
    '/:username',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Change the role of an account, or disable or enable it (audited)',
        description: 'Disabling ends the account’s sessions (and with them its event streams) at once.',
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: StaffUser, 404: ErrorEnvelope, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request) => {
      const user = await find(request.params.username);
      const { role, disabled } = request.body;
      const own = user.id === request.user.id;
      if (own && (disabled === true || (role !== undefined && role !== user.role))) {
        throw new ApiError(409, 'own_account', 'You cannot disable your own account or change its role');
      }
      if (role !== undefined && role !== user.role && user.single_sign_on) {
        throw new ApiError(
          409,
          'managed_by_sso',
          'This account’s role follows its groups at the identity provider',
        );
      }
      const actor = actorOf(request);
      await asApiErrors(async () => {
        if (role !== undefined && role !== user.role) await setUserRole(app.db, user.username, role, actor);
        if (disabled === true && !user.disabled)
          await endingSessions(user.id, () => disableUser(app.db, user.username, actor));
        if (disabled === false && user.disabled) await enableUser(app.db, user.username, actor);
      });
      return toStaffUser(await find(user.username));
    },
  );

  app.post(
    '/:username/password',
    {
      config: admin,
      schema: {
        tags: ['users'],
        summary: 'Set a new password for an account; its sessions end (audited)',
        params: UserParams,
        body: SetPasswordBody,
        response: { 200: StaffUser, 404: ErrorEnvelope, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request) => {
      const user = await find(request.params.username);
      if (user.single_sign_on) {
        throw new ApiError(409, 'managed_by_sso', 'This account signs in at the identity provider');
      }
      await asApiErrors(() =>
        endingSessions(user.id, () =>
          setUserPassword(app.db, user.username, request.body.password, actorOf(request)),
        ),
      );
      return toStaffUser(await find(user.username));
    },
  );
};

export default userRoutes;
