import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt with a per-user salt, stored as `scrypt$N$r$p$salt$hash` (salt and hash base64) so
 * the cost can be raised later without invalidating existing hashes.
 */

const cost = { N: 2 ** 15, r: 8, p: 1 };
const keyLength = 32;
const saltLength = 16;
// Upper bound on the memory a stored hash may ask for, so a damaged row cannot make a login take gigabytes.
const maxMemory = 256 * 1024 * 1024;

export const minimumPasswordLength = 12;

const memoryFor = (N: number, r: number) => 128 * N * r;

function derive(password: string, salt: Buffer, length: number, N: number, r: number, p: number) {
  return new Promise<Buffer>((resolve, reject) => {
    // Node refuses scrypt when 128·N·r reaches maxmem; leave room for its bookkeeping.
    const options: ScryptOptions = { N, r, p, maxmem: 2 * memoryFor(N, r) };
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltLength);
  const hash = await derive(password, salt, keyLength, cost.N, cost.r, cost.p);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time check of a password against a stored hash; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N = 0, r = 0, p = 0] = parts.slice(1, 4).map(Number);
  const valid =
    [N, r, p].every((n) => Number.isInteger(n) && n > 0) && N >= 2 && (N & (N - 1)) === 0 && p <= 16;
  if (!valid || memoryFor(N, r) > maxMemory) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, expected.length, N, r, p);
  return timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as checking a real password, for sign-in names that don't exist, so response timing
 * doesn't tell which names do.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < minimumPasswordLength) {
    return `must be at least ${minimumPasswordLength} characters`;
  }
  if (password.trim().length === 0) return 'must not be blank';
  return null;
}
