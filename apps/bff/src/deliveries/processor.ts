import type { CaseView, Provider } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { isTransientFailure, UpstreamError } from '../upstream/errors';
import type { SubjectDirectory } from './directory';
import type { DeliveryRow } from './schema';
import type { SubjectSync } from './sync';

/** What became of one processing attempt. */
export type ProcessOutcome =
  | { status: 'processed' }
  | { status: 'unmatched' }
  /** The body is unusable or the provider does not know the subject: trying again will not help. */
  | { status: 'failed'; error: string }
  /** The provider could not be read this time. */
  | { status: 'retry'; error: string };

const asObject = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const nonEmptyString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

function parse(body: string): Record<string, unknown> | null {
  try {
    return asObject(JSON.parse(body));
  } catch {
    return null;
  }
}

/** The id a delivery names: Capa's externalUserId, connectFi's data.customerId; null if it names none. */
export function deliverySubjectRef(provider: Provider, body: string): string | null {
  const parsed = parse(body);
  if (!parsed) return null;
  if (provider === 'capa') return nonEmptyString(parsed.externalUserId);
  return nonEmptyString(asObject(parsed.data)?.customerId);
}

export interface DeliveryProcessorDeps {
  directory: SubjectDirectory;
  sync: Pick<SubjectSync, 'sync'>;
  /** A fresh read of the subject from its provider. */
  loadView: (provider: Provider, subjectId: string) => Promise<CaseView>;
}

/**
 * Turns a stored delivery into case changes. The body only says whom to look at: the state acted on is always
 * read again from the provider, never taken from the (unauthenticated at connectFi) body.
 */
export async function processDelivery(
  row: DeliveryRow,
  deps: DeliveryProcessorDeps,
): Promise<ProcessOutcome> {
  const ref = deliverySubjectRef(row.provider, row.body);
  if (ref === null) return { status: 'failed', error: 'the body names no subject' };

  let subjectId = ref;
  if (row.provider === 'capa') {
    const entry = await deps.directory.byExternalUserId('capa', ref);
    if (!entry) return { status: 'unmatched' };
    subjectId = entry.subject_id;
  }

  let view: CaseView;
  try {
    view = await deps.loadView(row.provider, subjectId);
  } catch (error) {
    if (error instanceof UpstreamError) {
      const message = `${error.kind}${error.upstreamStatus === undefined ? '' : ` (HTTP ${error.upstreamStatus})`}`;
      const transient =
        isTransientFailure(error) || error.kind === 'circuit_open' || error.kind === 'bad_response';
      return transient ? { status: 'retry', error: message } : { status: 'failed', error: message };
    }
    // The provider knows the subject but has nothing to review (no_journey, no_verification).
    if (error instanceof ApiError && error.statusCode === 404) return { status: 'failed', error: error.code };
    throw error;
  }
  // Capa's view does not carry the organisation's id; the webhook named it, so the case keeps it.
  if (row.provider === 'capa' && view.subject.externalUserId === null) {
    view = { ...view, subject: { ...view.subject, externalUserId: ref } };
  }
  const event = row.provider === 'capa' ? nonEmptyString(parse(row.body)?.event) : null;
  await deps.sync.sync(view, `${row.provider}-webhook`, { receivedAt: row.received_at, event });
  return { status: 'processed' };
}
