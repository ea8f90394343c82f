import { AjvCompiler, type RouteDefinition } from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../../errors';

type BuildValidator = ReturnType<typeof AjvCompiler>;

/**
 * Bodies are taken as sent or refused: no unknown field is silently dropped (`removeAdditional`) and no type
 * is coerced ("12345" stays a string where a number is expected, and 12345 where a string is). Query strings
 * and path parameters arrive as text, so they keep Ajv's coercion of numbers and booleans.
 */
export function validatorFactory(): BuildValidator {
  const pool = AjvCompiler();
  return ((externalSchemas: Parameters<BuildValidator>[0], options: Parameters<BuildValidator>[1]) => {
    const lenient = pool(externalSchemas, options);
    const customOptions = { ...(options?.customOptions ?? {}), coerceTypes: false, removeAdditional: false };
    const strict = pool(externalSchemas, { ...options, customOptions } as Parameters<BuildValidator>[1]);
    return (route: RouteDefinition) => (route.httpPart === 'body' ? strict(route) : lenient(route));
  }) as BuildValidator;
}

const nul = String.fromCharCode(0);
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string the database can store: no NUL byte, and well-formed UTF-16 (no unpaired surrogate). */
const storable = (text: string): boolean => !text.includes(nul) && !loneSurrogate.test(text);

/** A key fit to appear in an error message. */
const printable = (key: string): string =>
  Array.from(key, (char) => (storable(char) ? char : '\ufffd')).join('');

/** The first path (`/field/0/name`) in `value` whose key or string is not storable, if any. */
export function unstorableIn(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return storable(value) ? undefined : path || '/';
  if (value === null || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = unstorableIn(value[index], `${path}/${index}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key in value) {
    if (!storable(key)) return `${path}/${printable(key)}`;
    const found = unstorableIn((value as Record<string, unknown>)[key], `${path}/${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const parts = [
  ['params', 'params'],
  ['query', 'querystring'],
  ['body', 'body'],
] as const;

/** Refuses, with 400 invalid_text naming the field, any text in the request the database could not store. */
export function unstorableText(
  request: FastifyRequest,
  checked: readonly (typeof parts)[number][0][] = ['params', 'query', 'body'],
): ApiError | undefined {
  for (const [part, label] of parts) {
    if (!checked.includes(part)) continue;
    const path = unstorableIn(request[part], '');
    if (path === undefined) continue;
    const field = `${label}${path === '/' ? '' : path}`;
    return new ApiError(
      400,
      'invalid_text',
      `${field} contains a NUL character or an unpaired surrogate, which cannot be stored`,
      [{ in: label, path, message: 'must not contain NUL or unpaired surrogates' }],
    );
  }
  return undefined;
}

/**
 * Input the desk refuses in one place, for every API route: text the database cannot store (PostgreSQL
 * refuses NUL in text and JSON; an unpaired surrogate is no UTF-8). Runs before schema validation, so a
 * handler never sees it and no route has to remember it.
 */
export default fp(
  async function input(app: FastifyInstance) {
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.url.startsWith('/api/')) return done(unstorableText(request));
      // Webhook bodies are raw bytes, checked by their receiver (routes/webhooks); their URLs are checked here.
      if (request.url.startsWith('/webhooks/')) return done(unstorableText(request, ['params', 'query']));
      done();
    });
  },
  { name: 'input' },
);
