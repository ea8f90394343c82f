import type { CaseListQuery } from '@review-desk/contracts';
import {
  type AliasedSelectQueryBuilder,
  type ComparisonOperatorExpression,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import { ApiError } from '../errors';
import { type Actor, isUuid } from './core';
import { type QueryTerm, queryTerms } from './linking';
import type { CaseSearchTermsTable, StoreDB } from './schema';

/**
 * The queue's filters, answered by whichever table holds what they ask about:
 *
 * - `cases`, the record itself;
 * - `case_search_terms`, whose rows carry copies of the columns the queue filters and orders by
 *   (`case_id` for `id`): a text search reads its matches there rather than looking up each case;
 * - `case_counts`, counts by provider, state, upstream status, assignee and score: the facets of a query
 *   that filters on those alone (facets.ts);
 * - `case_term_counts`, counts by search term, provider, state, upstream status and assignee: the facets of a
 *   one-word search without other filters but on those (search-facets.ts).
 */
export type Source = 'cases' | 'case_search_terms' | 'case_counts' | 'case_term_counts';

export type Column =
  | 'id'
  | 'provider'
  | 'state'
  | 'upstream_status'
  | 'assignee_id'
  | 'triage_score'
  | 'created_at'
  | 'updated_at'
  | 'sla_due_at';

/**
 * A condition on one column, or any of several groups of them, kept as data so that each source can
 * answer it.
 */
export type Condition =
  | readonly [column: Column, operator: ComparisonOperatorExpression, value: unknown]
  | { readonly anyOf: readonly (readonly Condition[])[] };

// Conditions are written once for the three tables, so the builder is not tied to one of them.
// biome-ignore lint/suspicious/noExplicitAny: see above.
export type AnyBuilder = ExpressionBuilder<any, any>;

export const column = (source: Source, name: Column) =>
  sql.ref(`${source}.${source === 'case_search_terms' && name === 'id' ? 'case_id' : name}`);

export const condition = (eb: AnyBuilder, source: Source, each: Condition): Expression<SqlBool> => {
  if ('anyOf' in each)
    return eb.or(each.anyOf.map((group) => eb.and(group.map((inner) => condition(eb, source, inner)))));
  const [name, operator, value] = each;
  return eb(column(source, name), operator, value);
};

/** The scope `work`: waiting to be worked, or in review by the caller. Every column is one case_counts has. */
const work = (actor: Actor): Condition => ({
  anyOf: [
    [['state', 'in', ['open', 'reopened']]],
    [
      ['state', '=', 'in_review'],
      ['assignee_id', '=', actor.id],
    ],
  ],
});

export interface QueueFilter {
  /** Conditions on the columns `case_counts` has. */
  counted: readonly Condition[];
  /** Some filters (text, dates) are on columns `case_counts` lacks. */
  uncounted: boolean;
  /** A text search: its matches are read from `case_search_terms`. */
  searched: boolean;
  /** The first word of a text search, whose terms a search reads its matches from. */
  firstWord: QueryTerm | null;
  /**
   * A one-word search whose other filters are all on columns `case_term_counts` has (not the score, dates or
   * disagreement): its facets can be summed from the counts per term.
   */
  termCounted: boolean;
  /**
   * A text search's candidate rows: the search terms that match its first word, to select from as
   * `case_search_terms` with `where(eb, 'case_search_terms')`.
   */
  searchRows(): AliasedSelectQueryBuilder<Selectable<CaseSearchTermsTable>, 'case_search_terms'>;
  /**
   * Every filter, on `cases`, or on the rows of `searchRows` (which already match the first word).
   */
  where(eb: AnyBuilder, source: 'cases' | 'case_search_terms'): Expression<SqlBool>;
}

export function queueFilter(db: Kysely<StoreDB>, query: CaseListQuery, actor: Actor): QueueFilter {
  const counted: Condition[] = [];
  if (query.scope === 'work') counted.push(work(actor));
  if (query.provider) counted.push(['provider', '=', query.provider]);
  if (query.state && query.state.length > 0) counted.push(['state', 'in', query.state]);
  if (query.upstreamStatus && query.upstreamStatus.length > 0) {
    counted.push(['upstream_status', 'in', query.upstreamStatus]);
  }
  if (query.assignee === 'me') counted.push(['assignee_id', '=', actor.id]);
  else if (query.assignee === 'unassigned') counted.push(['assignee_id', 'is', null]);
  else if (query.assignee !== undefined) {
    if (!isUuid(query.assignee)) {
      throw new ApiError(400, 'invalid_request', 'assignee must be "me", "unassigned" or a user id');
    }
    counted.push(['assignee_id', '=', query.assignee]);
  }
  if (query.scoreMin !== undefined) counted.push(['triage_score', '>=', query.scoreMin]);
  if (query.scoreMax !== undefined) counted.push(['triage_score', '<=', query.scoreMax]);
  const dated: Condition[] = [];
  if (query.createdAfter) dated.push(['created_at', '>=', new Date(query.createdAfter)]);
  if (query.createdBefore) dated.push(['created_at', '<', new Date(query.createdBefore)]);
  const terms = query.q ? queryTerms(query.q) : [];
  const disagreement = query.disagreement;

  return {
    counted,
    uncounted: dated.length > 0 || terms.length > 0 || disagreement !== undefined,
    searched: terms.length > 0,
    firstWord: terms[0] ?? null,
    termCounted:
      terms.length === 1 &&
      dated.length === 0 &&
      disagreement === undefined &&
      query.scoreMin === undefined &&
      query.scoreMax === undefined,
    searchRows() {
      const [first] = terms;
      if (!first) throw new Error('searchRows() needs a text search');
      return termRows(db, first).as('case_search_terms');
    },
    where(eb, source) {
      const conditions = [...counted, ...dated].map((each) => condition(eb, source, each));
      if (disagreement !== undefined) conditions.push(disagreeing(db, eb, source, disagreement));
      // The rows of searchRows() match the first word; the case must have the others.
      const matched = source === 'case_search_terms' ? terms.slice(1) : terms;
      for (const term of matched) {
        conditions.push(
          eb(
            column(source, 'id'),
            'in',
            db.selectFrom(termRows(db, term).as('matching')).select('matching.case_id'),
          ),
        );
      }
      return eb.and(conditions);
    },
  };
}

/**
 * The search term rows that start with the word, and those that are the whole masked identifier it may be.
 * One range of the term index for each, as a union rather than an `or`: the index carries every column the
 * queue filters, orders and counts by (migration 0006), so each range is read from the index alone, where an
 * `or` would make both engines fetch each matching row from the table.
 */
function termRows(db: Kysely<StoreDB>, term: QueryTerm) {
  const byPrefix = db.selectFrom('case_search_terms').selectAll().where('term', 'like', term.prefix);
  return term.whole === null
    ? byPrefix
    : byPrefix.unionAll(db.selectFrom('case_search_terms').selectAll().where('term', '=', term.whole));
}

/**
 * Cases with (or without) an open disagreement with the provider's verdict. The few that have one are read
 * through the partial index `cases_disagreement_open` (migration 0018); the search terms carry no copy.
 */
function disagreeing(
  db: Kysely<StoreDB>,
  eb: AnyBuilder,
  source: 'cases' | 'case_search_terms',
  wanted: boolean,
) {
  if (source === 'cases') return eb(sql.ref('cases.disagreement_open'), '=', wanted);
  const open = db.selectFrom('cases').select('cases.id').where('cases.disagreement_open', '=', true);
  return eb(column(source, 'id'), wanted ? 'in' : 'not in', open);
}
