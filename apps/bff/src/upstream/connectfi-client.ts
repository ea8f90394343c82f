import { randomBytes } from 'node:crypto';
import { type BreakerOptions, type BreakerState, createCircuitBreaker } from './breaker';
import {
  isTransientFailure,
  readErrorBody,
  responseError,
  UpstreamError,
  type UpstreamErrorKind,
} from './errors';
import {
  type CallContext,
  createUpstreamPool,
  type JsonRequest,
  type JsonResponse,
  resolveTimeouts,
  sendJson,
  type UpstreamTimeouts,
  withDeadline,
} from './http';
import { asJsonObject, nonEmptyString } from './json';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry';
import { observed, publishTokenRefresh } from './telemetry';
import { createTokenCache, type IssuedToken } from './token-cache';
import { type ReadOptions, rememberBody, unchangedEnvelope } from './unchanged-bodies';

export interface ConnectfiClientOptions {
  /** The deployment's connectFi base URL; a path in it prefixes every endpoint. */
  baseUrl: string;
  login: string;
  password: string;
  timeouts?: Partial<UpstreamTimeouts>;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
  now?: () => number;
}

export interface GenerateDocumentInput {
  workflow: 'PERSONAL' | 'BUSINESS';
  name: string;
  extension: 'jpg' | 'png';
  type: string;
  note?: string;
  note_author_agent_email?: string;
}

export interface DocumentFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

export interface ConnectfiClient {
  /** `data` of `GET /akepa/status/:customerId` (the Akepa journey), unvalidated. */
  getAkepaStatus(customerId: string, options?: ReadOptions): Promise<unknown>;
  /** `data` of `GET /customer/status/:customerId` (`{customerId, kycStatus}`), unvalidated. */
  getCustomerStatus(customerId: string): Promise<unknown>;
  /** `data` of `POST /akepa/document/generate` (the document, `id` and `uploadStatus: false`), unvalidated. */
  generateDocument(input: GenerateDocumentInput): Promise<unknown>;
  /** `data` of `POST /akepa/document/upload/:documentId` (multipart/form-data, one file), unvalidated. */
  uploadDocument(documentId: string, file: DocumentFile): Promise<unknown>;
  /** `data` of `POST /akepa/update` (the journey after the documents were linked), unvalidated. */
  updateDocuments(
    customerId: string,
    documents: { entityId: string; documentId: string; view: string }[],
  ): Promise<unknown>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

/** Codes that mean "no such thing" although connectFi answers them with HTTP 400. */
const NOT_FOUND_CODES = new Set(['identificationNotFound', 'customerNotFound']);

/** `{code:"0", data, requestId}`: connectFi's success envelope. */
function successData(body: unknown): unknown {
  const envelope = asJsonObject(body);
  if (envelope === undefined || String(envelope.code) !== '0') return undefined;
  return envelope.data ?? undefined;
}

/** One file as multipart/form-data, field `file`; the file name is reduced to safe characters. */
function multipartFile(file: DocumentFile): { contentType: string; bytes: Buffer } {
  const boundary = `----review-desk-${randomBytes(12).toString('hex')}`;
  const name = file.fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'document';
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([Buffer.from(head), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

export function createConnectfiClient(options: ConnectfiClientOptions): ConnectfiClient {
  const timeouts = resolveTimeouts(options.timeouts);
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const { pool, pathPrefix } = createUpstreamPool(options.baseUrl, timeouts);
  const now = options.now ?? Date.now;
  const breaker = createCircuitBreaker({
    provider: 'connectfi',
    now,
    ...(options.breaker === undefined ? {} : { options: options.breaker }),
  });
  const issuedTokens: string[] = [];
  // Tokens are secrets too: any that connectFi issued may be echoed back in an error message.
  const secrets = () => [options.password, ...issuedTokens];

  const failure = (response: JsonResponse, ctx: CallContext, unauthorizedHint: string) => {
    const { statusCode } = response;
    const info = response.parsed ? readErrorBody(response.body) : {};
    let kind: UpstreamErrorKind = 'bad_response';
    let hint: string | undefined;
    if (statusCode === 401) {
      kind = 'unauthorized';
      hint = unauthorizedHint;
    } else if (!response.parsed || statusCode >= 500) {
      kind = 'bad_response';
    } else if (statusCode === 404 || (info.code !== undefined && NOT_FOUND_CODES.has(info.code))) {
      kind = 'not_found';
    } else if (statusCode >= 400 || (info.code !== undefined && info.code !== '0')) {
      kind = 'rejected';
    } else {
      hint = 'unexpected envelope';
    }
    return responseError({
      provider: 'connectfi',
      operation: ctx.operation,
      kind,
      statusCode,
      info,
      secrets: secrets(),
      ...(hint === undefined ? {} : { hint }),
    });
  };

  const issueToken = (): Promise<IssuedToken> =>
    withDeadline('connectfi', 'getToken', timeouts.deadlineMs, async (ctx) => {
      const response = await sendJson(
        pool,
        {
          method: 'POST',
          path: `${pathPrefix}/auth/get-token`,
          body: { user: { login: options.login, password: options.password } },
        },
        ctx,
      );
      if (response.parsed && response.statusCode >= 200 && response.statusCode < 300) {
        const data = asJsonObject(successData(response.body));
        const token = nonEmptyString(data?.token);
        const expiresAt = Date.parse(String(data?.dtsExpireAt));
        if (token !== undefined && Number.isFinite(expiresAt)) {
          issuedTokens.unshift(token);
          issuedTokens.length = Math.min(issuedTokens.length, 2);
          return { token, expiresAt };
        }
      }
      throw failure(
        response,
        ctx,
        'connectFi refused the configured login and password; the deployment is misconfigured',
      );
    });

  const tokens = createTokenCache({
    issue: () =>
      issueToken().then(
        (issued) => {
          publishTokenRefresh({ provider: 'connectfi', outcome: 'issued' });
          return issued;
        },
        (error: unknown) => {
          publishTokenRefresh({ provider: 'connectfi', outcome: 'failed' });
          throw error;
        },
      ),
    now,
  });

  /** A read: the same bytes as the answer that gave `previous` give `previous` again, unparsed. */
  const exchange = async (
    request: JsonRequest,
    token: string,
    ctx: CallContext,
    read?: ReadOptions,
  ): Promise<unknown> => {
    const unchanged = read ? (text: string) => unchangedEnvelope(read.previous, text) : undefined;
    const response = await sendJson(
      pool,
      { ...request, path: pathPrefix + request.path, headers: { 'x-connectfi-token': token } },
      ctx,
      unchanged,
    );
    if (response.parsed && response.statusCode >= 200 && response.statusCode < 300) {
      const data = successData(response.body);
      if (data !== undefined) {
        if (read && !response.reused) rememberBody(response.text, response.body, data);
        return data;
      }
    }
    throw failure(response, ctx, 'connectFi refused the session token');
  };

  /** A 401 means the token went stale early: get a new one and try once more, and only once. */
  const withToken = async (send: (token: string) => Promise<unknown>): Promise<unknown> => {
    const token = await tokens.get();
    try {
      return await send(token);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.kind !== 'unauthorized') throw error;
      tokens.invalidate(token);
      return send(await tokens.get());
    }
  };

  const read = (operation: string, path: string, options: ReadOptions = {}) =>
    observed('connectfi', operation, () =>
      breaker.run(operation, () =>
        withDeadline('connectfi', operation, timeouts.deadlineMs, (ctx) =>
          withToken((token) =>
            withRetry(() => exchange({ method: 'GET', path }, token, ctx, options), {
              policy: retry,
              deadline: ctx.deadline,
              isRetryable: isTransientFailure,
            }),
          ),
        ),
      ),
    );

  /**
   * A write: one attempt (generate and upload are not idempotent; the caller keeps what each step returned
   * and retries from there), a fresh token once on a 401.
   */
  const write = (operation: string, request: JsonRequest) =>
    observed('connectfi', operation, () =>
      breaker.run(operation, () =>
        withDeadline('connectfi', operation, timeouts.deadlineMs, (ctx) =>
          withToken((token) => exchange(request, token, ctx)),
        ),
      ),
    );

  // Closing twice (shutdown hooks, tests) must not throw.
  let closing: Promise<void> | undefined;

  return {
    getAkepaStatus: (customerId, options) =>
      read('getAkepaStatus', `/akepa/status/${encodeURIComponent(customerId)}`, options),
    getCustomerStatus: (customerId) =>
      read('getCustomerStatus', `/customer/status/${encodeURIComponent(customerId)}`),
    generateDocument: (input) =>
      write('generateDocument', { method: 'POST', path: '/akepa/document/generate', body: input }),
    uploadDocument: (documentId, file) =>
      write('uploadDocument', {
        method: 'POST',
        path: `/akepa/document/upload/${encodeURIComponent(documentId)}`,
        raw: multipartFile(file),
      }),
    updateDocuments: (customerId, documents) =>
      write('updateDocuments', { method: 'POST', path: '/akepa/update', body: { customerId, documents } }),
    breakerState: () => breaker.state(),
    close: () => {
      closing ??= pool.close();
      return closing;
    },
  };
}
