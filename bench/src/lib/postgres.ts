import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A fresh schema on the benchmark's PostgreSQL server, and a URL whose connections use it. */
export interface BenchSchema {
  url: string;
  drop(): Promise<void>;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** null when no server answers at `url`. */
export async function freshSchema(url: string): Promise<BenchSchema | null> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin(url, `create schema "${schema}"`);
  } catch {
    return null;
  }
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: withSchema.toString(),
    drop: () => admin(url, `drop schema if exists "${schema}" cascade`),
  };
}
