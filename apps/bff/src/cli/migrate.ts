import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/** `pnpm --filter @review-desk/bff migrate`: brings the database (DATABASE_URL or DATA_DIR) up to date. */
async function main(): Promise<void> {
  const database = await createDatabase(loadConfig());
  try {
    const applied = await migrateToLatest(database);
    console.log(
      applied.length === 0
        ? `The ${database.engine} database at ${database.location} is up to date.`
        : `Applied to the ${database.engine} database at ${database.location}: ${applied.join(', ')}`,
    );
  } finally {
    await database.close();
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
