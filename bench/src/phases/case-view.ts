import { cannon, combine, interleavedSingleConnection, type LoadResult, type Target } from '../lib/load';
import { ms, perSecond, type Row, ratio, verdict } from '../lib/table';

export interface CaseViewTargets {
  direct: Target;
  passthrough: Target;
  bff: Target;
}

const connectionCounts = [1, 16, 64];

/**
 * a and b. The case view through the BFF, the same upstream request made directly, and a bare reply-from
 * passthrough of it. At one connection the three take turns request by request (sub-millisecond timing of
 * our own); at 16 and 64 autocannon runs each target twice for half the time, in the order D P B then B P D.
 */
export async function caseViewRows(targets: CaseViewTargets, seconds: number): Promise<Row[]> {
  const all = [targets.direct, targets.passthrough, targets.bff];
  const results = new Map<number, Record<'direct' | 'passthrough' | 'bff', LoadResult>>();
  for (const connections of connectionCounts) {
    if (connections === 1) {
      const single = await interleavedSingleConnection(all, seconds * all.length);
      results.set(1, {
        direct: single.get('direct') as LoadResult,
        passthrough: single.get('passthrough') as LoadResult,
        bff: single.get('bff') as LoadResult,
      });
      continue;
    }
    const half = Math.max(1, seconds / 2);
    const runs = new Map<string, LoadResult[]>(all.map((target) => [target.name, []]));
    for (const order of [all, [...all].reverse()]) {
      for (const target of order) runs.get(target.name)?.push(await cannon(target, connections, half));
    }
    const of = (target: Target) => combine(runs.get(target.name) ?? []);
    results.set(connections, {
      direct: of(targets.direct),
      passthrough: of(targets.passthrough),
      bff: of(targets.bff),
    });
  }

  const rows: Row[] = [];
  for (const [connections, { direct, passthrough, bff }] of results) {
    const failures = direct.failures + passthrough.failures + bff.failures;
    const data = { connections, direct, passthrough, bff };
    rows.push(
      {
        section: 'a. case view',
        metric: `p50 / p99 @${connections} conn`,
        value: `${ms(bff.p50)} / ${ms(bff.p99)}`,
        reference: `direct ${ms(direct.p50)} / ${ms(direct.p99)}; passthrough ${ms(passthrough.p50)} / ${ms(passthrough.p99)}`,
        target: '',
        verdict: '',
        data,
      },
      {
        section: 'a. case view',
        metric: `added latency p50 @${connections} conn (BFF − direct)`,
        value: ms(bff.p50 - direct.p50),
        reference: `passthrough − direct ${ms(passthrough.p50 - direct.p50)}`,
        target: '',
        verdict: '',
      },
      {
        section: 'a. case view',
        metric: `throughput @${connections} conn`,
        value: `${perSecond(bff.rps)} (${ratio(bff.rps / direct.rps)} direct)`,
        reference: `direct ${perSecond(direct.rps)}; passthrough ${perSecond(passthrough.rps)}${failures ? `; ${failures} failed` : ''}`,
        target: '',
        verdict: '',
      },
    );
  }

  const one = results.get(1);
  const sixteen = results.get(16);
  if (one) {
    const added = (one.bff.p50 - one.direct.p50) / (one.passthrough.p50 - one.direct.p50);
    rows.push({
      section: 'b. proxy baseline',
      metric: 'added latency p50 @1 conn, BFF / passthrough',
      value: ratio(added),
      reference: `BFF +${ms(one.bff.p50 - one.direct.p50)}, passthrough +${ms(one.passthrough.p50 - one.direct.p50)}`,
      target: '≤ 1.2×',
      verdict: verdict(added <= 1.2),
    });
  }
  if (sixteen) {
    const throughput = sixteen.bff.rps / sixteen.passthrough.rps;
    rows.push({
      section: 'b. proxy baseline',
      metric: 'throughput @16 conn, BFF / passthrough',
      value: ratio(throughput),
      reference: `BFF ${perSecond(sixteen.bff.rps)}, passthrough ${perSecond(sixteen.passthrough.rps)}`,
      target: '≥ 0.9×',
      verdict: verdict(throughput >= 0.9),
    });
  }
  return rows;
}
