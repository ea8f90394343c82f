import type { CaseFacets, CaseListQuery, CaseListResponse, CaseSort } from '@review-desk/contracts';
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import { ApiError } from '../errors';
import { type Actor, isUuid, type StoreCore } from './core';
import { queryTerms } from './linking';
import { type SummaryRow, selectSummaries, toSummary } from './rows';
import type { StoreDB } from './schema';

/**
 * The case list: filters, keyset pagination over an indexed order, and facet counts from one grouped query.
 *
 * The priority order (SLA breached first, then score, then oldest) depends on the time, so it is read as two
 * segments, breached and the rest, each walked in the (score desc, created_at, id) order of the
 * `cases_priority` index. The cursor keeps the time of the first page so that later pages cut the same way.
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

type Where = ExpressionBuilder<StoreDB, 'cases'>;

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

function orderOf(sort: CaseSort, direction: Direction): Order {
  switch (sort) {
    case 'priority':
      return {
        columns: [
          ['triage_score', 'desc'],
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

/** Rows strictly after `key` in `order`: (a > x) or (a = x and b > y) or ... */
function after(
  eb: Where,
  order: Order,
  key: readonly (string | number)[],
): ExpressionWrapper<StoreDB, 'cases', SqlBool> {
  if (key.length !== order.columns.length) throw invalidCursor();
  const values = order.columns.map(([column], index) => keyValue(column, key[index] as string | number));
  const branches = order.columns.map(([column, direction], index) => {
    const equal = order.columns
      .slice(0, index)
      .map(([previous], position) => eb(`cases.${previous}`, '=', values[position] as never));
    return eb.and([...equal, eb(`cases.${column}`, direction === 'asc' ? '>' : '<', values[index] as never)]);
  });
  return eb.or(branches);
}

function filters(query: CaseListQuery, actor: Actor) {
  return (eb: Where) => {
    const conditions: ExpressionWrapper<StoreDB, 'cases', SqlBool>[] = [];
    if (query.provider) conditions.push(eb('cases.provider', '=', query.provider));
    if (query.state && query.state.length > 0) conditions.push(eb('cases.state', 'in', query.state));
    if (query.upstreamStatus && query.upstreamStatus.length > 0) {
      conditions.push(eb('cases.upstream_status', 'in', query.upstreamStatus));
    }
    if (query.assignee === 'me') conditions.push(eb('cases.assignee_id', '=', actor.id));
    else if (query.assignee === 'unassigned') conditions.push(eb('cases.assignee_id', 'is', null));
    else if (query.assignee !== undefined) {
      if (!isUuid(query.assignee)) {
        throw new ApiError(400, 'invalid_request', 'assignee must be "me", "unassigned" or a user id');
      }
      conditions.push(eb('cases.assignee_id', '=', query.assignee));
    }
    if (query.scoreMin !== undefined) conditions.push(eb('cases.triage_score', '>=', query.scoreMin));
    if (query.scoreMax !== undefined) conditions.push(eb('cases.triage_score', '<=', query.scoreMax));
    if (query.createdAfter) conditions.push(eb('cases.created_at', '>=', new Date(query.createdAfter)));
    if (query.createdBefore) conditions.push(eb('cases.created_at', '<', new Date(query.createdBefore)));
    for (const term of query.q ? queryTerms(query.q) : []) {
      conditions.push(
        eb(
          'cases.id',
          'in',
          eb
            .selectFrom('case_search_terms')
            .select('case_search_terms.case_id')
            .where((inner) =>
              inner.or([
                inner('term', 'like', term.prefix),
                ...(term.whole === null ? [] : [inner('term', '=', term.whole)]),
              ]),
            ),
        ),
      );
    }
    return eb.and(conditions);
  };
}

const breached = (eb: Where, at: Date) =>
  eb.and([eb('cases.sla_due_at', '<=', at), eb('cases.state', '<>', 'resolved')]);

export async function listCases(
  core: StoreCore,
  query: CaseListQuery,
  actor: Actor,
): Promise<CaseListResponse> {
  const sort = query.sort ?? 'priority';
  const direction = sort === 'priority' ? 'desc' : (query.direction ?? defaultDirection[sort]);
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor, sort, direction) : null;
  const at = cursor?.at ? new Date(cursor.at) : core.clock();
  const order = orderOf(sort, direction);
  const where = filters(query, actor);

  const page = async (segment: Segment | null, from: readonly (string | number)[] | null, count: number) => {
    let builder = selectSummaries(core.db).where(where);
    if (segment === 'breached') builder = builder.where((eb) => breached(eb, at));
    if (segment === 'rest') builder = builder.where((eb) => eb.not(breached(eb, at)));
    if (from) builder = builder.where((eb) => after(eb, order, from));
    for (const [column, columnDirection] of order.columns)
      builder = builder.orderBy(`cases.${column}`, columnDirection);
    return builder.limit(count).execute();
  };

  const rows: { row: SummaryRow; segment: Segment | null }[] = [];
  if (sort === 'priority') {
    const startSegment = cursor?.segment ?? 'breached';
    if (startSegment === 'breached') {
      for (const row of await page('breached', cursor?.key ?? null, limit + 1))
        rows.push({ row, segment: 'breached' });
    }
    if (rows.length <= limit) {
      const from = startSegment === 'rest' ? (cursor?.key ?? null) : null;
      for (const row of await page('rest', from, limit + 1 - rows.length))
        rows.push({ row, segment: 'rest' });
    }
  } else {
    for (const row of await page(null, cursor?.key ?? null, limit + 1)) rows.push({ row, segment: null });
  }

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

  const wantFacets = query.facets ?? cursor === null;
  const now = core.clock();
  return {
    items: pageRows.map(({ row }) => toSummary(row, now)),
    nextCursor,
    facets: wantFacets ? await facets(core, where, actor) : null,
  };
}

interface FacetRow {
  provider: string | null;
  state: string | null;
  upstream_status: string | null;
  bucket: string | null;
  g_provider: number;
  g_state: number;
  g_status: number;
  g_bucket: number;
  count: number | string;
}

/** Counts by provider, state, upstream status and assignee bucket, and the total, in one grouped query. */
async function facets(
  core: StoreCore,
  where: (eb: Where) => ExpressionWrapper<StoreDB, 'cases', SqlBool>,
  actor: Actor,
) {
  const matching = core.db
    .selectFrom('cases')
    .where(where)
    .select([
      'cases.provider',
      'cases.state',
      'cases.upstream_status',
      sql<string>`case when cases.assignee_id is null then 'unassigned' when cases.assignee_id = ${actor.id} then 'me' else 'others' end`.as(
        'bucket',
      ),
    ]);
  const { rows } = await sql<FacetRow>`
    select provider, state, upstream_status, bucket,
      grouping(provider) as g_provider, grouping(state) as g_state,
      grouping(upstream_status) as g_status, grouping(bucket) as g_bucket,
      count(*) as count
    from (${matching}) as matching
    group by grouping sets ((provider), (state), (upstream_status), (bucket), ())
  `.execute(core.db);

  const result: CaseFacets = { total: 0, provider: [], state: [], upstreamStatus: [], assignee: [] };
  for (const row of rows) {
    const count = Number(row.count);
    if (row.g_provider === 0 && row.provider !== null) result.provider.push({ value: row.provider, count });
    else if (row.g_state === 0 && row.state !== null) result.state.push({ value: row.state, count });
    else if (row.g_status === 0 && row.upstream_status !== null) {
      result.upstreamStatus.push({ value: row.upstream_status, count });
    } else if (row.g_bucket === 0 && row.bucket !== null) result.assignee.push({ value: row.bucket, count });
    else if (row.g_provider === 1 && row.g_state === 1 && row.g_status === 1 && row.g_bucket === 1)
      result.total = count;
  }
  const byCount = (a: { value: string; count: number }, b: { value: string; count: number }) =>
    b.count - a.count || a.value.localeCompare(b.value);
  result.provider.sort(byCount);
  result.state.sort(byCount);
  result.upstreamStatus.sort(byCount);
  result.assignee.sort(byCount);
  return result;
}
