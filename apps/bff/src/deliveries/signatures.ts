import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Compares two secrets in constant time; a length mismatch is refused before comparing. */
export function secretsMatch(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Hex HMAC-SHA256 of the body under the secret: Capa's `capa-signature`, and our outbound signature. */
export function hmacHex(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Whether `signature` is the hex HMAC-SHA256 of the raw body bytes under the shared secret. */
export function capaSignatureValid(secret: string, rawBody: Buffer, signature: string | undefined): boolean {
  if (signature === undefined || !/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  const expected = Buffer.from(hmacHex(secret, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export const sha256Hex = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');
