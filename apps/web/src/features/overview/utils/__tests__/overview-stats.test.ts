import { describe, expect, it } from 'vitest';
import { caseSummary } from '@/testing/fixtures/cases';
import { decisionsPerDay, medianTimeToDecision } from '../overview-stats';

const resolved = (
  createdAt: string,
  resolvedAt: string,
  resolution: 'approved' | 'rejected' | 'resolved_upstream',
) => caseSummary({ state: 'resolved', createdAt, resolvedAt, resolution });

describe('overview figures', () => {
  const cases = [
    resolved('2026-11-01T08:00:00.000Z', '2026-11-01T10:00:00.000Z', 'approved'),
    resolved('2026-11-01T08:00:00.000Z', '2026-11-01T12:00:00.000Z', 'rejected'),
    resolved('2026-10-31T08:00:00.000Z', '2026-11-02T08:00:00.000Z', 'approved'),
    resolved('2026-10-30T08:00:00.000Z', '2026-11-02T09:00:00.000Z', 'resolved_upstream'),
  ];

  it('counts decisions per day, leaving out cases the provider closed', () => {
    const days = decisionsPerDay(cases, Date.parse('2026-11-02T18:00:00.000Z'), 3);
    expect(days).toEqual([
      { day: '2026-10-31', approved: 0, rejected: 0 },
      { day: '2026-11-01', approved: 1, rejected: 1 },
      { day: '2026-11-02', approved: 1, rejected: 0 },
    ]);
  });

  it('gives the median time from opening to decision', () => {
    expect(medianTimeToDecision(cases)).toBe(4 * 60 * 60 * 1000);
    expect(medianTimeToDecision([])).toBeNull();
  });
});
