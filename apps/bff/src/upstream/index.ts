export { type BreakerOptions, type BreakerState, DEFAULT_BREAKER } from './breaker';
export {
  type CapaClient,
  type CapaClientOptions,
  type CapaUserType,
  type CapaVerificationLinkInput,
  type CreateCapaUserInput,
  createCapaClient,
} from './capa-client';
export { type ConnectfiClient, type ConnectfiClientOptions, createConnectfiClient } from './connectfi-client';
export {
  httpStatusFor,
  UpstreamError,
  type UpstreamErrorKind,
  type UpstreamProvider,
} from './errors';
export { DEFAULT_TIMEOUTS, type UpstreamTimeouts } from './http';
export {
  createMediaFetcher,
  DEFAULT_MEDIA_TIMEOUTS,
  type MediaFetcher,
  type MediaFetcherOptions,
  type MediaFetchOptions,
  type MediaResponse,
} from './media-fetcher';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
