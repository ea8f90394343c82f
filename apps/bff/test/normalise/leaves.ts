import type { CaseView } from '@review-desk/contracts';

/** Every non-null primitive in a JSON value, with its path. */
export function leaves(value: unknown, path = '', out: [string, unknown][] = []): [string, unknown][] {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) leaves(item, `${path}[${index}]`, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value))
      leaves(child, path === '' ? key : `${path}.${key}`, out);
  } else if (value !== null && value !== undefined) out.push([path, value]);
  return out;
}

/**
 * The input leaves that appear neither in the view nor in an anomaly's `received` value: what normalisation
 * lost. Paths for which `skip` answers true (media URLs, which must not appear) are left out.
 */
export function lostLeaves(
  input: unknown,
  view: CaseView,
  skip: (path: string) => boolean = () => false,
): string[] {
  const kept = new Set(leaves(view).map(([, value]) => value));
  return leaves(input)
    .filter(([path, value]) => !skip(path) && !kept.has(value))
    .map(([path, value]) => `${path}=${JSON.stringify(value)}`);
}

export const isMediaUrl = (path: string): boolean => path.startsWith('media.');
