import { userInfo } from 'node:os';
import { UserAdminError } from '../auth/users';
import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { readNewPassword } from './password-prompt';
import { parseUsersCommand, runUsersCommand, UsageError, usage } from './users-command';

/** `pnpm --filter @review-desk/bff users <command>`: manage staff accounts. See users-command.ts. */

function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return argv.length === 0 ? 2 : 0;
  }
  let command: ReturnType<typeof parseUsersCommand>;
  try {
    command = parseUsersCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return 2;
  }

  const database = await createDatabase(loadConfig());
  try {
    await migrateToLatest(database);
    await runUsersCommand(
      database.db,
      command,
      { out: (line) => console.log(line), readPassword: readNewPassword },
      { userId: null, username: operator() },
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UserAdminError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
