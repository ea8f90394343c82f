import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import {
  createDatabase,
  type Database,
  type DatabaseConfig,
  type Engine,
  inMemory,
} from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

/**
 * The database engines store tests run against: embedded PGlite (in memory) always, and PostgreSQL when
 * TEST_DATABASE_URL names a server. On PostgreSQL every `database()` is a fresh schema of its own (the
 * pool's search_path points at it), dropped by `dispose()`, so test files can run in parallel.
 */
export interface TestEngine {
  name: Engine;
  /** Config for createDatabase / buildApp pointing at a fresh, empty database on this engine. */
  database(): Promise<DatabaseConfig>;
  /** A fresh database, migrated; `dispose()` closes it. */
  migrated(): Promise<Database>;
  /** Closes what `migrated()` opened and drops what `database()` created. */
  dispose(): Promise<void>;
}

const postgresUrl = process.env.TEST_DATABASE_URL ?? '';

export function engines(): TestEngine[] {
  if (!postgresUrl) {
    announcePostgresNotRun();
    return [pgliteEngine()];
  }
  return [pgliteEngine(), postgresEngine(postgresUrl)];
}

/** `describe.each` over `engines()`; each block disposes of its engine's databases when it ends. */
export function describeEachEngine(name: string, fn: (engine: TestEngine) => void): void {
  describe.each(engines().map((engine) => ({ engine, label: engine.name })))(
    `${name} [$label]`,
    ({ engine }) => {
      afterAll(() => engine.dispose());
      fn(engine);
    },
  );
}

function engine(
  name: Engine,
  database: () => Promise<DatabaseConfig>,
  dropDatabases: () => Promise<void>,
): TestEngine {
  const opened: Database[] = [];
  return {
    name,
    database,
    async migrated() {
      const created = await createDatabase(await database());
      opened.push(created);
      await migrateToLatest(created);
      return created;
    },
    async dispose() {
      for (const database of opened.splice(0)) await database.close();
      await dropDatabases();
    },
  };
}

function pgliteEngine(): TestEngine {
  return engine(
    'pglite',
    async () => ({ databaseUrl: null, dataDir: inMemory }),
    async () => {},
  );
}

function postgresEngine(url: string): TestEngine {
  const schemas: string[] = [];
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return engine(
    'postgres',
    async () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      await admin(`create schema "${schema}"`);
      schemas.push(schema);
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return { databaseUrl: withSchema.toString(), dataDir: inMemory };
    },
    async () => {
      const dropping = schemas.splice(0);
      if (dropping.length > 0)
        await admin(`drop schema if exists ${dropping.map((s) => `"${s}"`).join(', ')} cascade`);
    },
  );
}

let announced = false;

/**
 * Says once per test run (not once per file) that the PostgreSQL variants did not run. Vitest runs files in
 * workers of one parent process; a marker file named after that parent lets only the first one speak.
 */
function announcePostgresNotRun(): void {
  if (announced) return;
  announced = true;
  const marker = path.join(tmpdir(), `review-desk-no-postgres-${process.ppid}`);
  try {
    closeSync(openSync(marker, 'wx'));
  } catch {
    return;
  }
  console.warn(
    'PostgreSQL store tests did not run: TEST_DATABASE_URL is empty. Only the embedded PGlite variants ran.',
  );
}
