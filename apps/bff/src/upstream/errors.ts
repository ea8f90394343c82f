import { asJsonObject } from './json';

export type UpstreamProvider = 'capa' | 'connectfi';

export type UpstreamErrorKind =
  | 'not_found'
  | 'rejected'
  | 'bad_response'
  | 'unavailable'
  | 'timeout'
  | 'circuit_open'
  | 'unauthorized';

export interface UpstreamErrorDetails {
  provider: UpstreamProvider;
  kind: UpstreamErrorKind;
  /** Name of the client operation (e.g. `getKycDetails`); never a URL. */
  operation: string;
  upstreamStatus?: number;
  upstreamCode?: string;
  upstreamMessage?: string;
  cause?: unknown;
}

/**
 * A failed call to a provider. The message is safe to log: it names the provider, the operation and the
 * HTTP status, never a URL, query string, credential or token. `upstreamMessage` is provider text (data,
 * not markup) with the client's secrets redacted.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly provider: UpstreamProvider;
  readonly kind: UpstreamErrorKind;
  readonly operation: string;
  readonly upstreamStatus?: number;
  readonly upstreamCode?: string;
  readonly upstreamMessage?: string;

  constructor(message: string, details: UpstreamErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.provider = details.provider;
    this.kind = details.kind;
    this.operation = details.operation;
    if (details.upstreamStatus !== undefined) this.upstreamStatus = details.upstreamStatus;
    if (details.upstreamCode !== undefined) this.upstreamCode = details.upstreamCode;
    if (details.upstreamMessage !== undefined) this.upstreamMessage = details.upstreamMessage;
  }
}

const STATUS_BY_KIND: Record<UpstreamErrorKind, number> = {
  not_found: 404,
  // The provider refused what this server sent, or its credentials: a gateway problem, not the caller's.
  rejected: 502,
  unauthorized: 502,
  bad_response: 502,
  unavailable: 502,
  circuit_open: 503,
  timeout: 504,
};

/** The HTTP status the BFF answers with when a call fails with this error. */
export function httpStatusFor(error: UpstreamError): number {
  return STATUS_BY_KIND[error.kind];
}

/**
 * Failures that say the provider is unhealthy (network, timeouts, 5xx): they are worth retrying for reads
 * and they count towards opening the circuit. A 4xx proves the provider is up and answering.
 */
export function isTransientFailure(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  if (error.kind === 'unavailable' || error.kind === 'timeout') return true;
  return error.upstreamStatus !== undefined && error.upstreamStatus >= 500;
}

export interface ErrorBodyInfo {
  code?: string;
  message?: string;
}

function scalarCode(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function textMessage(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  // Validation frameworks answer with a list of messages; the first one says enough.
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string');
  return undefined;
}

/**
 * Reads `code` and `message` from an error body whose layout the providers don't document: at the top
 * level, under `error`, or in `errors[0]`, whichever holds them first.
 */
export function readErrorBody(body: unknown): ErrorBodyInfo {
  const top = asJsonObject(body);
  if (top === undefined) return {};
  const errors = Array.isArray(top.errors) ? top.errors : [];
  const candidates = [top, asJsonObject(top.error), asJsonObject(errors[0])];
  const info: ErrorBodyInfo = {};
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    info.code ??= scalarCode(candidate.code);
    info.message ??= textMessage(candidate.message);
  }
  info.message ??= textMessage(top.error) ?? textMessage(errors[0]);
  return info;
}

const MAX_UPSTREAM_TEXT = 300;
const SAFE_CODE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Replaces every occurrence of a secret with a marker, then bounds the length. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.length > MAX_UPSTREAM_TEXT ? `${out.slice(0, MAX_UPSTREAM_TEXT)}…` : out;
}

const KIND_LABEL: Record<UpstreamErrorKind, string> = {
  not_found: 'not found',
  rejected: 'request rejected',
  bad_response: 'unusable response',
  unavailable: 'unreachable',
  timeout: 'timed out',
  circuit_open: 'circuit open',
  unauthorized: 'credentials refused',
};

export interface ResponseErrorInput {
  provider: UpstreamProvider;
  operation: string;
  kind: UpstreamErrorKind;
  statusCode: number;
  info: ErrorBodyInfo;
  secrets: readonly string[];
  /** Extra explanation appended to the message; must not contain secrets or URLs. */
  hint?: string;
}

/** Builds the error for an HTTP response the client could not accept. */
export function responseError(input: ResponseErrorInput): UpstreamError {
  const code = input.info.code === undefined ? undefined : redact(input.info.code, input.secrets);
  const message = input.info.message === undefined ? undefined : redact(input.info.message, input.secrets);
  const shownCode = code !== undefined && SAFE_CODE.test(code) ? ` ${code}` : '';
  const hint = input.hint === undefined ? '' : `: ${input.hint}`;
  return new UpstreamError(
    `${input.provider} ${input.operation}: ${KIND_LABEL[input.kind]} (HTTP ${input.statusCode}${shownCode})${hint}`,
    {
      provider: input.provider,
      kind: input.kind,
      operation: input.operation,
      upstreamStatus: input.statusCode,
      ...(code === undefined ? {} : { upstreamCode: code }),
      ...(message === undefined ? {} : { upstreamMessage: message }),
    },
  );
}
