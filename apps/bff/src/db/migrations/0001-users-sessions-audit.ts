import { type Kysely, type Migration, sql } from 'kysely';

/** Staff accounts, their server-side sessions, and the hash-chained audit trail. */
export const usersSessionsAudit: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('username', 'text', (c) => c.notNull().unique().check(sql`username = lower(username)`))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('analyst', 'senior', 'support', 'admin')`),
      )
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
      .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'bigint', (c) => c.primaryKey().check(sql`id > 0`))
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('actor_user_id', 'uuid')
      .addColumn('actor_username', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      .addColumn('subject_ref', 'text')
      .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      .addColumn('request_id', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .execute();
    await db.schema
      .createIndex('audit_events_case_id')
      .on('audit_events')
      .columns(['case_id', 'id'])
      .execute();

    // The application has no update or delete path for audit rows; the database refuses them as well, so
    // only someone who first disables this trigger (and leaves a broken hash chain behind) can rewrite history.
    await sql`
      create function audit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_events is append-only';
      end;
      $$
    `.execute(db);
    await sql`
      create trigger audit_events_append_only
      before update or delete or truncate on audit_events
      for each statement execute function audit_events_append_only()
    `.execute(db);
  },

  // biome-ignore lint/suspicious/noExplicitAny: see up().
  async down(db: Kysely<any>) {
    await db.schema.dropTable('audit_events').execute();
    await sql`drop function audit_events_append_only()`.execute(db);
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('users').execute();
  },
};
