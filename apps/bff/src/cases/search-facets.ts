import { sql } from 'kysely';
import type { StoreCore } from './core';
import { condition, type QueueFilter } from './filters';

/**
 * A one-word search's facets from the counts per term (migration 0022) rather than from every match: the
 * rows of its terms summed, less the cases counted more than once.
 *
 * Only a case holding two or more of the matching terms is counted more than once (its entries all carry the
 * same copies of the case's columns, so each lands on the same facet key). Every such case holds a term other
 * than the largest, so the entries of the other terms, few beside it, are all it takes to find them: each is
 * looked up by its case, and counted as many times less one as it holds matching terms.
 */

/** Matching cases per facet key, as facets.ts rolls them up. */
export interface TermCountRow {
  provider: string;
  state: string;
  upstream_status: string;
  assignee_id: string | null;
  cases: number;
}

const keyOf = (row: Omit<TermCountRow, 'cases'>) =>
  JSON.stringify([row.provider, row.state, row.upstream_status, row.assignee_id]);

export async function termCounts(
  core: StoreCore,
  filter: QueueFilter,
  terms: readonly string[],
): Promise<TermCountRow[]> {
  if (terms.length === 0) return [];
  const counted = await core.db
    .selectFrom('case_term_counts')
    .where('term', 'in', terms)
    .where((eb) => eb.and(filter.counted.map((each) => condition(eb, 'case_term_counts', each))))
    .select(['term', 'provider', 'state', 'upstream_status', 'assignee_id'])
    .select((eb) => eb.fn.sum<number | string>('cases').as('cases'))
    .groupBy(['term', 'provider', 'state', 'upstream_status', 'assignee_id'])
    .execute();

  const keys = new Map<string, TermCountRow>();
  const add = (row: Omit<TermCountRow, 'cases'>, cases: number) => {
    const key = keyOf(row);
    const known = keys.get(key);
    if (known) known.cases += cases;
    else
      keys.set(key, {
        provider: row.provider,
        state: row.state,
        upstream_status: row.upstream_status,
        assignee_id: row.assignee_id,
        cases,
      });
  };
  const perTerm = new Map<string, number>();
  for (const row of counted) {
    add(row, Number(row.cases));
    perTerm.set(row.term, (perTerm.get(row.term) ?? 0) + Number(row.cases));
  }

  const found = [...perTerm].filter(([, cases]) => cases > 0);
  if (found.length > 1) {
    const [largest] = found.reduce((most, each) => (each[1] > most[1] ? each : most));
    const others = found.map(([term]) => term).filter((term) => term !== largest);
    const held = core.db
      .selectFrom('case_search_terms')
      .where('case_search_terms.term', 'in', others)
      .where((eb) => filter.where(eb, 'case_search_terms'))
      .select([
        'case_search_terms.case_id',
        'case_search_terms.provider',
        'case_search_terms.state',
        'case_search_terms.upstream_status',
        'case_search_terms.assignee_id',
      ])
      .distinct()
      .as('held');
    const twice = await core.db
      .selectFrom(held)
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('case_search_terms as all_terms')
            .whereRef('all_terms.case_id', '=', 'held.case_id')
            .where('all_terms.term', 'in', terms)
            .select(sql<number | string>`count(*)`.as('terms'))
            .as('matched'),
        (join) => join.onTrue(),
      )
      .where('matched.terms', '>', 1)
      .select(['held.provider', 'held.state', 'held.upstream_status', 'held.assignee_id', 'matched.terms'])
      .execute();
    for (const row of twice) add(row, 1 - Number(row.terms));
  }
  return [...keys.values()].filter((row) => row.cases !== 0);
}
