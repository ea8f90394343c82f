import type { CaseView } from '@review-desk/contracts';
import { canonicalJson } from '../db/audit';
import type { Json } from '../db/schema';

const same = (a: unknown, b: unknown): boolean =>
  canonicalJson((a ?? null) as Json) === canonicalJson((b ?? null) as Json);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What differs between two verifications of the same subject, as "section" or "section.field" paths
 * ("idInfo.birthDate", "aml.entityHits"), in the view's order. `asOf` (when each was built) is not evidence.
 */
export function evidenceChanges(before: CaseView, after: CaseView): string[] {
  const changes: string[] = [];
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const section of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (section === 'asOf' || same(a[section], b[section])) continue;
    const from = a[section];
    const to = b[section];
    if (!isRecord(from) || !isRecord(to)) {
      changes.push(section);
      continue;
    }
    for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (!same(from[field], to[field])) changes.push(`${section}.${field}`);
    }
  }
  return changes;
}
