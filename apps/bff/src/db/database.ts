import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config';
import { PGliteDialect } from './pglite-dialect';
import { freshInMemoryCluster } from './pglite-template';
import type { DB } from './schema';

export type Engine = 'postgres' | 'pglite';

/** The BFF's database: one Kysely instance over PostgreSQL or embedded PGlite, same schema and queries. */
export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Where the data lives, for start-up logs: the PGlite directory, or the PostgreSQL host and database. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseConfig = Pick<AppConfig, 'databaseUrl' | 'dataDir'>;

export interface DatabaseOptions {
  /** Errors of idle PostgreSQL connections (server restart, network drop); the pool replaces them. */
  onPoolError?: (error: Error) => void;
  /** Errors of the embedded database's periodic vacuum (see vacuumNowAndThen). */
  onVacuumError?: (error: unknown) => void;
}

export const inMemory = 'memory://';

/** PostgreSQL when a URL is configured, otherwise PGlite in `dataDir` (created if missing) or in memory. */
export function createDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, options) : openPGlite(config.dataDir, options);
}

const INT8_OID = 20;

async function openPostgres(databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    // bigint columns and count(*) come back as numbers, as they do from PGlite.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', (error) => options.onPoolError?.(error));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const url = new URL(databaseUrl);
  return {
    db,
    engine: 'postgres',
    location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string, options: DatabaseOptions): Promise<Database> {
  let pglite: PGlite;
  let unlock = () => {};
  if (dataDir === inMemory) {
    pglite = await freshInMemoryCluster();
  } else {
    const directory = path.resolve(dataDir);
    mkdirSync(directory, { recursive: true });
    unlock = lockDataDir(directory);
    try {
      pglite = await PGlite.create(directory);
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  const stopVacuum = vacuumNowAndThen(db, options.onVacuumError ?? (() => {}));
  return {
    db,
    engine: 'pglite',
    location: dataDir,
    close: async () => {
      await stopVacuum();
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

const vacuumEveryMs = 60_000;

/**
 * PGlite runs no autovacuum, and a text search reads its matches from the search terms' index alone only on
 * pages a vacuum has marked all-visible (migration 0006); without one, every term written since start-up is
 * read from the table too. The vacuum goes through Kysely, so it waits for the transaction in progress on the
 * single session instead of landing inside it; it takes about a millisecond when little changed and a few
 * hundred after thousands of cases did (measured at 100,000 cases), during which other queries wait.
 */
function vacuumNowAndThen(db: Kysely<DB>, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= sql`vacuum case_search_terms`
      .execute(db)
      .then(() => {}, onError)
      .finally(() => {
        running = null;
      });
  }, vacuumEveryMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * PGlite is a single-process database: a second process opening the same directory (say the users CLI
 * while the server runs) would corrupt it. A pid file next to the directory refuses that, and is taken over
 * when the process that wrote it is gone.
 */
function lockDataDir(directory: string): () => void {
  const lockFile = `${directory}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && processIsAlive(holder)) {
        throw new Error(
          `The embedded database in ${directory} is in use by process ${holder}; stop it first (or use DATABASE_URL).`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${directory}`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
