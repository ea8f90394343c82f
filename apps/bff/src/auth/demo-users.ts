import type { Role } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { hashPassword } from './passwords';

/**
 * One account per role with a published password, so the embedded default can be tried at once. They are
 * flagged `is_demo`, and sign-in refuses them when the BFF talks to real providers.
 */
export const demoUsers: ReadonlyArray<{ username: Role; displayName: string; password: string }> = [
  { username: 'analyst', displayName: 'Demo Analyst', password: 'analyst-demo' },
  { username: 'senior', displayName: 'Demo Senior Analyst', password: 'senior-demo' },
  { username: 'support', displayName: 'Demo Support', password: 'support-demo' },
  { username: 'admin', displayName: 'Demo Administrator', password: 'admin-demo' },
];

/** Creates the demo accounts that don't exist yet; existing accounts of those names are left as they are. */
export async function seedDemoUsers(db: Kysely<DB>): Promise<void> {
  const existing = await db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      demoUsers.map((user) => user.username),
    )
    .execute();
  const present = new Set(existing.map((row) => row.username));
  const missing = demoUsers.filter((user) => !present.has(user.username));
  if (missing.length === 0) return;
  const rows = await Promise.all(
    missing.map(async (user) => ({
      username: user.username,
      display_name: user.displayName,
      role: user.username,
      password_hash: await hashPassword(user.password),
      is_demo: true,
    })),
  );
  await db
    .insertInto('users')
    .values(rows)
    .onConflict((conflict) => conflict.column('username').doNothing())
    .execute();
}
