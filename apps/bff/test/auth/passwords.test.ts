import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../../src/auth/passwords';

describe('password hashes', () => {
  it('are salted scrypt in the scrypt$N$r$p$salt$hash form, and verify only the right password', async () => {
    const [first, second] = await Promise.all([
      hashPassword('correct horse battery'),
      hashPassword('correct horse battery'),
    ]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first ?? '')).toBe(true);
    expect(await verifyPassword('correct horse batterY', first ?? '')).toBe(false);
    expect(await verifyPassword('', first ?? '')).toBe(false);
  });

  it('verify with the cost stored in the hash, so the cost can change later', async () => {
    const cheap = 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0c2FsdA==$';
    const { scryptSync } = await import('node:crypto');
    const hash = scryptSync('pw-at-low-cost', Buffer.from('c2FsdHNhbHRzYWx0c2FsdA==', 'base64'), 32, {
      N: 1024,
      r: 8,
      p: 1,
    });
    expect(await verifyPassword('pw-at-low-cost', cheap + hash.toString('base64'))).toBe(true);
  });

  it('treat malformed or absurdly expensive stored hashes as a mismatch, not an error', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$1$2$3$4$5',
      'scrypt$1000$8$1$c2FsdA==$aGFzaA==',
      'scrypt$1073741824$8$1$c2FsdA==$aGFzaA==',
      'scrypt$1024$8$1$$',
    ]) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('check unknown users against a dummy hash', async () => {
    expect(await verifyAgainstDummy('whatever')).toBe(false);
  });

  it('refuse new passwords shorter than 12 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('            ')).toMatch(/blank/);
    expect(passwordProblem('long-enough-pass')).toBeNull();
  });
});
