import autocannon from 'autocannon';
import { Client } from 'undici';
import { msSince, quantile } from './stats';

/** One HTTP target: where, and the headers that authenticate it. */
export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  p50: number;
  p99: number;
  /** Successful responses per second. */
  rps: number;
  failures: number;
}

/** autocannon at `connections` for `seconds`: latency percentiles (ms) and throughput. */
export async function cannon(target: Target, connections: number, seconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections,
    duration: seconds,
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result['2xx'] / result.duration,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Combines runs of the same target (halves of an interleaved run): mean percentiles, pooled throughput. */
export function combine(results: readonly LoadResult[]): LoadResult {
  const mean = (pick: (result: LoadResult) => number) =>
    results.reduce((sum, result) => sum + pick(result), 0) / results.length;
  return {
    p50: mean((result) => result.p50),
    p99: mean((result) => result.p99),
    rps: mean((result) => result.rps),
    failures: results.reduce((sum, result) => sum + result.failures, 0),
  };
}

/** A keep-alive connection to one target that times single requests with the monotonic clock. */
export function timedClient(target: Target) {
  const url = new URL(target.url);
  const client = new Client(url.origin, { pipelining: 1 });
  const requestPath = `${url.pathname}${url.search}`;
  return {
    /** Milliseconds for one full request and response body; throws on a non-2xx answer. */
    async once(pathAndQuery = requestPath): Promise<number> {
      const start = process.hrtime.bigint();
      const response = await client.request({ method: 'GET', path: pathAndQuery, headers: target.headers });
      const body = await response.body.text();
      const elapsed = msSince(start);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw new Error(`${target.name}: ${response.statusCode} ${body.slice(0, 200)}`);
      }
      return elapsed;
    },
    async json<T>(pathAndQuery: string): Promise<T> {
      const response = await client.request({ method: 'GET', path: pathAndQuery, headers: target.headers });
      const body = await response.body.text();
      if (response.statusCode !== 200)
        throw new Error(`${target.name}: ${response.statusCode} ${body.slice(0, 200)}`);
      return JSON.parse(body) as T;
    },
    close: () => client.close(),
  };
}

/**
 * One connection per target, requests taken in turn (A, B, C, A, B, C, ...) for `seconds`, so that noise from
 * the shared machine lands on every target alike. Sub-millisecond latencies, and throughput as requests per
 * second of that target's own busy time.
 */
export async function interleavedSingleConnection(
  targets: readonly Target[],
  seconds: number,
): Promise<Map<string, LoadResult>> {
  const clients = targets.map((target) => ({ target, client: timedClient(target), samples: [] as number[] }));
  try {
    for (const { client } of clients) for (let warm = 0; warm < 20; warm++) await client.once();
    const start = process.hrtime.bigint();
    while (msSince(start) < seconds * 1000) {
      for (const entry of clients) entry.samples.push(await entry.client.once());
    }
  } finally {
    await Promise.all(clients.map(({ client }) => client.close()));
  }
  return new Map(
    clients.map(({ target, samples }) => [
      target.name,
      {
        p50: quantile(samples, 0.5),
        p99: quantile(samples, 0.99),
        rps: samples.length / (samples.reduce((sum, sample) => sum + sample, 0) / 1000),
        failures: 0,
      },
    ]),
  );
}
