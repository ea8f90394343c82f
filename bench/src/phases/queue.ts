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

/**
 * c. The queue at 100,000 cases: each view through the BFF, and beside it the SQL the store ran for it
 * (captured from the BFF's executor) replayed in the BFF's process without HTTP: the floor. The two are
 * sampled in turn.
 */
export async function queueRows(
  bff: Child<BffReady>,
  cookie: string,
  label: string,
  samples: number,
): Promise<Row[]> {
  const target: Target = { name: 'bff', url: `${bff.ready.url}/api/cases`, headers: { cookie } };
  const client = timedClient(target);
  const pathOf = (query: string) => (query ? `/api/cases?${query}` : '/api/cases');
  const budget = label === 'PostgreSQL' ? 25 : 60;
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
