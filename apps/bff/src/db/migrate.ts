import { type MigrationResultSet, Migrator, sql } from 'kysely';
import type { Database } from './database';
import { migrationProvider } from './migrations';

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(
      `Database migration ${migration ?? '(setup)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'MigrationError';
  }
}

/** Brings the schema up to date; a no-op when it already is. Returns the names of the migrations it ran. */
export async function migrateToLatest({ db }: Database): Promise<string[]> {
  // Kysely looks its bookkeeping tables up across all schemas unless told which one: name the current one so
  // that a database shared by several schemas (one per test file, say) doesn't confuse it.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  // Migrations written side by side may land in another order than their numbers; a database that already ran a
  // later one must still take an earlier one it has not run, rather than refuse to start.
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableSchema: rows[0]?.schema,
    allowUnorderedMigrations: true,
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
