import type { CaseListQuery, CaseListResponse, CaseSort } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { withholdsScreening } from '../subjects/pii';
import { type Actor, isUuid, type StoreCore } from './core';
import { facets } from './facets';
import { type AnyBuilder, column, condition, queueFilter, type Source } from './filters';
import { type SummaryRow, selectSummaries, toSummary } from './rows';
import { matchingTerms, rankedCandidates, rankedOrder } from './search-page';

/**
 * The case list: filters, keyset pagination over an indexed order, and facet counts (facets.ts).
 *
 * The priority order (SLA breached first, then score, then oldest) depends on the time, so it is read as two
 * segments, breached and the rest, each walked in the (score desc, created_at, id) order of the
 * `cases_priority` index. The cursor keeps the time of the first page so that later pages cut the same way.
 *
 * The triage score counts the screening's hits, so a role that is not shown the screening (support: tipping
 * off) neither orders nor filters by it: an order by a score it sees only in part would betray the rest. Its
 * priority order is SLA breached first, then oldest.
 */

type Direction = 'asc' | 'desc';
type SortColumn = 'triage_score' | 'created_at' | 'updated_at' | 'id';
type Segment = 'breached' | 'rest';

interface Cursor {
  sort: CaseSort;
  direction: Direction;
  /** Values of the order columns of the last row, dates as ISO strings. */
  key: (string | number)[];
  /** priority only: the time the first page was read, and the segment of the last row. */
  at?: string;
  segment?: Segment;
}

const invalidCursor = () => new ApiError(400, 'invalid_cursor', 'The cursor is not valid for this query');

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, sort: CaseSort, direction: Direction): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const cursor = parsed as Partial<Cursor> | null;
  if (
    !cursor ||
    cursor.sort !== sort ||
    cursor.direction !== direction ||
    !Array.isArray(cursor.key) ||
    !cursor.key.every((value) => typeof value === 'string' || typeof value === 'number')
  ) {
    throw invalidCursor();
  }
  if (sort === 'priority' && (typeof cursor.at !== 'string' || Number.isNaN(Date.parse(cursor.at)))) {
    throw invalidCursor();
  }
  if (sort === 'priority' && cursor.segment !== 'breached' && cursor.segment !== 'rest')
    throw invalidCursor();
  return cursor as Cursor;
}

interface Order {
  columns: readonly (readonly [SortColumn, Direction])[];
}

const flip = (direction: Direction): Direction => (direction === 'asc' ? 'desc' : 'asc');

function orderOf(sort: CaseSort, direction: Direction, scored: boolean): Order {
  switch (sort) {
    case 'priority':
      return {
        columns: [
          ...(scored ? [['triage_score', 'desc'] as const] : []),
          ['created_at', 'asc'],
          ['id', 'asc'],
        ],
      };
    case 'score':
      // Walks cases_priority forwards (desc) or backwards (asc).
      return {
        columns: [
          ['triage_score', direction],
          ['created_at', flip(direction)],
          ['id', flip(direction)],
        ],
      };
    case 'age':
      return {
        columns: [
          ['created_at', direction],
          ['id', direction],
        ],
      };
    case 'updated':
      return {
        columns: [
          ['updated_at', direction],
          ['id', direction],
        ],
      };
  }
}

const defaultDirection: Record<CaseSort, Direction> = {
  priority: 'desc',
  score: 'desc',
  age: 'asc',
  updated: 'desc',
};

function keyOf(row: SummaryRow, order: Order): (string | number)[] {
  return order.columns.map(([column]) => {
    const value = row[column];
    return value instanceof Date ? value.toISOString() : value;
  });
}

function keyValue(column: SortColumn, value: string | number): string | number | Date {
  if (column === 'created_at' || column === 'updated_at') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalidCursor();
    return new Date(value);
  }
  if (column === 'triage_score') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidCursor();
    return value;
  }
  if (typeof value !== 'string' || !isUuid(value)) throw invalidCursor();
  return value;
}

/**
 * Rows strictly after `key` in `order`, in two parts read one after the other, so that each is one range of
 * an index walked in order: `same`, the rest of the key's first value ((a = x and b > y) or (a = x and b = y
 * and c > z)); `beyond`, the values after it (a > x). As one `or`, neither engine could start the walk at the
 * key: a page deep into a large queue would filter every row before it.
 */
type Part = 'same' | 'beyond';

function after(eb: AnyBuilder, source: Source, order: Order, key: readonly (string | number)[], part: Part) {
  if (key.length !== order.columns.length) throw invalidCursor();
  const values = order.columns.map(([name], index) => keyValue(name, key[index] as string | number));
  const past = (index: number) => {
    const [name, direction] = order.columns[index] as readonly [SortColumn, Direction];
    return condition(eb, source, [name, direction === 'asc' ? '>' : '<', values[index]]);
  };
  const equal = (index: number) =>
    condition(eb, source, [
      (order.columns[index] as readonly [SortColumn, Direction])[0],
      '=',
      values[index],
    ]);
  if (part === 'beyond') return past(0);
  const branches = order.columns
    .slice(1)
    .map((_, offset) =>
      eb.and([...Array.from({ length: offset }, (_, at) => equal(at + 1)), past(offset + 1)]),
    );
  // The second column's bound, implied by the branches, lets the walk start at the key.
  const [, second] = order.columns;
  const bound = second
    ? [condition(eb, source, [second[0], second[1] === 'asc' ? '>=' : '<=', values[1]])]
    : [];
  return eb.and([equal(0), ...bound, eb.or(branches)]);
}

const breached = (eb: AnyBuilder, source: Source, at: Date) =>
  eb.and([
    condition(eb, source, ['sla_due_at', '<=', at]),
    condition(eb, source, ['state', '<>', 'resolved']),
    condition(eb, source, ['state', '<>', 'superseded']),
  ]);

export async function listCases(
  core: StoreCore,
  query: CaseListQuery,
  actor: Actor,
): Promise<CaseListResponse> {
  const sort = query.sort ?? 'priority';
  const scored = !withholdsScreening(actor.role);
  if (!scored && (sort === 'score' || query.scoreMin !== undefined || query.scoreMax !== undefined)) {
    throw new ApiError(
      403,
      'screening_withheld',
      'The triage score counts screening results, which your role is not shown: order and filter by SLA, age or last change',
    );
  }
  const direction = sort === 'priority' ? 'desc' : (query.direction ?? defaultDirection[sort]);
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor, sort, direction) : null;
  const at = cursor?.at ? new Date(cursor.at) : core.clock();
  const order = orderOf(sort, direction, scored);
  const filter = queueFilter(core.db, query, actor);
  // A text search picks its page on the search terms, which carry copies of the columns it filters and
  // orders by (not updated_at) kept in the same transactions as the cases, and reads only those cases.
  const fromTerms = filter.searched && sort !== 'updated';
  const wantFacets = query.facets ?? cursor === null;
  // The distinct terms of the first word (search-page.ts): for a page in an order the ranked index serves,
  // and for facets summed per term. Null when there are too many: the matches are read as before.
  const ranked = fromTerms && rankedOrder(order.columns);
  const word = filter.firstWord;
  const terms =
    word && (ranked || (wantFacets && filter.termCounted)) ? await matchingTerms(core.db, word) : null;
  const pageTerms = ranked ? terms : null;

  type From = { key: readonly (string | number)[]; part: Part };
  const page = async (segment: Segment | null, from: From | null, count: number) => {
    const conditions = (eb: AnyBuilder, source: 'cases' | 'case_search_terms') =>
      eb.and([
        filter.where(eb, source),
        ...(segment === 'breached' ? [breached(eb, source, at)] : []),
        ...(segment === 'rest' ? [eb.not(breached(eb, source, at))] : []),
        ...(from ? [after(eb, source, order, from.key, from.part)] : []),
      ]);
    let builder = selectSummaries(core.db);
    if (pageTerms) {
      if (pageTerms.length === 0) return [];
      const where = (eb: AnyBuilder) => conditions(eb, 'case_search_terms');
      builder = builder.where(
        'cases.id',
        'in',
        rankedCandidates(core.db, pageTerms, where, order.columns, count),
      );
    } else if (fromTerms) {
      let candidates = core.db
        .selectFrom(filter.searchRows())
        .select('case_search_terms.case_id')
        .where((eb) => conditions(eb, 'case_search_terms'))
        // A case found by two of its words is one candidate.
        .groupBy(order.columns.map(([name]) => column('case_search_terms', name)));
      for (const [name, columnDirection] of order.columns)
        candidates = candidates.orderBy(column('case_search_terms', name), columnDirection);
      builder = builder.where('cases.id', 'in', candidates.limit(count));
    } else {
      builder = builder.where((eb) => conditions(eb, 'cases'));
    }
    for (const [name, columnDirection] of order.columns)
      builder = builder.orderBy(`cases.${name}`, columnDirection);
    return builder.limit(count).execute();
  };

  const pageFrom = async (
    segment: Segment | null,
    key: readonly (string | number)[] | null,
    count: number,
  ) => {
    if (!key) return page(segment, null, count);
    const same = await page(segment, { key, part: 'same' }, count);
    if (same.length >= count) return same;
    return [...same, ...(await page(segment, { key, part: 'beyond' }, count - same.length))];
  };

  const readPage = async () => {
    const rows: { row: SummaryRow; segment: Segment | null }[] = [];
    if (sort === 'priority') {
      const startSegment = cursor?.segment ?? 'breached';
      if (startSegment === 'breached') {
        for (const row of await pageFrom('breached', cursor?.key ?? null, limit + 1))
          rows.push({ row, segment: 'breached' });
      }
      if (rows.length <= limit) {
        const from = startSegment === 'rest' ? (cursor?.key ?? null) : null;
        for (const row of await pageFrom('rest', from, limit + 1 - rows.length))
          rows.push({ row, segment: 'rest' });
      }
    } else {
      for (const row of await pageFrom(null, cursor?.key ?? null, limit + 1))
        rows.push({ row, segment: null });
    }
    return rows;
  };

  // On PostgreSQL the page and the facets are read at once, on two connections.
  const [rows, counts] = await Promise.all([
    readPage(),
    wantFacets ? facets(core, filter, actor, terms) : null,
  ]);
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          sort,
          direction,
          key: keyOf(last.row, order),
          ...(sort === 'priority' ? { at: at.toISOString(), segment: last.segment ?? 'rest' } : {}),
        })
      : null;

  const now = core.clock();
  return { items: pageRows.map(({ row }) => toSummary(row, now)), nextCursor, facets: counts };
}
