import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords';
import { findUserByUsername } from '../../src/auth/users';
import { parseUsersCommand, runUsersCommand, UsageError } from '../../src/cli/users-command';
import type { DB } from '../../src/db/schema';
import { describeEachEngine } from '../helpers/db';

describe('users command line', () => {
  it('parses each command', () => {
    expect(
      parseUsersCommand(['add', 'dana', '--role', 'senior', '--name', 'Dana R', '--password-stdin']),
    ).toEqual({
      name: 'add',
      username: 'dana',
      role: 'senior',
      displayName: 'Dana R',
      passwordFromStdin: true,
    });
    expect(parseUsersCommand(['set-role', 'dana', 'admin'])).toEqual({
      name: 'set-role',
      username: 'dana',
      role: 'admin',
    });
    expect(parseUsersCommand(['set-password', 'dana'])).toEqual({
      name: 'set-password',
      username: 'dana',
      passwordFromStdin: false,
    });
    expect(parseUsersCommand(['disable', 'dana'])).toEqual({ name: 'disable', username: 'dana' });
    expect(parseUsersCommand(['list'])).toEqual({ name: 'list' });
  });

  it('refuses what it does not understand', () => {
    for (const argv of [
      [],
      ['remove', 'dana'],
      ['add', 'dana'],
      ['add', 'dana', '--role'],
      ['add', '--role', 'admin'],
      ['set-role', 'dana'],
      ['disable', 'dana', '--role', 'admin'],
      ['list', '--force'],
    ]) {
      expect(() => parseUsersCommand(argv), argv.join(' ')).toThrow(UsageError);
    }
  });

  it('prints its usage from a real process', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '../../src/cli/users.ts'), '--help'],
      // From the package, whose dependencies hold tsx (the workspace root's do not).
      { timeout: 15_000, cwd: path.join(import.meta.dirname, '../..') },
    );
    expect(stdout).toContain('add <username> --role <role>');
  });
});

describeEachEngine('users commands', (engine) => {
  let db: Kysely<DB>;
  const output: string[] = [];
  const io = (password = 'a-long-enough-password') => ({
    out: (line: string) => output.push(line),
    readPassword: async () => password,
  });
  const actor = { userId: null, username: 'cli:ops' };
  const run = (argv: string[], password?: string) =>
    runUsersCommand(db, parseUsersCommand(argv), io(password), actor);

  beforeAll(async () => {
    db = (await engine.migrated()).db;
  });

  it('adds, changes, disables and lists users', async () => {
    await run(['add', 'Gus', '--role', 'support', '--name', 'Gus Support']);
    await run(['add', 'hal', '--role', 'analyst']);
    await run(['set-role', 'hal', 'senior']);
    await run(['set-password', 'gus'], 'gus-has-a-new-password');
    await run(['disable', 'hal']);
    output.length = 0;
    await run(['list']);

    expect(output[0]).toMatch(/^USERNAME\s+ROLE\s+NAME\s+STATUS\s+CREATED$/);
    expect(output[1]).toMatch(/^gus\s+support\s+Gus Support\s+active\s+\d{4}-\d\d-\d\d$/);
    expect(output[2]).toMatch(/^hal\s+senior\s+hal\s+disabled\s+\d{4}-\d\d-\d\d$/);
    const gus = await findUserByUsername(db, 'gus');
    expect(await verifyPassword('gus-has-a-new-password', gus?.password_hash ?? '')).toBe(true);
  });

  it('refuses a weak password', async () => {
    await expect(run(['add', 'ivy', '--role', 'analyst'], 'too-short')).rejects.toThrow(
      /at least 12 characters/,
    );
    expect(await findUserByUsername(db, 'ivy')).toBeUndefined();
  });
});
