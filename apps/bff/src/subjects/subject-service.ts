import type { CaseView, Provider } from '@review-desk/contracts';
import { normaliseCapaKyc, normaliseConnectfiStatus } from '../normalise';
import type { Upstreams } from '../plugins/app/upstream';

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
    const snapshot =
      provider === 'capa'
        ? this.snapshot(provider, id, await this.upstreams.capa.getKycDetails(id), now)
        : this.snapshot(provider, id, await this.upstreams.connectfi.getAkepaStatus(id), now);
    this.remember(snapshot);
    return snapshot;
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

  private snapshot(provider: Provider, id: string, raw: unknown, now: Date): SubjectSnapshot {
    const view =
      provider === 'capa'
        ? normaliseCapaKyc(raw, { userId: id, now })
        : normaliseConnectfiStatus(raw, { customerId: id, now });
    return { provider, id, raw, view, fetchedAt: now.getTime() };
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
