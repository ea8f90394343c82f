import { defaultFourEyesPolicy, fourEyesReasons } from '@review-desk/contracts';
import { describe, expect, it } from 'vitest';
import { computeTriage } from '../../src/cases/triage';
import { capaView, connectfiView } from './fixtures';

describe('triage score', () => {
  it('is zero, with no factors, for a clean verification', () => {
    expect(computeTriage(capaView({ userId: 'clean' }))).toEqual({ score: 0, factors: [] });
  });

  it('adds explained points for each risk signal', () => {
    const view = capaView({
      userId: 'risky',
      faceMatchScore: 0.55,
      hits: [
        { id: 'a', name: 'Listed One', dateOfBirth: '1980-01-01', nameMatchScore: 0.97 },
        { id: 'b', name: 'Listed Two', dateOfBirth: '1981-01-01', nameMatchScore: 0.8 },
      ],
    });
    const triage = computeTriage(view);
    expect(triage.factors).toEqual([
      { code: 'face_match_low', label: 'Face match 0.55 (below 0.60)', points: 25 },
      { code: 'aml_hits', label: '2 AML hits', points: 15 },
      { code: 'aml_name_match_strong', label: 'AML name match 0.97', points: 15 },
      { code: 'aml_birth_date_partial', label: 'AML date of birth partly matches', points: 4 },
    ]);
    expect(triage.score).toBe(59);
    // Deterministic: the same view scores the same.
    expect(computeTriage(view)).toEqual(triage);
  });

  it('counts pending entities of a connectFi journey, and caps the score at 100', () => {
    expect(
      computeTriage(connectfiView({ customerId: 'cstab_x', representatives: ['r1', 'r2', 'r3', 'r4'] })),
    ).toEqual({
      score: 15,
      factors: [{ code: 'entities_pending', label: '4 entities pending', points: 15 }],
    });
    const hits = Array.from({ length: 6 }, (_, index) => ({
      id: `h${index}`,
      name: 'Same Name',
      dateOfBirth: '1970-01-01',
      nameMatchScore: 0.99,
    }));
    const view = capaView({ userId: 'worst', faceMatchScore: 0.1, hits });
    const worse = {
      ...view,
      liveness: {
        ...view.liveness,
        provided: true as const,
        result: { value: 'FAILED', known: true, normalised: 'failed' },
      },
    } as typeof view;
    const triage = computeTriage(worse);
    expect(triage.factors.reduce((sum, factor) => sum + factor.points, 0)).toBeGreaterThan(60);
    expect(triage.score).toBeLessThanOrEqual(100);
  });
});

describe('four-eyes rule', () => {
  const facts = { triageScore: 10, dispositions: [] };
  it('needs a second reviewer for any rejection, any true match and a score above the threshold', () => {
    expect(fourEyesReasons(defaultFourEyesPolicy, { ...facts, outcome: 'approve' })).toEqual([]);
    expect(fourEyesReasons(defaultFourEyesPolicy, { ...facts, outcome: 'reject' })).toEqual(['rejection']);
    expect(
      fourEyesReasons(defaultFourEyesPolicy, {
        outcome: 'approve',
        triageScore: 71,
        dispositions: [{ disposition: 'true_match' }],
      }),
    ).toEqual(['aml_true_match', 'triage_score']);
    expect(fourEyesReasons(defaultFourEyesPolicy, { ...facts, outcome: 'approve', triageScore: 70 })).toEqual(
      [],
    );
  });

  it('follows its configuration, and never applies to escalations or requests', () => {
    const lenient = { onReject: false, onAmlTrueMatch: false, scoreAbove: null };
    expect(
      fourEyesReasons(lenient, {
        outcome: 'reject',
        triageScore: 100,
        dispositions: [{ disposition: 'true_match' }],
      }),
    ).toEqual([]);
    expect(
      fourEyesReasons(defaultFourEyesPolicy, { ...facts, outcome: 'escalate', triageScore: 99 }),
    ).toEqual([]);
    expect(fourEyesReasons(defaultFourEyesPolicy, { ...facts, outcome: 'request_information' })).toEqual([]);
  });
});
