import { describe, expect, it } from 'vitest';
import {
  httpStatusFor,
  isTransientFailure,
  readErrorBody,
  redact,
  responseError,
  UpstreamError,
  type UpstreamErrorKind,
} from '../../src/upstream/errors';

const failure = (kind: UpstreamErrorKind, upstreamStatus?: number) =>
  new UpstreamError('x', {
    provider: 'capa',
    kind,
    operation: 'op',
    ...(upstreamStatus === undefined ? {} : { upstreamStatus }),
  });

describe('readErrorBody', () => {
  it('reads code and message at the top level', () => {
    expect(readErrorBody({ code: 'NOT_FOUND_ERROR', message: 'Requested User was not found' })).toEqual({
      code: 'NOT_FOUND_ERROR',
      message: 'Requested User was not found',
    });
  });

  it('reads them under a nested error object', () => {
    expect(readErrorBody({ error: { code: 'UNAUTHORIZED', message: 'Invalid API Key' } })).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Invalid API Key',
    });
  });

  it('reads them from errors[0]', () => {
    expect(
      readErrorBody({ errors: [{ code: 'INVALID_USER_INPUT_ERROR', message: 'Invalid User Input' }, {}] }),
    ).toEqual({ code: 'INVALID_USER_INPUT_ERROR', message: 'Invalid User Input' });
  });

  it('takes a numeric code as text and a list of messages by its first entry', () => {
    expect(readErrorBody({ code: 4091, message: ['email must be an email', 'other'] })).toEqual({
      code: '4091',
      message: 'email must be an email',
    });
  });

  it('falls back to a string error as the message', () => {
    expect(readErrorBody({ statusCode: 500, error: 'Internal Server Error' })).toEqual({
      message: 'Internal Server Error',
    });
  });

  it('returns nothing for bodies that are not objects', () => {
    expect(readErrorBody('<html>')).toEqual({});
    expect(readErrorBody(null)).toEqual({});
    expect(readErrorBody([{ code: 'X' }])).toEqual({});
  });
});

describe('httpStatusFor', () => {
  it.each([
    ['not_found', 404],
    ['rejected', 502],
    ['unauthorized', 502],
    ['bad_response', 502],
    ['unavailable', 502],
    ['circuit_open', 503],
    ['timeout', 504],
  ] as const)('maps %s to %i', (kind, status) => {
    expect(httpStatusFor(failure(kind))).toBe(status);
  });
});

describe('isTransientFailure', () => {
  it('counts network errors, timeouts and 5xx, not 4xx or an open circuit', () => {
    expect(isTransientFailure(failure('unavailable'))).toBe(true);
    expect(isTransientFailure(failure('timeout'))).toBe(true);
    expect(isTransientFailure(failure('bad_response', 503))).toBe(true);
    expect(isTransientFailure(failure('bad_response', 200))).toBe(false);
    expect(isTransientFailure(failure('not_found', 404))).toBe(false);
    expect(isTransientFailure(failure('circuit_open'))).toBe(false);
    expect(isTransientFailure(new Error('boom'))).toBe(false);
  });
});

describe('responseError', () => {
  it('redacts secrets from upstream text and leaves unsafe codes out of the message', () => {
    const error = responseError({
      provider: 'capa',
      operation: 'getKycDetails',
      kind: 'unauthorized',
      statusCode: 401,
      info: { code: 'bad key s3cr3t-key <b>', message: 'Invalid API Key s3cr3t-key' },
      secrets: ['s3cr3t-key'],
    });
    expect(error.message).toBe('capa getKycDetails: credentials refused (HTTP 401)');
    expect(error.upstreamMessage).toBe('Invalid API Key [redacted]');
    expect(error.upstreamCode).toBe('bad key [redacted] <b>');
    expect(error.upstreamStatus).toBe(401);
  });

  it('bounds the length of upstream text', () => {
    expect(redact('a'.repeat(1000), []).length).toBeLessThanOrEqual(301);
  });
});
