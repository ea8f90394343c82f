import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

describe('embedded PGlite in a data directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'review-desk-pglite-'));
  const dataDir = path.join(root, 'nested', 'pglite');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the directory, keeps the data across a reopen, and refuses a second opener', async () => {
    const first = await createDatabase({ databaseUrl: null, dataDir });
    expect(first.engine).toBe('pglite');
    try {
      await migrateToLatest(first);
      await first.db
        .insertInto('users')
        .values({ username: 'kept', display_name: 'Kept', role: 'admin', password_hash: 'x' })
        .execute();
      await expect(createDatabase({ databaseUrl: null, dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      await first.close();
    }

    const reopened = await createDatabase({ databaseUrl: null, dataDir });
    try {
      expect(await migrateToLatest(reopened)).toEqual([]);
      const users = await reopened.db.selectFrom('users').select(['username', 'role']).execute();
      expect(users).toEqual([{ username: 'kept', role: 'admin' }]);
    } finally {
      await reopened.close();
    }
    // Two real PGlite boots, the first with initdb on disk: seconds each on a busy machine.
  }, 45_000);
});
