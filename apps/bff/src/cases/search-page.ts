import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { AnyBuilder } from './filters';
import type { QueryTerm } from './linking';
import type { StoreDB } from './schema';

/**
 * A text search's page read term by term (migration 0022). A word matches a few distinct terms (`mar`:
 * `marta`, `marsh`, `marquez`), each with thousands of entries in a large queue. Rather than sort every entry
 * of every term for one page, the search lists the distinct terms, reads the first page's worth of each in the
 * order of `case_search_terms_ranked` (score desc, oldest, id), and merges them: a few entries per term at
 * any size.
 */

/** Beyond this many distinct terms (a one- or two-letter word), reading each in turn costs more than it saves. */
export const maxTerms = 64;

/**
 * The distinct terms that start with the word, and the whole identifier it may be; null when there are more
 * than `maxTerms`. Each step of the walk is one probe of the term index (a skip scan), so it reads as many
 * index entries as there are distinct terms, not as there are matches.
 */
export async function matchingTerms(db: Kysely<StoreDB>, word: QueryTerm): Promise<string[] | null> {
  const { rows } = await sql<{ term: string }>`
    with recursive found(term) as (
      (select term from case_search_terms where term like ${word.prefix} order by term limit 1)
      union all
      select next.term from found cross join lateral (
        select term from case_search_terms where term > found.term and term like ${word.prefix}
        order by term limit 1
      ) as next
    )
    select term from found limit ${maxTerms + 1}`.execute(db);
  if (rows.length > maxTerms) return null;
  const terms = rows.map((row) => row.term);
  if (word.whole !== null && !terms.includes(word.whole)) terms.push(word.whole);
  return terms;
}

type Direction = 'asc' | 'desc';

/**
 * The orders the ranked index serves, read forwards or backwards: score, then creation the other way, then
 * id the same way as creation. Other orders (age, last update) read the matches as before.
 */
export function rankedOrder(columns: readonly (readonly [string, Direction])[]): boolean {
  const [score, created, id] = columns;
  return (
    columns.length === 3 &&
    score?.[0] === 'triage_score' &&
    created?.[0] === 'created_at' &&
    id?.[0] === 'id' &&
    created[1] !== score[1] &&
    id[1] === created[1]
  );
}

const rankedColumn = (name: string) => (name === 'id' ? 'case_id' : name);

/**
 * The ids of the page's cases: the first `count` entries of each term that pass `where` (written on
 * `case_search_terms`), in `columns` order, merged; a case found by two of its terms is one candidate.
 */
export function rankedCandidates(
  db: Kysely<StoreDB>,
  terms: readonly string[],
  where: (eb: AnyBuilder) => Expression<SqlBool>,
  columns: readonly (readonly [string, Direction])[],
  count: number,
) {
  const listed = sql<{ column1: string }>`(values ${sql.join(terms.map((term) => sql`(${term})`))})`.as(
    'listed',
  );
  let merged = db
    .selectFrom(listed)
    .innerJoinLateral(
      () => {
        let each = db
          .selectFrom('case_search_terms')
          .select([
            'case_search_terms.case_id',
            'case_search_terms.triage_score',
            'case_search_terms.created_at',
          ])
          .where(sql.ref('case_search_terms.term'), '=', sql.ref('listed.column1'))
          .where(where);
        for (const [name, direction] of columns)
          each = each.orderBy(sql.ref(`case_search_terms.${rankedColumn(name)}`), direction);
        return each.limit(count).as('ranked');
      },
      (join) => join.onTrue(),
    )
    .select('ranked.case_id')
    .groupBy(['ranked.triage_score', 'ranked.created_at', 'ranked.case_id']);
  for (const [name, direction] of columns)
    merged = merged.orderBy(sql.ref(`ranked.${rankedColumn(name)}`), direction);
  return merged.limit(count);
}
