import { type BreakerOptions, type BreakerState, createCircuitBreaker } from './breaker';
import { isTransientFailure, readErrorBody, responseError, type UpstreamErrorKind } from './errors';
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
import { asJsonObject, type JsonObject, nonEmptyString } from './json';
import { DEFAULT_RETRY, type RetryPolicy, withRetry } from './retry';
import { observed } from './telemetry';
import { type ReadOptions, type ReissuedStrings, rememberBody, unchangedEnvelope } from './unchanged-bodies';

export interface CapaClientOptions {
  baseUrl: string;
  partnerApiKey: string;
  timeouts?: Partial<UpstreamTimeouts>;
  retry?: Partial<RetryPolicy>;
  breaker?: Partial<BreakerOptions>;
  now?: () => number;
}

export type CapaUserType = 'INDIVIDUAL' | 'BUSINESS';

export interface CreateCapaUserInput {
  type: CapaUserType;
  email: string;
  externalUserId: string;
  alias?: string;
}

export interface CapaVerificationLinkInput {
  /** ISO 3166-1 alpha-2 code among those Capa supports. */
  country: string;
  partnerRedirectUri?: string;
}

export interface CapaClient {
  /** `data` of Get KYC Details (`{status:'ok', data}`), unvalidated and frozen. */
  getKycDetails(userId: string, options?: ReadOptions): Promise<unknown>;
  /** `data` of Get KYB Details (`{status:'ok', data}`), unvalidated and frozen. */
  getKybDetails(userId: string, options?: ReadOptions): Promise<unknown>;
  /** Creates a Capa user and returns Capa's userId. */
  createUser(input: CreateCapaUserInput): Promise<string>;
  /** Returns the link where the user completes KYC. */
  createVerificationLink(userId: string, input: CapaVerificationLinkInput): Promise<string>;
  /** Sets (or with `null` clears) the partner's single webhook URL. */
  setWebhookUrl(url: string | null): Promise<void>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

const API = '/api/partner/v2';

/**
 * Get KYC Details' media links are pre-signed and signed anew on every read (the sandbox's expire each second,
 * a CDN's may carry a fresh signature each time), so two reads of an unchanged verification differ there. A
 * read that differs only there counts as unchanged; the fresh links still replace the old (media proxy, raw).
 */
export const signedMediaLinks: ReissuedStrings = {
  path: ['media'],
  fields: ['frontIdImageUrl', 'backIdImageUrl', 'selfieImageUrl', 'selfieVideoUrl'],
};

/** `{status:'ok', data}`: the envelope of the KYC and KYB details reads. */
function statusOkData(body: unknown): JsonObject | undefined {
  const envelope = asJsonObject(body);
  return envelope?.status === 'ok' ? asJsonObject(envelope.data) : undefined;
}

/** `{success:true, data}`: the envelope of Capa's other endpoints. */
function successData(body: unknown): JsonObject | undefined {
  const envelope = asJsonObject(body);
  return envelope?.success === true ? asJsonObject(envelope.data) : undefined;
}

export function createCapaClient(options: CapaClientOptions): CapaClient {
  const timeouts = resolveTimeouts(options.timeouts);
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const { pool, pathPrefix } = createUpstreamPool(options.baseUrl, timeouts);
  const breaker = createCircuitBreaker({
    provider: 'capa',
    now: options.now ?? Date.now,
    ...(options.breaker === undefined ? {} : { options: options.breaker }),
  });
  const secrets = [options.partnerApiKey];
  const headers = { 'partner-api-key': options.partnerApiKey };

  const failure = (response: JsonResponse, ctx: CallContext) => {
    const { statusCode } = response;
    const info = response.parsed ? readErrorBody(response.body) : {};
    let kind: UpstreamErrorKind = 'bad_response';
    let hint: string | undefined;
    if (statusCode === 401 && /not associated with the partner/i.test(info.message ?? '')) {
      // Documented 401 "User is not associated with the partner": about this user, not the desk's key.
      kind = 'rejected';
      hint = 'the user belongs to another partner';
    } else if (statusCode === 401) {
      kind = 'unauthorized';
      hint = 'check the configured partner API key';
    } else if (response.parsed && statusCode === 404) {
      kind = 'not_found';
    } else if (response.parsed && statusCode >= 400 && statusCode < 500) {
      kind = 'rejected';
    } else if (response.parsed && statusCode < 300) {
      hint = 'unexpected envelope';
    }
    return responseError({
      provider: 'capa',
      operation: ctx.operation,
      kind,
      statusCode,
      info,
      secrets,
      ...(hint === undefined ? {} : { hint }),
    });
  };

  /**
   * Sends one request and returns what `accept` extracts from a 2xx answer, or throws a typed error. With
   * `previous`, the same bytes as the answer that gave it give it again, unparsed.
   */
  const exchange = async <T>(
    request: JsonRequest,
    ctx: CallContext,
    accept: (body: unknown) => T | undefined,
    read?: ReadOptions & { reissued?: ReissuedStrings },
  ): Promise<T> => {
    const unchanged = read ? (text: string) => unchangedEnvelope(read.previous, text) : undefined;
    const response = await sendJson(pool, { ...request, path: pathPrefix + request.path }, ctx, unchanged);
    if (response.parsed && response.statusCode >= 200 && response.statusCode < 300) {
      const value = accept(response.body);
      if (value !== undefined) {
        if (read && !response.reused) {
          rememberBody(response.text, response.body, value, read.reissued ? { reissued: read.reissued } : {});
        }
        return value;
      }
    }
    throw failure(response, ctx);
  };

  const read = (operation: string, path: string, options: ReadOptions = {}, reissued?: ReissuedStrings) =>
    observed('capa', operation, () =>
      breaker.run(operation, () =>
        withDeadline('capa', operation, timeouts.deadlineMs, (ctx) =>
          withRetry(
            () => exchange({ method: 'GET', path, headers }, ctx, statusOkData, { ...options, reissued }),
            {
              policy: retry,
              deadline: ctx.deadline,
              isRetryable: isTransientFailure,
            },
          ),
        ),
      ),
    );

  const write = <T>(operation: string, request: JsonRequest, accept: (body: unknown) => T | undefined) =>
    observed('capa', operation, () =>
      breaker.run(operation, () =>
        withDeadline('capa', operation, timeouts.deadlineMs, (ctx) =>
          exchange({ ...request, headers }, ctx, accept),
        ),
      ),
    );

  // Closing twice (shutdown hooks, tests) must not throw.
  let closing: Promise<void> | undefined;

  return {
    getKycDetails: (userId, options) =>
      read(
        'getKycDetails',
        `${API}/kyc/details?userId=${encodeURIComponent(userId)}`,
        options,
        signedMediaLinks,
      ),
    getKybDetails: (userId, options) =>
      read('getKybDetails', `${API}/kyb/details?userId=${encodeURIComponent(userId)}`, options),
    createUser: (input) =>
      write(
        'createUser',
        {
          method: 'POST',
          path: `${API}/users`,
          body: {
            type: input.type,
            email: input.email,
            externalUserId: input.externalUserId,
            ...(input.alias === undefined ? {} : { alias: input.alias }),
          },
        },
        (body) => nonEmptyString(successData(body)?.userId),
      ),
    createVerificationLink: (userId, input) =>
      write(
        'createVerificationLink',
        {
          method: 'POST',
          path: `${API}/users/${encodeURIComponent(userId)}/kyc/verification-link`,
          body: {
            country: input.country,
            ...(input.partnerRedirectUri === undefined
              ? {}
              : { partnerRedirectUri: input.partnerRedirectUri }),
          },
        },
        // The reference page's example answer omits the envelope, so accept a bare `{kycLink}` too.
        (body) => nonEmptyString(successData(body)?.kycLink) ?? nonEmptyString(asJsonObject(body)?.kycLink),
      ),
    setWebhookUrl: (url) =>
      write('setWebhookUrl', { method: 'PUT', path: `${API}/webhook-settings`, body: { url } }, (body) =>
        asJsonObject(body)?.success === true ? true : undefined,
      ).then(() => undefined),
    breakerState: () => breaker.state(),
    close: () => {
      closing ??= pool.close();
      return closing;
    },
  };
}
