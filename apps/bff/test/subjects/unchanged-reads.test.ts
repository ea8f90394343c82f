import { type Role, roles } from '@review-desk/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capaMediaUrl, normaliseCapaKyc } from '../../src/normalise';
import type { Upstreams } from '../../src/plugins/app/upstream';
import { viewForRole } from '../../src/subjects/pii';
import { SubjectService } from '../../src/subjects/subject-service';
import { signedMediaLinks } from '../../src/upstream/capa-client';
import { rememberBody, unchangedEnvelope } from '../../src/upstream/unchanged-bodies';
import { amlHit, capaReviewNeeded } from '../normalise/fixtures/capa';

const userId = 'unchanged-reads-user';

/**
 * Capa's Get KYC Details as the client gives it: the body the provider is answering now, parsed, and the very
 * object of the last read when the bytes are the same, or a copy with the fresh links when only the signed
 * media links changed (the client's rule, through the same module). `escaped` writes the links' slashes as
 * `\/`, which JSON allows and some serialisers do.
 */
function capaAnswering(initial: unknown) {
  let answer = { body: initial, escaped: false };
  let reads = 0;
  let parses = 0;
  let lastText = '';
  const getKycDetails = async (_id: string, options: { previous?: unknown } = {}) => {
    reads += 1;
    const json = JSON.stringify({ status: 'ok', data: answer.body });
    const text = answer.escaped ? json.replaceAll('https://media', 'https:\\/\\/media') : json;
    lastText = text;
    const reused = unchangedEnvelope(options.previous, text);
    if (reused !== undefined) return (reused as { data: unknown }).data;
    parses += 1;
    const envelope = JSON.parse(text) as { data: unknown };
    rememberBody(text, envelope, envelope.data, { reissued: signedMediaLinks });
    return envelope.data;
  };
  const upstreams = { capa: { getKycDetails }, connectfi: {} } as unknown as Pick<
    Upstreams,
    'capa' | 'connectfi'
  >;
  return {
    upstreams,
    answer: (body: unknown, escaped = false) => {
      answer = { body, escaped };
    },
    /** What a parse of the last answer gives: the raw payload a read must hand on (links included). */
    lastData: () => (JSON.parse(lastText) as { data: unknown }).data,
    counts: () => ({ reads, parses }),
  };
}

/** How the next answer's media links differ from a plain re-signing, which every read of Capa does. */
const linkChanges = ['resigned', 'resigned', 'resigned', 'blank', 'not-a-link', 'dropped', 'number'] as const;

/** `body` with its media links signed by `signature`, and changed as `change` says. */
function withLinks(body: object, signature: number, change: (typeof linkChanges)[number]): object {
  const { media } = body as { media?: Record<string, unknown> };
  if (media === undefined) return body;
  const links: Record<string, unknown> = {};
  for (const [field, link] of Object.entries(media)) {
    links[field] = typeof link === 'string' ? link.replace(/sig=[^&]*/, `sig=${signature}`) : link;
  }
  if (change === 'blank') links.backIdImageUrl = '';
  if (change === 'not-a-link') links.selfieImageUrl = ' mediaserver/selfie.jpg';
  if (change === 'dropped') delete links.selfieVideoUrl;
  if (change === 'number') links.frontIdImageUrl = 42;
  return { ...body, media: links };
}

/** The full path: normalise the answer and serialise what the role may see. */
const fresh = (body: unknown, role: Role, now: Date) =>
  JSON.stringify(viewForRole(normaliseCapaKyc(structuredClone(body), { userId, now }), role));

// Variants of Capa's answer: a few, so that the same bytes come back often, as they do.
const variants: object[] = [
  capaReviewNeeded,
  { ...capaReviewNeeded, amlInfo: { numHits: '0', entityHits: [] } },
  { ...capaReviewNeeded, amlInfo: { numHits: '3', entityHits: [amlHit(0), amlHit(1), amlHit(2)] } },
  { ...capaReviewNeeded, idInfo: { ...capaReviewNeeded.idInfo, expiryDate: '2026-01-16' } },
  {},
];

describe('a read whose provider answers the same bytes', () => {
  it('is the view the full path makes, for every role, whatever the sequence of answers, links and days', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            // The first variant most often, so that the same answer comes back, re-signed or not.
            variant: fc.constantFrom(0, 0, 0, ...variants.keys()),
            role: fc.constantFrom(...roles),
            // A later day: document expiry is judged by the day.
            days: fc.constantFrom(0, 0, 0, 1),
            // Capa signs the links afresh on most reads; sometimes a link also goes, or goes bad.
            signature: fc.nat({ max: 3 }),
            links: fc.constantFrom(...linkChanges),
            escaped: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps) => {
          let now = new Date('2026-01-15T23:00:00.000Z');
          const capa = capaAnswering(variants[0]);
          const service = new SubjectService(capa.upstreams, { now: () => now });
          for (const step of steps) {
            // Each read is a little later (its own asOf); some are a day later.
            now = new Date(now.getTime() + step.days * 86_400_000 + 1_000);
            const body = withLinks(variants[step.variant] ?? {}, step.signature, step.links);
            capa.answer(body, step.escaped);
            const snapshot = await service.read('capa', userId);
            const text = service
              .rendered(snapshot, step.role, (view) => JSON.stringify(viewForRole(view, step.role)))
              .toString('utf8');
            expect(text).toBe(fresh(body, step.role, now));
            // The payload kept for the media proxy and the raw view is this read's, fresh links and all.
            expect(snapshot.raw).toEqual(capa.lastData());
          }
          // Every view read the provider.
          expect(capa.counts().reads).toBe(steps.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reuses the view when only the signatures of the media links changed, and hands on the new links', async () => {
    const capa = capaAnswering(withLinks(capaReviewNeeded, 1, 'resigned'));
    const service = new SubjectService(capa.upstreams);
    const first = await service.read('capa', userId);
    capa.answer(withLinks(capaReviewNeeded, 2, 'resigned'), true);
    const second = await service.read('capa', userId);
    expect(capa.counts()).toEqual({ reads: 2, parses: 1 });
    expect(second.view).toEqual({ ...first.view, asOf: second.view.asOf });
    expect(second.renderings).toBe(first.renderings);
    expect(capaMediaUrl(second.raw, 'selfie')).toBe('https://media.capa.example/kyc/selfie-ab12.jpg?sig=2');
    expect(Object.isFrozen((second.raw as { media: object }).media)).toBe(true);

    // A link that can no longer be used changes the view: normalised and serialised again (from the answer
    // built with the new links, which is what a parse would give).
    capa.answer(withLinks(capaReviewNeeded, 3, 'not-a-link'));
    const third = await service.read('capa', userId);
    expect(third.raw).toEqual(capa.lastData());
    expect(third.renderings).not.toBe(first.renderings);
    expect(third.view.media).not.toEqual(first.view.media);
  });

  it('parses, normalises and serialises that answer once, and the next different answer afresh', async () => {
    const capa = capaAnswering(capaReviewNeeded);
    const service = new SubjectService(capa.upstreams);
    const first = await service.read('capa', userId);
    const again = await service.read('capa', userId);
    // The same view, but as of this read.
    expect(again.view).toEqual({ ...first.view, asOf: again.view.asOf });
    expect(again.view.aml).toBe(first.view.aml);
    let renders = 0;
    const counted = (snapshot: typeof first) =>
      service
        .rendered(snapshot, 'analyst', (view) => {
          renders += 1;
          return JSON.stringify(viewForRole(view, 'analyst'));
        })
        .toString('utf8');
    expect(counted(first)).toBe(JSON.stringify(viewForRole(first.view, 'analyst')));
    expect(counted(again)).toBe(JSON.stringify(viewForRole(again.view, 'analyst')));
    expect(renders).toBe(1);
    expect(capa.counts()).toEqual({ reads: 2, parses: 1 });

    capa.answer(variants[1]);
    const changed = await service.read('capa', userId);
    expect(changed.view).not.toBe(first.view);
    expect(changed.view.aml).toEqual(
      normaliseCapaKyc(structuredClone(variants[1]), { userId, now: new Date() }).aml,
    );
    expect(capa.counts()).toEqual({ reads: 3, parses: 2 });
  });

  it('hands out frozen answers, so a shared one cannot be changed by whoever holds it', async () => {
    const capa = capaAnswering(capaReviewNeeded);
    const service = new SubjectService(capa.upstreams);
    const { raw } = await service.read('capa', userId);
    expect(Object.isFrozen(raw)).toBe(true);
    expect(Object.isFrozen((raw as { idInfo: object }).idInfo)).toBe(true);
  });
});

describe('the subject cache', () => {
  it('keeps one read per subject within its byte budget, the least recently read leaving first', async () => {
    const capa = capaAnswering(capaReviewNeeded);
    const bytesOfOne = 6 * JSON.stringify({ status: 'ok', data: capaReviewNeeded }).length;
    const service = new SubjectService(capa.upstreams, { maxBytes: Math.floor(bytesOfOne * 3.5) });
    for (const id of ['a', 'b', 'c']) await service.read('capa', id);
    await service.read('capa', 'a');
    expect(service.cacheSize()).toEqual({ subjects: 3, bytes: 3 * bytesOfOne });

    await service.read('capa', 'd');
    // b was read least recently: it left; a, read again, stayed.
    expect(service.cacheSize()).toEqual({ subjects: 3, bytes: 3 * bytesOfOne });
    const parses = capa.counts().parses;
    await service.read('capa', 'a');
    expect(capa.counts().parses).toBe(parses);
    await service.read('capa', 'b');
    expect(capa.counts().parses).toBe(parses + 1);
  });
});

describe('views of one subject at the same time', () => {
  /** Capa answering only when told to, so that reads overlap. */
  function heldCapa() {
    const waiting: (() => void)[] = [];
    const capa = capaAnswering(capaReviewNeeded);
    const { getKycDetails } = capa.upstreams.capa;
    const upstreams = {
      ...capa.upstreams,
      capa: {
        getKycDetails: async (id: string, options?: { previous?: unknown }) => {
          await new Promise<void>((resolve) => waiting.push(resolve));
          return getKycDetails(id, options);
        },
      },
    } as unknown as Pick<Upstreams, 'capa' | 'connectfi'>;
    const answerAll = () => {
      for (const resolve of waiting.splice(0)) resolve();
    };
    return { capa, upstreams, waiting, answerAll };
  }

  it('share the read already on its way to the provider', async () => {
    const held = heldCapa();
    const service = new SubjectService(held.upstreams);
    const views = [1, 2, 3].map(() => service.readForView('capa', userId));
    expect(held.waiting).toHaveLength(1);
    held.answerAll();
    const [first, ...others] = await Promise.all(views);
    for (const other of others) expect(other).toBe(first);
    expect(held.capa.counts().reads).toBe(1);

    // Once it has answered, the next view asks the provider again.
    const next = service.readForView('capa', userId);
    expect(held.waiting).toHaveLength(1);
    held.answerAll();
    expect((await next).fetchedAt).toBeGreaterThanOrEqual(first?.fetchedAt ?? 0);
    expect(held.capa.counts().reads).toBe(2);
  });

  it('never stand in for a read that must start now (after a webhook)', async () => {
    const held = heldCapa();
    const service = new SubjectService(held.upstreams);
    const view = service.readForView('capa', userId);
    const fresh = service.read('capa', userId);
    expect(held.waiting).toHaveLength(2);
    // A view arriving now shares the latest read, the one that started after the event.
    const later = service.readForView('capa', userId);
    held.answerAll();
    expect(await later).toBe(await fresh);
    expect(await view).not.toBe(await fresh);
    expect(held.capa.counts().reads).toBe(2);
  });
});
