import {
  Kind,
  type SchemaOptions,
  type Static,
  type TObject,
  type TProperties,
  type TSchema,
  Type,
} from '@sinclair/typebox';

/**
 * `T | null` as `type: [T, 'null']` rather than `anyOf`: fast-json-stringify serialises a type list with a
 * null check, while every `anyOf` costs an Ajv validation per value, and @fastify/swagger turns the list
 * into OpenAPI 3.0 `nullable: true`.
 */
/* @__NO_SIDE_EFFECTS__ */ export const Nullable = <
  T extends TSchema & { type: 'string' | 'number' | 'boolean' | 'object' },
>(
  schema: T,
  options: SchemaOptions = {},
) => {
  const { [Kind]: _kind, ...json } = schema;
  return Type.Unsafe<Static<T> | null>({ ...json, ...options, type: [schema.type, 'null'] });
};

/** A closed set of strings as one `enum` keyword, which serialises and documents better than a union of literals. */
/* @__NO_SIDE_EFFECTS__ */ export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
) => Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });

/* @__NO_SIDE_EFFECTS__ */ export const NullableString = (description?: string) =>
  Nullable(Type.String(), description === undefined ? {} : { description });

/* @__NO_SIDE_EFFECTS__ */ export const NullableNumber = (description?: string) =>
  Nullable(Type.Number(), description === undefined ? {} : { description });

/** An enumerated upstream string: kept verbatim, flagged when the provider's documentation does not list it. */
export const EnumValue = Type.Object(
  {
    value: Type.String({ description: 'The string exactly as the provider sent it' }),
    known: Type.Boolean({ description: "Whether the value is in the provider's documented vocabulary" }),
    normalised: Type.Optional(
      Type.String({
        description:
          'Lower-case snake_case canonical form of a known value ("Approved" and "approved" are both "approved"); absent for unknown values',
      }),
    ),
  },
  { description: 'An enumerated value from a provider' },
);
export type EnumValue = Static<typeof EnumValue>;

/* @__NO_SIDE_EFFECTS__ */ export const NullableEnum = (description?: string) =>
  Nullable(EnumValue, description === undefined ? {} : { description });

export const NotProvided = Type.Object(
  { provided: Type.Literal(false) },
  { description: 'The provider sent nothing usable for this section' },
);
export type NotProvided = Static<typeof NotProvided>;

/** The type of a section the provider sent: `provided: true` and every field. */
export type ProvidedFields<T extends TProperties> = { provided: true } & Static<TObject<T>>;

/**
 * A section the provider may or may not send: `{ provided: false }` or `{ provided: true, ...fields }`, so a
 * reviewer always sees either the data or an explicit "not provided", never a blank. Typed as that union, but
 * described to JSON Schema as one object with optional fields: fast-json-stringify would validate every
 * section against each `anyOf` branch before serialising it, which costs more than the serialising itself.
 */
/* @__NO_SIDE_EFFECTS__ */ export const Provided = <T extends TProperties>(
  properties: T,
  options: SchemaOptions,
) =>
  Type.Unsafe<NotProvided | ProvidedFields<T>>({
    ...options,
    description: `${options.description ?? 'A section'}. When provided is true every other property is present (null where the provider left it empty); when false there are none.`,
    type: 'object',
    properties: {
      provided: Type.Boolean({ description: 'Whether the provider sent this section' }),
      ...properties,
    },
    required: ['provided'],
  });

/** Narrows a section to its provided form. */
export const isProvided = <S extends { provided: boolean }>(
  section: S,
): section is Extract<S, { provided: true }> => section.provided;

/** True when an enumerated value is known and normalises to `normalised`. */
export const enumIs = (value: EnumValue | null, normalised: string): boolean =>
  value !== null && value.normalised === normalised;
