import autocannon from 'autocannon';
import type { Child } from '../lib/child';
import type { Target } from '../lib/load';
import { mb, type Row, verdict } from '../lib/table';

const warmUpViews = 2_000;

/**
 * f. The BFF's resident set (VmRSS of its process) after a warm-up of case views, and after `requests` more case-view
 * requests at 16 connections. Growth beyond the warm-up points at something kept per request. The embedded
 * database is on disk, as `pnpm start` keeps it: each view stores an audit row, which in an in-memory database
 * would be counted here although the BFF keeps nothing per request.
 */
export async function memoryRows(bff: Child<unknown>, target: Target, requests: number): Promise<Row[]> {
  // Right after start-up the resident set still holds what start-up itself allocated (migrations, the embedded
  // database's first pages): it swung between 600 and 1,000 MB from run to run. After a warm-up of views it
  // mostly holds what serving needs, so growth from there is what requests keep.
  await autocannon({ url: target.url, headers: target.headers, connections: 16, amount: warmUpViews });
  const before = bff.rss();
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections: 16,
    amount: requests,
  });
  const after = bff.rss();
  const growth = after / before - 1;
  const failed = result.errors + result.timeouts + result.non2xx;
  return [
    {
      section: 'f. memory',
      metric: `BFF RSS after ${warmUpViews.toLocaleString('en')} warm-up views → after ${requests.toLocaleString('en')} more`,
      value: `${mb(before)} → ${mb(after)} (+${(growth * 100).toFixed(1)}%)`,
      reference: `${result['2xx']} answered 2xx${failed ? `, ${failed} failed` : ''} in ${result.duration.toFixed(0)} s`,
      target: 'growth ≤ 20%',
      verdict: verdict(growth <= 0.2),
      data: { before, after, growth },
    },
  ];
}
