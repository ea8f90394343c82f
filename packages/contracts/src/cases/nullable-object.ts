import { Kind, type SchemaOptions, type Static, type TObject, Type } from '@sinclair/typebox';

/**
 * `T | null` for an object schema, without its `$id`: a schema id may appear once per route schema, and the
 * nullable copy must not pass itself off as the named schema in the OpenAPI document.
 */
/* @__NO_SIDE_EFFECTS__ */ export const NullableObject = <T extends TObject>(
  schema: T,
  options: SchemaOptions = {},
) => {
  const { [Kind]: _kind, $id: _id, ...json } = schema;
  return Type.Unsafe<Static<T> | null>({ ...json, ...options, type: ['object', 'null'] });
};

/** One of `values`, or null. */
/* @__NO_SIDE_EFFECTS__ */ export const NullableStringEnum = <const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
) => Type.Unsafe<T[number] | null>({ ...options, type: ['string', 'null'], enum: [...values, null] });
