import type { CaseView, Provider } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { normaliseCapaKyb, normaliseCapaKyc, normaliseConnectfiStatus } from '../normalise';
import type { Upstreams } from '../plugins/app/upstream';
import { UpstreamError } from '../upstream/errors';

/** Which of Capa's reads answered: KYC details for a person, KYB details for a business. */
type CapaRead = 'kyc' | 'kyb';

/** One read of a subject from its provider: the raw payload (server-side only) and its normalised view. */
export interface SubjectSnapshot {
  provider: Provider;
  id: string;
  raw: unknown;
  view: CaseView;
  fetchedAt: number;
}

export interface SubjectServiceOptions {
  now?: () => Date;
  /** How long a snapshot may serve media lookups before the provider is asked again. */
  snapshotTtlMs?: number;
  maxSnapshots?: number;
}

/**
 * Reads subjects live from the providers. The view is always read fresh; the last snapshot per subject is
 * kept briefly so the media requests that follow a view (four files, video ranges) don't each re-read the
 * provider for the URL. One instance serves the case and subject routes (app.subjects), so a case page's
 * media find the read its case detail has just made.
 */
export class SubjectService {
  private readonly snapshots = new Map<string, SubjectSnapshot>();
  private readonly reading = new Map<string, Promise<SubjectSnapshot>>();
  /** Capa users last read through KYB details (businesses). */
  private readonly capaReads = new Map<string, CapaRead>();
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly maxSnapshots: number;

  constructor(
    private readonly upstreams: Pick<Upstreams, 'capa' | 'connectfi'>,
    options: SubjectServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.snapshotTtlMs ?? 60_000;
    this.maxSnapshots = options.maxSnapshots ?? 1_000;
  }

  async read(provider: Provider, id: string): Promise<SubjectSnapshot> {
    const now = this.now();
    let snapshot: SubjectSnapshot;
    if (provider === 'capa') {
      const { read, raw } = await this.readCapa(id);
      const view =
        read === 'kyb'
          ? normaliseCapaKyb(raw, { userId: id, now })
          : normaliseCapaKyc(raw, { userId: id, now });
      snapshot = { provider, id, raw, view, fetchedAt: now.getTime() };
    } else {
      const raw = await this.readConnectfi(id);
      const view = normaliseConnectfiStatus(raw, { customerId: id, now });
      snapshot = { provider, id, raw, view, fetchedAt: now.getTime() };
    }
    this.remember(snapshot);
    return snapshot;
  }

  /**
   * A person has KYC details and a business KYB details, and Capa answers 404 for the other read. The read
   * that answered last for this user goes first, so a business costs one call once it is known.
   */
  private async readCapa(id: string): Promise<{ read: CapaRead; raw: unknown }> {
    const order: CapaRead[] = this.capaReads.get(id) === 'kyb' ? ['kyb', 'kyc'] : ['kyc', 'kyb'];
    let unknownUser: UpstreamError | undefined;
    for (const read of order) {
      try {
        const raw =
          read === 'kyb'
            ? await this.upstreams.capa.getKybDetails(id)
            : await this.upstreams.capa.getKycDetails(id);
        this.rememberCapaRead(id, read);
        return { read, raw };
      } catch (error) {
        if (!isNotFound(error)) throw error;
        // Capa's documented 404 for a user it does not know: "Requested User was not found".
        if (/user was not found/i.test(error.upstreamMessage ?? '')) unknownUser = error;
      }
    }
    if (unknownUser) throw unknownUser;
    throw new ApiError(
      404,
      'no_verification',
      'Capa has neither KYC nor KYB details for this user: no verification was completed',
      { provider: 'capa' },
    );
  }

  /** The Akepa journey; a customer connectFi knows without one is told apart from one it does not know. */
  private async readConnectfi(id: string): Promise<unknown> {
    try {
      return await this.upstreams.connectfi.getAkepaStatus(id);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      try {
        await this.upstreams.connectfi.getCustomerStatus(id);
      } catch (statusError) {
        // Not a customer of connectFi (subject_not_found), or connectFi could not say (its own error).
        throw isNotFound(statusError) ? error : statusError;
      }
      throw new ApiError(404, 'no_journey', 'connectFi has no KYC/KYB journey for this customer', {
        provider: 'connectfi',
      });
    }
  }

  private rememberCapaRead(id: string, read: CapaRead) {
    if (read === 'kyc') this.capaReads.delete(id);
    else {
      this.capaReads.set(id, read);
      if (this.capaReads.size > this.maxSnapshots) {
        const oldest = this.capaReads.keys().next().value;
        if (oldest !== undefined) this.capaReads.delete(oldest);
      }
    }
  }

  /**
   * The recent snapshot if there is one, else a fresh read: one for all the callers that ask at once (a page's
   * media requests arrive together).
   */
  async recent(provider: Provider, id: string): Promise<SubjectSnapshot> {
    const k = key(provider, id);
    const cached = this.snapshots.get(k);
    if (cached && this.now().getTime() - cached.fetchedAt < this.ttlMs) return cached;
    const pending = this.reading.get(k);
    if (pending) return pending;
    const reading = this.read(provider, id).finally(() => this.reading.delete(k));
    this.reading.set(k, reading);
    return reading;
  }

  private remember(snapshot: SubjectSnapshot) {
    const k = key(snapshot.provider, snapshot.id);
    this.snapshots.delete(k);
    this.snapshots.set(k, snapshot);
    if (this.snapshots.size > this.maxSnapshots) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
  }
}

const key = (provider: Provider, id: string) => `${provider}:${id}`;

const isNotFound = (error: unknown): error is UpstreamError =>
  error instanceof UpstreamError && error.kind === 'not_found';
