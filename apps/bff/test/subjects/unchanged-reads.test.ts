import { type Role, roles } from '@review-desk/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCapaKyc } from '../../src/normalise';
import type { Upstreams } from '../../src/plugins/app/upstream';
import { viewForRole } from '../../src/subjects/pii';
import { SubjectService } from '../../src/subjects/subject-service';
import { rememberBody, unchangedEnvelope } from '../../src/upstream/unchanged-bodies';
import { amlHit, capaReviewNeeded } from '../normalise/fixtures/capa';

const userId = 'unchanged-reads-user';

/**
 * Capa's Get KYC Details as the client gives it: the body the provider is answering now, parsed, and the very
 * object of the last read when the bytes are the same (the client's rule, through the same module).
 */
function capaAnswering(initial: unknown) {
  let answer = initial;
  let reads = 0;
  let parses = 0;
  const getKycDetails = async (_id: string, options: { previous?: unknown } = {}) => {
    reads += 1;
    const text = JSON.stringify({ status: 'ok', data: answer });
    const reused = unchangedEnvelope(options.previous, text);
    if (reused !== undefined) return (reused as { data: unknown }).data;
    parses += 1;
    const envelope = JSON.parse(text) as { data: unknown };
    rememberBody(text, envelope, envelope.data);
    return envelope.data;
  };
  const upstreams = { capa: { getKycDetails }, connectfi: {} } as unknown as Pick<
    Upstreams,
    'capa' | 'connectfi'
  >;
  return {
    upstreams,
    answer: (body: unknown) => {
      answer = body;
    },
    counts: () => ({ reads, parses }),
  };
}

/** The full path: normalise the answer and serialise what the role may see. */
const fresh = (body: unknown, role: Role, now: Date) =>
  JSON.stringify(viewForRole(normaliseCapaKyc(structuredClone(body), { userId, now }), role));

const render = (service: SubjectService, role: Role) => async () => {
  const snapshot = await service.read('capa', userId);
  return service.rendered(snapshot, role, (view) => JSON.stringify(viewForRole(view, role)));
};

// Variants of Capa's answer: a few, so that the same bytes come back often, as they do.
const variants: unknown[] = [
  capaReviewNeeded,
  { ...capaReviewNeeded, amlInfo: { numHits: '0', entityHits: [] } },
  { ...capaReviewNeeded, amlInfo: { numHits: '3', entityHits: [amlHit(0), amlHit(1), amlHit(2)] } },
  { ...capaReviewNeeded, idInfo: { ...capaReviewNeeded.idInfo, expiryDate: '2026-01-16' } },
  {},
];

describe('a read whose provider answers the same bytes', () => {
  it('is the view the full path makes, for every role, whatever the sequence of answers and days', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            variant: fc.nat({ max: variants.length - 1 }),
            role: fc.constantFrom(...roles),
            // A later day: document expiry is judged by the day.
            days: fc.constantFrom(0, 0, 0, 1),
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
            const body = variants[step.variant];
            capa.answer(body);
            expect(await render(service, step.role)()).toBe(fresh(body, step.role, now));
          }
          // Every view read the provider.
          expect(capa.counts().reads).toBe(steps.length);
        },
      ),
      { numRuns: 150 },
    );
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
      service.rendered(snapshot, 'analyst', (view) => {
        renders += 1;
        return JSON.stringify(viewForRole(view, 'analyst'));
      });
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
