import type { CaseSummary } from '@review-desk/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type DayCount = { day: string; approved: number; rejected: number };

const dayKey = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Cases decided in the desk (not closed by the provider) per calendar day (UTC), oldest first, for `days` days up to `now`. */
export function decisionsPerDay(resolved: CaseSummary[], now: number, days: number): DayCount[] {
  const buckets = new Map<string, DayCount>();
  for (let offset = days - 1; offset >= 0; offset -= 1) {
    const day = dayKey(now - offset * DAY_MS);
    buckets.set(day, { day, approved: 0, rejected: 0 });
  }
  for (const item of resolved) {
    if (item.resolvedAt === null || (item.resolution !== 'approved' && item.resolution !== 'rejected'))
      continue;
    const bucket = buckets.get(dayKey(Date.parse(item.resolvedAt)));
    if (bucket) bucket[item.resolution] += 1;
  }
  return [...buckets.values()];
}

/** Median time from opening to decision, in milliseconds; null with no decided case. */
export function medianTimeToDecision(resolved: CaseSummary[]): number | null {
  const durations = resolved
    .filter(
      (item) =>
        item.resolvedAt !== null && (item.resolution === 'approved' || item.resolution === 'rejected'),
    )
    .map((item) => Date.parse(item.resolvedAt ?? '') - Date.parse(item.createdAt))
    .filter((duration) => Number.isFinite(duration) && duration >= 0)
    .sort((a, b) => a - b);
  if (durations.length === 0) return null;
  const middle = Math.floor(durations.length / 2);
  return durations.length % 2 === 1
    ? (durations[middle] ?? 0)
    : ((durations[middle - 1] ?? 0) + (durations[middle] ?? 0)) / 2;
}
