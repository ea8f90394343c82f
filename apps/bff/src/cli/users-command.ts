import { roles } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import {
  type AdminActor,
  createUser,
  disableUser,
  listUsers,
  setUserPassword,
  setUserRole,
} from '../auth/users';
import type { DB } from '../db/schema';

/** The users command, apart from the process it runs in: parsing, and running against a database. */

export type UsersCommand =
  | { name: 'add'; username: string; role: string; displayName?: string; passwordFromStdin: boolean }
  | { name: 'set-role'; username: string; role: string }
  | { name: 'set-password'; username: string; passwordFromStdin: boolean }
  | { name: 'disable'; username: string }
  | { name: 'list' };

export const usage = `Usage: pnpm --filter @review-desk/bff users <command>

  add <username> --role <role> [--name "Display Name"] [--password-stdin]
  set-role <username> <role>
  set-password <username> [--password-stdin]
  disable <username>
  list

Roles: ${roles.join(', ')}. Passwords are at least 12 characters; without --password-stdin they are asked
for at the terminal (not echoed). Uses DATABASE_URL, or the embedded database in DATA_DIR.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseUsersCommand(argv: readonly string[]): UsersCommand {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--password-stdin') options.set(arg, true);
    else if (arg === '--role' || arg === '--name') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      options.set(arg, value);
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    else positional.push(arg);
  }

  const [name, ...rest] = positional;
  const expect = (count: number, allowed: string[]) => {
    if (rest.length !== count)
      throw new UsageError(`${name} takes ${count} argument${count === 1 ? '' : 's'}`);
    for (const option of options.keys()) {
      if (!allowed.includes(option)) throw new UsageError(`${name} does not take ${option}`);
    }
  };
  const text = (option: string) => {
    const value = options.get(option);
    return typeof value === 'string' ? value : undefined;
  };
  const username = rest[0] ?? '';

  switch (name) {
    case 'add': {
      expect(1, ['--role', '--name', '--password-stdin']);
      const role = text('--role');
      if (!role) throw new UsageError('add needs --role');
      const displayName = text('--name');
      return {
        name,
        username,
        role,
        ...(displayName === undefined ? {} : { displayName }),
        passwordFromStdin: options.has('--password-stdin'),
      };
    }
    case 'set-role':
      expect(2, []);
      return { name, username, role: rest[1] ?? '' };
    case 'set-password':
      expect(1, ['--password-stdin']);
      return { name, username, passwordFromStdin: options.has('--password-stdin') };
    case 'disable':
      expect(1, []);
      return { name, username };
    case 'list':
      expect(0, []);
      return { name };
    default:
      throw new UsageError(name ? `Unknown command ${name}` : 'No command given');
  }
}

export interface CommandIo {
  out(line: string): void;
  /** The new password: from stdin, or asked for at the terminal. */
  readPassword(fromStdin: boolean): Promise<string>;
}

export async function runUsersCommand(
  db: Kysely<DB>,
  command: UsersCommand,
  io: CommandIo,
  actor: AdminActor,
): Promise<void> {
  switch (command.name) {
    case 'add': {
      const password = await io.readPassword(command.passwordFromStdin);
      const { username, role, displayName } = command;
      const user = await createUser(db, { username, role, displayName, password }, actor);
      io.out(`Added ${user.username} (${user.role}).`);
      return;
    }
    case 'set-role': {
      const user = await setUserRole(db, command.username, command.role, actor);
      io.out(`${user.username} is now ${user.role}.`);
      return;
    }
    case 'set-password': {
      const password = await io.readPassword(command.passwordFromStdin);
      const user = await setUserPassword(db, command.username, password, actor);
      io.out(`Password of ${user.username} set; their sessions have ended.`);
      return;
    }
    case 'disable': {
      const user = await disableUser(db, command.username, actor);
      io.out(`${user.username} is disabled; their sessions have ended.`);
      return;
    }
    case 'list': {
      const users = await listUsers(db);
      if (users.length === 0) {
        io.out('No users.');
        return;
      }
      const rows = users.map((user) => [
        user.username,
        user.role,
        user.display_name,
        [user.disabled ? 'disabled' : 'active', user.is_demo ? 'demo' : ''].filter(Boolean).join(', '),
        user.created_at.toISOString().slice(0, 10),
      ]);
      for (const line of table(['USERNAME', 'ROLE', 'NAME', 'STATUS', 'CREATED'], rows)) io.out(line);
      return;
    }
  }
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
