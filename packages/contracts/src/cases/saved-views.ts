import { type Static, Type } from '@sinclair/typebox';
import { UserRef } from './summary';

/* @__NO_SIDE_EFFECTS__ */ const DateTime = (description: string) =>
  Type.String({ format: 'date-time', description });

const ViewName = Type.String({
  minLength: 1,
  maxLength: 60,
  pattern: '\\S',
  description: 'What the view is called; unique among one person’s views',
});
const ViewSearch = Type.String({
  maxLength: 2000,
  description:
    'The queue’s filters and sort as the queue’s address spells them (e.g. "provider=capa&sort=score"); empty: the default view',
});
const HiddenColumns = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  maxItems: 30,
  description: 'The ids of the queue columns the view hides',
});

export const SavedView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    search: Type.String(),
    hiddenColumns: Type.Array(Type.String()),
    shared: Type.Boolean({ description: 'Listed in everyone’s team views' }),
    owner: UserRef,
    createdAt: DateTime('When it was first saved'),
    updatedAt: DateTime('When it was last saved or changed'),
  },
  { $id: 'SavedView', description: 'A named queue set-up: filters, sort and hidden columns' },
);
export type SavedView = Static<typeof SavedView>;

export const SavedViewListResponse = Type.Object(
  {
    mine: Type.Array(SavedView, { description: 'Your views, shared or not, by name' }),
    team: Type.Array(SavedView, { description: 'Views others shared with the team, by name' }),
  },
  { $id: 'SavedViewListResponse' },
);
export type SavedViewListResponse = Static<typeof SavedViewListResponse>;

export const SaveViewRequest = Type.Object(
  {
    name: ViewName,
    search: ViewSearch,
    hiddenColumns: HiddenColumns,
    shared: Type.Optional(
      Type.Boolean({ description: 'List it in the team views; left out: as before, else not shared' }),
    ),
  },
  {
    $id: 'SaveViewRequest',
    additionalProperties: false,
    description: 'Saves the current queue set-up under a name; a view of yours with that name is replaced',
  },
);
export type SaveViewRequest = Static<typeof SaveViewRequest>;

export const UpdateViewRequest = Type.Object(
  { name: Type.Optional(ViewName), shared: Type.Optional(Type.Boolean()) },
  {
    $id: 'UpdateViewRequest',
    additionalProperties: false,
    minProperties: 1,
    description: 'Renames a view of yours, or shares it with the team or stops sharing it',
  },
);
export type UpdateViewRequest = Static<typeof UpdateViewRequest>;

export const SavedViewResponse = Type.Object({ view: SavedView }, { $id: 'SavedViewResponse' });
export type SavedViewResponse = Static<typeof SavedViewResponse>;

export const ViewIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { $id: 'ViewIdParams' });
export type ViewIdParams = Static<typeof ViewIdParams>;
