import type { CaseView, Provider } from '@review-desk/contracts';
import { ApiError } from '../errors';
import {
  normaliseCapaKyb,
  normaliseCapaKyc,
  normaliseConnectfiStatus,
  sameCapaMediaView,
} from '../normalise';
import type { Upstreams } from '../plugins/app/upstream';
import { UpstreamError } from '../upstream/errors';
import { sameApartFromReissued, sourceLength } from '../upstream/unchanged-bodies';

/** A view's JSON for one audience: whole, or the bytes before and after its `asOf` time. */
type Rendering = readonly [Buffer, Buffer] | readonly [Buffer];

/** Which of Capa's reads answered: KYC details for a person, KYB details for a business. */
type CapaRead = 'kyc' | 'kyb';

/** One read of a subject from its provider: the raw payload (server-side only) and its normalised view. */
export interface SubjectSnapshot {
  provider: Provider;
  id: string;
  /** The provider's answer, frozen: a later read of the same bytes gives this very object again. */
  raw: unknown;
  view: CaseView;
  fetchedAt: number;
  /**
   * The view as UTF-8 JSON per audience (masked, screening withheld…), made once per view (`rendered`): the
   * bytes before and after the `asOf` time, which is each read's own.
   */
  readonly renderings: Map<string, Rendering>;
}

export interface SubjectServiceOptions {
  now?: () => Date;
  /** How long a snapshot may serve media lookups before the provider is asked again. */
  snapshotTtlMs?: number;
  /** The cache's budget in bytes: one snapshot per subject, least recently read evicted first. */
  maxBytes?: number;
}

const DAY_MS = 86_400_000;

/**
 * Reads subjects live from the providers: every view asks the provider (views of one subject at the same time
 * share one read, `readForView`). The last snapshot per subject is kept, within a byte budget, for two reasons:
 * - the media requests that follow a view (four files, video ranges) don't each re-read the provider for the
 *   URL; one instance serves the case and subject routes (app.subjects), so a case page's media find the read
 *   its case detail has just made;
 * - when the provider answers the very same bytes as last time (most reads; for Capa, apart from the media
 *   links it signs afresh each time, while each stays as usable as before), the view made from them that day
 *   is the view again: the answer is not parsed, normalised or serialised a second time. The view depends on
 *   the day only through document expiry, so a new day normalises afresh.
 */
export class SubjectService {
  private readonly snapshots = new Map<string, { snapshot: SubjectSnapshot; read: string; bytes: number }>();
  private readonly reading = new Map<string, Promise<SubjectSnapshot>>();
  /** Capa users last read through KYB details (businesses). */
  private readonly capaReads = new Map<string, CapaRead>();
  private readonly now: () => Date;
  private readonly ttlMs: number;
  private readonly maxBytes: number;
  private cachedBytes = 0;

  constructor(
    private readonly upstreams: Pick<Upstreams, 'capa' | 'connectfi'>,
    options: SubjectServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.ttlMs = options.snapshotTtlMs ?? 60_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** A fresh read: it asks the provider now, whatever else is under way for the subject. */
  read(provider: Provider, id: string): Promise<SubjectSnapshot> {
    const k = key(provider, id);
    const reading = this.readNow(provider, id, k);
    this.reading.set(k, reading);
    // Inline callbacks: a named closure would be renamed (tsx keepNames) on every read.
    reading.then(
      () => this.settled(k, reading),
      () => this.settled(k, reading),
    );
    return reading;
  }

  private settled(k: string, reading: Promise<SubjectSnapshot>) {
    if (this.reading.get(k) === reading) this.reading.delete(k);
  }

  /**
   * A read for someone viewing the subject: when a read of it is already on its way to the provider, the view
   * shares that one (single-flight) rather than sending another, so its answer is at most one provider round
   * trip older than the request. Reads that must start after an event (a webhook's) use `read`.
   */
  readForView(provider: Provider, id: string): Promise<SubjectSnapshot> {
    return this.reading.get(key(provider, id)) ?? this.read(provider, id);
  }

  private async readNow(provider: Provider, id: string, k: string): Promise<SubjectSnapshot> {
    const now = this.now();
    const previous = this.snapshots.get(k);
    const { read, raw } =
      provider === 'capa'
        ? await this.readCapa(id, previous?.snapshot.raw)
        : { read: 'akepa', raw: await this.readConnectfi(id, previous?.snapshot.raw) };
    const fetchedAt = now.getTime();
    const sameView =
      previous !== undefined &&
      sameAnswer(previous.snapshot.raw, raw) &&
      previous.read === read &&
      Math.floor(previous.snapshot.fetchedAt / DAY_MS) === Math.floor(fetchedAt / DAY_MS);
    // The same view, as of this read; `raw` is this read's own (its media links are the fresh ones).
    const snapshot: SubjectSnapshot = sameView
      ? {
          ...previous.snapshot,
          raw,
          view: { ...previous.snapshot.view, asOf: isoTime(fetchedAt) },
          fetchedAt,
        }
      : {
          provider,
          id,
          raw,
          view: normalise(provider, read, raw, id, now),
          fetchedAt,
          renderings: new Map(),
        };
    this.remember(snapshot, read);
    return snapshot;
  }

  /**
   * The view as UTF-8 JSON for one audience: made by `render` the first time that audience asks for this view,
   * then the same bytes, with this read's `asOf`, for every read of the same answer. Bytes rather than text:
   * a reply of text is measured (`Buffer.byteLength`) and encoded again on every send, about 7 KB of it.
   */
  rendered(snapshot: SubjectSnapshot, audience: string, render: (view: CaseView) => string): Buffer {
    let parts = snapshot.renderings.get(audience);
    if (parts === undefined) {
      const text = render({ ...snapshot.view, asOf: asOfMark });
      const at = text.indexOf(asOfMark);
      parts =
        at < 0
          ? [Buffer.from(text)]
          : [Buffer.from(text.slice(0, at)), Buffer.from(text.slice(at + asOfMark.length))];
      snapshot.renderings.set(audience, parts);
    }
    if (parts.length === 1) return parts[0];
    const [before, after] = parts;
    const { asOf } = snapshot.view;
    const asOfLength = Buffer.byteLength(asOf);
    const bytes = replyBytes(before.length + asOfLength + after.length);
    before.copy(bytes, 0);
    bytes.write(asOf, before.length);
    after.copy(bytes, before.length + asOfLength);
    return bytes;
  }

  /**
   * A person has KYC details and a business KYB details, and Capa answers 404 for the other read. The read
   * that answered last for this user goes first, so a business costs one call once it is known.
   */
  private async readCapa(id: string, previous: unknown): Promise<{ read: CapaRead; raw: unknown }> {
    const order: CapaRead[] = this.capaReads.get(id) === 'kyb' ? ['kyb', 'kyc'] : ['kyc', 'kyb'];
    let unknownUser: UpstreamError | undefined;
    for (const read of order) {
      try {
        const raw =
          read === 'kyb'
            ? await this.upstreams.capa.getKybDetails(id, { previous })
            : await this.upstreams.capa.getKycDetails(id, { previous });
        this.rememberCapaRead(id, read);
        return { read, raw };
      } catch (error) {
        if (isOtherUserType(error)) continue;
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
  private async readConnectfi(id: string, previous: unknown): Promise<unknown> {
    try {
      return await this.upstreams.connectfi.getAkepaStatus(id, { previous });
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
      if (this.capaReads.size > maxKnownBusinesses) {
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
    const cached = this.snapshots.get(key(provider, id))?.snapshot;
    if (cached && this.now().getTime() - cached.fetchedAt < this.ttlMs) return cached;
    return this.readForView(provider, id);
  }

  /** Keeps the snapshot as the subject's most recent, within the byte budget (the oldest reads go first). */
  private remember(snapshot: SubjectSnapshot, read: string) {
    const k = key(snapshot.provider, snapshot.id);
    const replaced = this.snapshots.get(k);
    if (replaced) {
      this.snapshots.delete(k);
      this.cachedBytes -= replaced.bytes;
    }
    const bytes = estimatedBytes(snapshot.raw);
    this.snapshots.set(k, { snapshot, read, bytes });
    this.cachedBytes += bytes;
    for (const [oldest, entry] of this.snapshots) {
      if (this.cachedBytes <= this.maxBytes || oldest === k) break;
      this.snapshots.delete(oldest);
      this.cachedBytes -= entry.bytes;
    }
  }

  /** What the cache holds now, for its tests and the memory benchmark. */
  cacheSize(): { subjects: number; bytes: number } {
    return { subjects: this.snapshots.size, bytes: this.cachedBytes };
  }
}

/**
 * Stands in for `asOf` while a view is rendered once for many reads. It needs no escaping in JSON, so it appears
 * verbatim, and `asOf` is the view's second field, so the first occurrence is the field.
 */
const asOfMark = '@@asOf:4d0c7f2a@@';

/** Businesses are remembered as such (KYB first) up to this many. */
const maxKnownBusinesses = 10_000;

/**
 * A snapshot's memory, estimated from the provider's answer: its text, the parsed object (about twice the text),
 * the view and its renderings (about the text again, each).
 */
const estimatedBytes = (raw: unknown) => 6 * (sourceLength(raw) ?? 4096);

function normalise(provider: Provider, read: string, raw: unknown, id: string, now: Date): CaseView {
  if (provider === 'connectfi') return normaliseConnectfiStatus(raw, { customerId: id, now });
  return read === 'kyb'
    ? normaliseCapaKyb(raw, { userId: id, now })
    : normaliseCapaKyc(raw, { userId: id, now });
}

const key = (provider: Provider, id: string) => `${provider}:${id}`;

const slabSize = 256 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;

/**
 * Room for one reply, cut from a shared slab as Node's own pool does for small buffers: a view is about 7 KB,
 * above that pool's limit, and a memory block of its own per view (thousands a second under load) is work for
 * the garbage collector. A slab is never written again once handed out; it is freed with its last reply.
 */
function replyBytes(length: number): Buffer {
  if (length > slabSize / 8) return Buffer.allocUnsafe(length);
  if (slab.length - slabUsed < length) {
    slab = Buffer.allocUnsafeSlow(slabSize);
    slabUsed = 0;
  }
  const bytes = slab.subarray(slabUsed, slabUsed + length);
  // Eight-byte aligned, as Node's pool keeps its slices.
  slabUsed += (length + 7) & ~7;
  return bytes;
}

let isoSecond = Number.NaN;
let isoPrefix = '';

/**
 * `new Date(ms).toISOString()`, from the text of the same second kept: views of one second differ only in the
 * milliseconds, and formatting a date afresh costs more than the rest of an unchanged read's bookkeeping.
 */
export function isoTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    // Everything up to the milliseconds ("…T12:34:56."), whatever the year's width.
    isoPrefix = new Date(second * 1000).toISOString().slice(0, -4);
    isoSecond = second;
  }
  const milliseconds = ms - second * 1000;
  return `${isoPrefix}${milliseconds < 10 ? '00' : milliseconds < 100 ? '0' : ''}${milliseconds}Z`;
}

/**
 * Whether a read answered what gave the previous view: the very same bytes (the same object), or the same
 * apart from Capa's re-signed media links while each link is as usable as before (the view says only that).
 */
const sameAnswer = (previous: unknown, raw: unknown) =>
  previous === raw || (sameApartFromReissued(raw, previous) && sameCapaMediaView(previous, raw));

/** Capa's 400 INVALID_VERIFICATION_TYPE_FOR_USER: a KYC read of a business, or a KYB read of a person. */
const isOtherUserType = (error: unknown): boolean =>
  error instanceof UpstreamError && error.upstreamCode === 'INVALID_VERIFICATION_TYPE_FOR_USER';

const isNotFound = (error: unknown): error is UpstreamError =>
  error instanceof UpstreamError && error.kind === 'not_found';
