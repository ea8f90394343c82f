import type { Role } from '@review-desk/contracts';
import { isRole } from './users';

/** The session cookie: a short-lived HS256 JWT naming a server-side session. */
export const sessionCookie = 'rd_session';

export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id. */
  sid: string;
  role: Role;
  /** Seconds since the epoch, as JWT has it. */
  iat: number;
  exp: number;
}

export function isAccessClaims(value: unknown): value is AccessClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string' &&
    typeof claims.role === 'string' &&
    isRole(claims.role) &&
    Number.isInteger(claims.iat) &&
    Number.isInteger(claims.exp)
  );
}

/** Signs and checks access tokens; the Fastify JWT plugin provides both (see plugins/app/auth.ts). */
export interface AccessTokens {
  sign(claims: AccessClaims): string;
  /** The verified payload; throws when the signature, key or algorithm is wrong. Expiry is not judged here. */
  verify(token: string): unknown;
}
