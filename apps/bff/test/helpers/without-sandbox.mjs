// Loaded with `node --import` before a BFF process starts: any attempt to load the simulator
// (@review-desk/sandbox, or a file under apps/sandbox) fails as it would where the package is not installed.
import { register } from 'node:module';

const hooks = `
const absent = (text) => text === '@review-desk/sandbox' || text.startsWith('@review-desk/sandbox/') ||
  text.includes('/apps/sandbox/');
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (absent(specifier) || absent(resolved.url)) {
    const error = new Error('Cannot find package ' + JSON.stringify(specifier) + ' (the sandbox is absent)');
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
