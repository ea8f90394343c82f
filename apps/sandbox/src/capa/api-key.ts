// The partner-api-key check, in Capa's three documented flavours: missing, malformed, unknown.

import { timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { capaErrors } from './errors';

/** What a partner API key looks like: 20 to 128 letters, digits, '_' or '-'. */
const apiKeyShape = /^[A-Za-z0-9_-]{20,128}$/;

export function assertApiKeyShape(key: string): void {
  if (!apiKeyShape.test(key)) {
    throw new RangeError("The Capa partner API key must be 20 to 128 letters, digits, '_' or '-'");
  }
}

export function apiKeyCheck(expected: string): onRequestAsyncHookHandler {
  assertApiKeyShape(expected);
  const expectedBytes = Buffer.from(expected);
  return async (request) => {
    const presented = request.headers['partner-api-key'];
    if (presented === undefined || presented === '') throw capaErrors.apiKeyMissing();
    if (typeof presented !== 'string' || !apiKeyShape.test(presented)) throw capaErrors.apiKeyFormat();
    const presentedBytes = Buffer.from(presented);
    if (presentedBytes.length !== expectedBytes.length || !timingSafeEqual(presentedBytes, expectedBytes)) {
      throw capaErrors.apiKeyInvalid();
    }
  };
}
