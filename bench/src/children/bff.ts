import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@review-desk/bff';
import { CompiledQuery } from 'kysely';
import { loadConfig } from '../../../apps/bff/src/config';
import { serveParent } from '../lib/child';
import { msSince } from '../lib/stats';
import { type SeedSubjects, seedCases } from './seed';

/**
 * The BFF as `pnpm start` runs it (embedded mode: demo users, the sandbox as upstreams), on a free port, with
 * the benchmark's hooks: seed the queue, capture the SQL a request runs, time SQL directly in this process
 * (the floor, without HTTP), and report memory.
 */
const bffDir = fileURLToPath(new URL('../../../apps/bff', import.meta.url));
const config = loadConfig(
  {
    PORT: '0',
    LOG_LEVEL: 'silent',
    SANDBOX_CAPA_PORT: process.env.BENCH_CAPA_PORT,
    SANDBOX_CONNECTFI_PORT: process.env.BENCH_CONNECTFI_PORT,
    DATABASE_URL: process.env.BENCH_BFF_DATABASE_URL,
    // In memory unless the run names a directory: the memory section keeps the data on disk, as `pnpm start`
    // does, so that what it measures is the BFF's own memory and not the rows its requests store.
    DATA_DIR: process.env.BENCH_BFF_DATA_DIR || 'memory://',
    WEB_DIST_DIR: process.env.BENCH_WEB_DIST_DIR ?? path.resolve(bffDir, '../web/dist'),
    // One sign-in serves the whole run.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    JWT_SECRET: 'benchmark-jwt-secret-of-at-least-32-characters',
  },
  bffDir,
);
const app = await buildApp(config, { quiet: true });
const url = await app.listen({ host: '127.0.0.1', port: 0 });

interface Query {
  sql: string;
  parameters: readonly unknown[];
}

// Every query goes through this one executor (withTables shares it), so wrapping it sees what the store runs.
const executor = app.db.getExecutor();
const execute = executor.executeQuery.bind(executor);
let captured: Query[] | null = null;
executor.executeQuery = (compiled) => {
  captured?.push({ sql: compiled.sql, parameters: compiled.parameters });
  return execute(compiled);
};

serveParent(
  { url, engine: app.database.engine },
  {
    seed: (message) =>
      seedCases(app.db.withTables(), Number(message.count), message.subjects as SeedSubjects),
    async capture(message) {
      if (message.on) {
        captured = [];
        return [];
      }
      const queries = captured ?? [];
      captured = null;
      return queries;
    },
    async sql(message) {
      const start = process.hrtime.bigint();
      for (const query of message.queries as Query[]) {
        await app.db.executeQuery(CompiledQuery.raw(query.sql, [...query.parameters]));
      }
      return msSince(start);
    },
    async rss() {
      return process.memoryUsage().rss;
    },
  },
  () => app.close(),
);
