import {
  CaseListQuery,
  type SavedView,
  type SavedViewListResponse,
  type SaveViewRequest,
  type UpdateViewRequest,
} from '@review-desk/contracts';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { ApiError } from '../errors';

/**
 * Saved queue views: a person's named set-ups of the queue (filters and sort as the queue's address spells
 * them, and the columns hidden), kept here rather than in one browser, and listed to the whole team when
 * shared. Only the owner changes or deletes a view.
 */

/** The table of migration 0013-consoles, with the columns of 0020-saved-view-columns. */
export type SavedViewTables = {
  saved_views: {
    id: Generated<string>;
    owner_id: string;
    name: string;
    query: string;
    shared: ColumnType<boolean, boolean | undefined, boolean>;
    hidden_columns: ColumnType<string[], string, string>;
    created_at: Date;
    updated_at: Date;
  };
};

type ViewsDB = Kysely<DB & SavedViewTables>;

const MAX_VIEWS_PER_PERSON = 50;

/** The queue parameters a view may keep: the list API's filters and sort, never its paging. */
const viewParameters = new Set(
  Object.keys(CaseListQuery.properties).filter((key) => !['cursor', 'limit', 'facets'].includes(key)),
);

function checkedSearch(search: string, shared: boolean): string {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  for (const key of params.keys()) {
    if (!viewParameters.has(key))
      throw new ApiError(
        400,
        'invalid_request',
        `The view’s search has a parameter the queue does not know: ${key}`,
      );
  }
  // A text search may name a customer, and the team includes admins, who see no personal data.
  if (shared && params.has('q'))
    throw new ApiError(400, 'invalid_request', 'A view shared with the team cannot keep a text search');
  return params.toString();
}

const notFound = () => new ApiError(404, 'view_not_found', 'There is no such saved view');

function select(db: ViewsDB) {
  return db
    .selectFrom('saved_views as v')
    .innerJoin('users as u', 'u.id', 'v.owner_id')
    .selectAll('v')
    .select('u.display_name as owner_name');
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

const toView = (row: Row): SavedView => ({
  id: row.id,
  name: row.name,
  search: row.query,
  hiddenColumns: row.hidden_columns,
  shared: row.shared,
  owner: { id: row.owner_id, displayName: row.owner_name },
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export function savedViews(database: Kysely<DB>, clock: () => Date = () => new Date()) {
  const db = database.withTables<SavedViewTables>();
  const read = async (id: string) =>
    toView(await select(db).where('v.id', '=', id).executeTakeFirstOrThrow());
  /** The view, if the person owns it: someone else's shared view is theirs to change. */
  const owned = async (ownerId: string, id: string) => {
    const row = await db.selectFrom('saved_views').select('owner_id').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    if (row.owner_id !== ownerId)
      throw new ApiError(403, 'not_your_view', 'Only its owner can change a saved view');
  };

  return {
    async list(ownerId: string): Promise<SavedViewListResponse> {
      const rows = await select(db)
        .where((eb) => eb.or([eb('v.owner_id', '=', ownerId), eb('v.shared', '=', true)]))
        .orderBy('v.name')
        .orderBy('v.id')
        .execute();
      return {
        mine: rows.filter((row) => row.owner_id === ownerId).map(toView),
        team: rows.filter((row) => row.owner_id !== ownerId).map(toView),
      };
    },

    async save(ownerId: string, request: SaveViewRequest): Promise<SavedView> {
      const name = request.name.trim();
      const existing = await db
        .selectFrom('saved_views')
        .select(['id', 'shared'])
        .where('owner_id', '=', ownerId)
        .where('name', '=', name)
        .executeTakeFirst();
      const shared = request.shared ?? existing?.shared ?? false;
      const values = {
        query: checkedSearch(request.search, shared),
        hidden_columns: JSON.stringify([...new Set(request.hiddenColumns)]),
        shared,
        updated_at: clock(),
      };
      if (existing) {
        await db.updateTable('saved_views').set(values).where('id', '=', existing.id).execute();
        return read(existing.id);
      }
      const { count } = await db
        .selectFrom('saved_views')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('owner_id', '=', ownerId)
        .executeTakeFirstOrThrow();
      if (Number(count) >= MAX_VIEWS_PER_PERSON)
        throw new ApiError(
          409,
          'too_many_views',
          `Keep at most ${MAX_VIEWS_PER_PERSON} saved views; delete one first`,
        );
      const { id } = await db
        .insertInto('saved_views')
        .values({ ...values, owner_id: ownerId, name, created_at: values.updated_at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return read(id);
    },

    async update(ownerId: string, id: string, request: UpdateViewRequest): Promise<SavedView> {
      await owned(ownerId, id);
      const name = request.name?.trim();
      if (name !== undefined) {
        const clash = await db
          .selectFrom('saved_views')
          .select('id')
          .where('owner_id', '=', ownerId)
          .where('name', '=', name)
          .where('id', '<>', id)
          .executeTakeFirst();
        if (clash) throw new ApiError(409, 'view_name_taken', `You already have a view called “${name}”`);
      }
      if (request.shared === true) {
        const { query } = await db
          .selectFrom('saved_views')
          .select('query')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        checkedSearch(query, true);
      }
      await db
        .updateTable('saved_views')
        .set({
          ...(name === undefined ? {} : { name }),
          ...(request.shared === undefined ? {} : { shared: request.shared }),
          updated_at: clock(),
        })
        .where('id', '=', id)
        .execute();
      return read(id);
    },

    async remove(ownerId: string, id: string): Promise<void> {
      await owned(ownerId, id);
      await db.deleteFrom('saved_views').where('id', '=', id).execute();
    },
  };
}
