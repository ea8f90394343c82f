import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ConnectfiError } from './envelope';

/**
 * One ajv instance for every connectFi schema. connectFi reports the first failing rule only (each documented
 * requestValidateError has a one-element `context`), and it does not coerce or strip input: hence allErrors
 * off, no coercion, no removal of unknown properties.
 */
function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: false, allowUnionTypes: true });
  addFormats(ajv, ['date', 'email', 'uri']);
  return ajv;
}

/**
 * Shared by every connectFi server in the process: ajv caches each compiled schema by object, and compiling
 * the schemas costs far more than building a server, which tests do many times.
 */
export const connectfiAjv: Ajv = createAjv();

export type AjvErrorContext = NonNullable<ValidateFunction['errors']>;

export function requestValidateError(context: AjvErrorContext | readonly object[]): ConnectfiError {
  return new ConnectfiError(400, 'requestValidateError', undefined, { context });
}

/** The context connectFi's validator gives when the body is not a JSON object at all. */
export const bodyMustBeObject = [
  {
    instancePath: '',
    schemaPath: '#/type',
    keyword: 'type',
    params: { type: 'object' },
    message: 'must be object',
  },
];

export function assertValid<T>(validate: ValidateFunction, value: unknown): asserts value is T {
  if (!validate(value)) throw requestValidateError(validate.errors ?? bodyMustBeObject);
}
