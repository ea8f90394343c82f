import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Single sign-on. `oidc_identities` ties an account at the organisation's OpenID provider (issuer and subject,
 * which never change for a person, unlike their name or email) to the desk user it signs in as. Accounts are
 * matched by that pair only, never by username, so a provider account named "admin" cannot take over the
 * local break-glass admin. `oidc_sessions` holds, per desk session that single sign-on opened, what its
 * re-check needs: the provider's refresh token and ID token (sealed: AES-256-GCM) and when the provider's
 * access token runs out, the moment the desk asks the provider again whether the person still has access.
 */
export const singleSignOn: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('oidc_identities')
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('user_id', 'uuid', (c) => c.notNull().unique().references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_sign_in_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('oidc_identities_pkey', ['issuer', 'subject'])
      .execute();

    await db.schema
      .createTable('oidc_sessions')
      .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id'))
      .addColumn('refresh_token', 'text')
      .addColumn('id_token', 'text')
      .addColumn('recheck_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },

  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await db.schema.dropTable('oidc_sessions').execute();
    await db.schema.dropTable('oidc_identities').execute();
  },
};
