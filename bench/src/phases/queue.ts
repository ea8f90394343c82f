import type { SeedSubjects, SeedTimings } from '../children/seed';
import type { Child } from '../lib/child';
import { type Target, timedClient } from '../lib/load';
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
 * `100000,1000000`. A single size above 100,000 is measured at 100,000 first, so that one run says how each
 * view scales. PGlite (the embedded database, for one desk's data) is measured at the first size only.
 */
export function queueSizes(setting: string | undefined, engine: 'PGlite' | 'PostgreSQL'): number[] {
  const listed = (setting || '100000').split(',').map((size) => Number(size.trim()));
  const sizes = listed.length === 1 && (listed[0] ?? 0) > 100_000 ? [100_000, ...listed] : listed;
  return engine === 'PGlite' ? sizes.slice(0, 1) : sizes;
}

/**
 * c. The queue at each size: seeded (topped up) to the size, then each view measured. A seeding row says how
 * long the load took, and with more than one size a scaling row per view compares its p95 at the largest size
 * with the first.
 */
export async function queueAtSizes(
  bff: Child<BffReady>,
  cookie: string,
  engine: 'PGlite' | 'PostgreSQL',
  sizes: number[],
  samples: number,
  subjects: SeedSubjects,
  progress: (text: string) => void,
  measure: boolean,
): Promise<Row[]> {
  const rows: Row[] = [];
  const byView = new Map<string, number[]>();
  for (const size of sizes) {
    const count = size.toLocaleString('en');
    progress(`c: seeding ${count} cases on ${engine}`);
    const seeded = await bff.request<SeedTimings>('seed', { count: size, subjects });
    progress(`c: seeded in ${seconds(seeded.total)}`);
    const label = sizes.length > 1 ? `${engine}, ${count} cases` : engine;
    rows.push({
      section: `c. queue (${label})`,
      metric: `seeding ${seeded.from.toLocaleString('en')} → ${count} cases`,
      value: seconds(seeded.total),
      reference: `cases ${seconds(seeded.cases)}, search terms ${seconds(seeded.terms)}, indexes ${seconds(seeded.indexes)}, analyze and vacuum ${seconds(seeded.analyze)}`,
      target: size >= 1_000_000 ? '≤ 15 min' : '',
      verdict: size >= 1_000_000 ? verdict(seeded.total <= 15 * 60_000) : '',
      data: { ...seeded },
    });
    if (!measure) continue;
    const measured = await queueRows(bff, cookie, label, engine === 'PostgreSQL' ? 25 : 60, samples);
    rows.push(...measured);
    for (const row of measured) {
      const http = row.data?.http as number[];
      byView.set(row.metric, [...(byView.get(row.metric) ?? []), quantile(http, 0.95)]);
    }
  }
  if (sizes.length < 2) return rows;
  const [first, last] = [sizes[0] ?? 0, sizes.at(-1) ?? 0].map((size) => size.toLocaleString('en'));
  for (const [metric, p95s] of byView) {
    const grew = (p95s.at(-1) ?? Number.NaN) / (p95s[0] ?? Number.NaN);
    rows.push({
      section: `c. queue scaling (${engine})`,
      metric: `${metric.replace(' p50 / p95', '')}: p95 at ${last} / at ${first}`,
      value: ratio(grew),
      reference: p95s.map(ms).join(' → '),
      target: '≤ 1.5×',
      verdict: verdict(grew <= 1.5),
    });
  }
  return rows;
}

/**
 * c. The queue at one size: each view through the BFF, and beside it the SQL the store ran for it
 * (captured from the BFF's executor) replayed in the BFF's process without HTTP: the floor. The two are
 * sampled in turn.
 */
export async function queueRows(
  bff: Child<BffReady>,
  cookie: string,
  label: string,
  budget: number,
  samples: number,
): Promise<Row[]> {
  const target: Target = { name: 'bff', url: `${bff.ready.url}/api/cases`, headers: { cookie } };
  const client = timedClient(target);
  const pathOf = (query: string) => (query ? `/api/cases?${query}` : '/api/cases');
  const rows: Row[] = [];
  try {
    let cursorPath = pathOf('');
    for (let page = 0; page < deepPages; page++) {
      const { nextCursor } = await client.json<{ nextCursor: string | null }>(cursorPath);
      if (!nextCursor) break;
      cursorPath = pathOf(`cursor=${encodeURIComponent(nextCursor)}`);
    }
    const all = [
      ...views.map(({ name, query }) => ({ name, path: pathOf(query) })),
      { name: `cursor page ${deepPages}`, path: cursorPath },
    ];

    for (const view of all) {
      for (let warm = 0; warm < 3; warm++) await client.once(view.path);
      await bff.request('capture', { on: true });
      await client.once(view.path);
      const queries = (await bff.request<CapturedQuery[]>('capture', { on: false })).filter((query) =>
        /"cases"/.test(query.sql),
      );
      const http: number[] = [];
      const direct: number[] = [];
      for (let sample = 0; sample < samples; sample++) {
        http.push(await client.once(view.path));
        direct.push(await bff.request<number>('sql', { queries }));
      }
      const p95 = quantile(http, 0.95);
      const floor = quantile(direct, 0.95);
      rows.push({
        section: `c. queue (${label})`,
        metric: `${view.name} p50 / p95`,
        value: `${ms(quantile(http, 0.5))} / ${ms(p95)}`,
        reference: `SQL ${ms(quantile(direct, 0.5))} / ${ms(floor)} (${queries.length} statements, ${ratio(p95 / floor)})`,
        target: `p95 ≤ ${budget} ms, ≤ 2× SQL`,
        verdict: verdict(p95 <= budget && p95 <= 2 * floor),
        data: { http, direct, sql: queries.map((query) => query.sql) },
      });
    }
  } finally {
    await client.close();
  }
  return rows;
}
