import { randomBytes } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const hex = '0123456789abcdef';

/** A uniform number in [0, 1) from the operating system's generator: the default when no seeded source is given. */
export function cryptoRandom(): number {
  return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
}

function pick(alphabet: string, length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

export function randomBase62(length: number, random: () => number = cryptoRandom): string {
  return pick(base62, length, random);
}

/** connectFi identifiers: a type prefix and 22 base62 characters (cstap_, cstab_, iapp_, doc_); request ids 32 hex. */
export interface ConnectfiIds {
  individualCustomerId(): string;
  businessCustomerId(): string;
  representativeId(): string;
  applicationId(): string;
  documentId(): string;
  requestId(): string;
}

export function createIds(random: () => number = cryptoRandom): ConnectfiIds {
  const prefixed = (prefix: string) => () => `${prefix}_${randomBase62(22, random)}`;
  return {
    individualCustomerId: prefixed('cstap'),
    businessCustomerId: prefixed('cstab'),
    representativeId: prefixed('cstar'),
    applicationId: prefixed('iapp'),
    documentId: prefixed('doc'),
    requestId: () => pick(hex, 32, random),
  };
}
