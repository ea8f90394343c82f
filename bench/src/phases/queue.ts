import type { SeedSubjects, SeedTimings } from '../children/seed';
import type { Child } from '../lib/child';
import { timedClient } from '../lib/load';
import { quantile } from '../lib/stats';
import { ms, type Row, ratio, verdict } from '../lib/table';

export interface BffReady {
  url: string;
  engine: 'postgres' | 'pglite';
}

interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

const views: { name: string; query: string }[] = [
  { name: 'default view', query: '' },
  { name: 'provider=capa&state=open', query: 'provider=capa&state=open' },
  { name: 'assignee=unassigned&scoreMin=50', query: 'assignee=unassigned&scoreMin=50' },
  {
    name: 'upstreamStatus=waiting_review&provider=connectfi',
    query: 'upstreamStatus=waiting_review&provider=connectfi',
  },
  { name: 'text search q=mar', query: 'q=mar' },
];

const deepPages = 50;

const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

/**
 * The sizes a run measures the queue at: `BENCH_QUEUE_CASES` (default 100,000), or a list such as
 * `100000,1000000`. A single size above 100,000 is measured beside 100,000, so that one run says how each view
 * scales. PGlite (the embedded database, for one desk's data) is measured at the first size only.
 */
export function queueSizes(setting: string | undefined, engine: 'PGlite' | 'PostgreSQL'): number[] {
  const listed = (setting || '100000').split(',').map((size) => Number(size.trim()));
  const sizes = listed.length === 1 && (listed[0] ?? 0) > 100_000 ? [100_000, ...listed] : listed;
  return engine === 'PGlite' ? sizes.slice(0, 1) : sizes;
}

/** A BFF whose queue holds `size` cases, signed in. */
export interface QueueTarget {
  size: number;
  bff: Child<BffReady>;
  cookie: string;
}

/** Seeds a target's queue to its size; the row says how long the load took and where the time went. */
export async function seedRow(
  target: QueueTarget,
  engine: 'PGlite' | 'PostgreSQL',
  subjects: SeedSubjects,
  progress: (text: string) => void,
): Promise<Row> {
  const count = target.size.toLocaleString('en');
  progress(`c: seeding ${count} cases on ${engine}`);
  const seeded = await target.bff.request<SeedTimings>('seed', { count: target.size, subjects });
  progress(`c: seeded in ${seconds(seeded.total)}`);
  const large = target.size >= 1_000_000;
  return {
    section: `c. queue (${engine})`,
    metric: `seeding ${seeded.from.toLocaleString('en')} → ${count} cases`,
    value: seconds(seeded.total),
    reference: `cases ${seconds(seeded.cases)}, search terms ${seconds(seeded.terms)}, indexes ${seconds(seeded.indexes)}, statistics, vacuum and checkpoint ${seconds(seeded.analyze)}`,
    target: large ? '≤ 15 min' : '',
    verdict: large ? verdict(seeded.total <= 15 * 60_000) : '',
    data: { ...seeded },
  };
}

/**
 * c. The queue: each view through the BFF, and beside it the SQL the store ran for it (captured from the
 * BFF's executor) replayed in the BFF's process without HTTP: the floor. With several targets (100,000 and
 * 1,000,000 cases, each its own BFF and schema) the samples are interleaved, request by request, so that the
 * machine's load falls alike on every size; a scaling row per view then compares the largest with the first.
 */
export async function queueRows(
  targets: QueueTarget[],
  engine: 'PGlite' | 'PostgreSQL',
  samples: number,
): Promise<Row[]> {
  const budget = engine === 'PostgreSQL' ? 25 : 60;
  const several = targets.length > 1;
  const labelOf = (target: QueueTarget) =>
    several ? `${engine}, ${target.size.toLocaleString('en')} cases` : engine;
  const pathOf = (query: string) => (query ? `/api/cases?${query}` : '/api/cases');
  const prepared = await Promise.all(
    targets.map(async (target) => {
      const client = timedClient({
        name: 'bff',
        url: `${target.bff.ready.url}/api/cases`,
        headers: { cookie: target.cookie },
      });
      let cursorPath = pathOf('');
      for (let page = 0; page < deepPages; page++) {
        const { nextCursor } = await client.json<{ nextCursor: string | null }>(cursorPath);
        if (!nextCursor) break;
        cursorPath = pathOf(`cursor=${encodeURIComponent(nextCursor)}`);
      }
      const paths = [...views.map(({ query }) => pathOf(query)), cursorPath];
      return { target, client, paths, rows: [] as Row[], p95s: [] as number[] };
    }),
  );
  const names = [...views.map(({ name }) => name), `cursor page ${deepPages}`];
  try {
    for (const [index, name] of names.entries()) {
      const measuring = await Promise.all(
        prepared.map(async ({ target, client, paths }) => {
          const path = paths[index] as string;
          for (let warm = 0; warm < 3; warm++) await client.once(path);
          await target.bff.request('capture', { on: true });
          await client.once(path);
          const queries = (await target.bff.request<CapturedQuery[]>('capture', { on: false })).filter(
            // The queue's statements (the search's own read only the search terms and their counts), not the
            // session's, nor the occasional fold of the counts (housekeeping, an advisory lock).
            (query) =>
              /"cases"|case_search_terms|case_term_counts/.test(query.sql) &&
              !/pg_try_advisory/.test(query.sql),
          );
          return { path, queries, http: [] as number[], direct: [] as number[] };
        }),
      );
      for (let sample = 0; sample < samples; sample++) {
        for (const [at, { client, target }] of prepared.entries()) {
          const view = measuring[at];
          if (!view) continue;
          view.http.push(await client.once(view.path));
          view.direct.push(await target.bff.request<number>('sql', { queries: view.queries }));
        }
      }
      for (const [at, entry] of prepared.entries()) {
        const { http, direct, queries } = measuring[at] as (typeof measuring)[number];
        const p95 = quantile(http, 0.95);
        const floor = quantile(direct, 0.95);
        entry.p95s.push(p95);
        entry.rows.push({
          section: `c. queue (${labelOf(entry.target)})`,
          metric: `${name} p50 / p95`,
          value: `${ms(quantile(http, 0.5))} / ${ms(p95)}`,
          reference: `SQL ${ms(quantile(direct, 0.5))} / ${ms(floor)} (${queries.length} statements, ${ratio(p95 / floor)})`,
          target: `p95 ≤ ${budget} ms, ≤ 2× SQL`,
          verdict: verdict(p95 <= budget && p95 <= 2 * floor),
          data: { http, direct, sql: queries.map((query) => query.sql) },
        });
      }
    }
  } finally {
    await Promise.all(prepared.map(({ client }) => client.close()));
  }
  const rows = prepared.flatMap((entry) => entry.rows);
  const [first, last] = [prepared[0], prepared.at(-1)];
  if (!several || !first || !last) return rows;
  for (const [index, name] of names.entries()) {
    const [from, to] = [first.p95s[index] ?? Number.NaN, last.p95s[index] ?? Number.NaN];
    rows.push({
      section: `c. queue scaling (${engine})`,
      metric: `${name}: p95 at ${last.target.size.toLocaleString('en')} / at ${first.target.size.toLocaleString('en')} cases`,
      value: ratio(to / from),
      reference: `${ms(from)} → ${ms(to)}, interleaved`,
      target: '≤ 1.5×',
      verdict: verdict(to / from <= 1.5),
    });
  }
  return rows;
}
