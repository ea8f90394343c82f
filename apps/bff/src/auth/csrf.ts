import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection by double submit: the SPA reads the non-httpOnly `rd_csrf` cookie (or the token from the
 * login / me response) and echoes it in `x-csrf-token`. The token is an HMAC of the session id, so it can't be
 * forged or carried over from another session, and needs no storage.
 */
export const csrfCookie = 'rd_csrf';
export const csrfHeader = 'x-csrf-token';

export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
