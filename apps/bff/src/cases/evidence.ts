import { createHash } from 'node:crypto';
import type { AmlHitRef, CaseView, CheckWarning, WarningRef } from '@review-desk/contracts';
import { isProvided, listTypesOf } from '@review-desk/contracts';
import { canonicalJson } from '../db/audit';
import type { Json } from '../db/schema';

/**
 * What a reviewer must account for in a verification: its AML entity hits, its check warnings and, on a
 * business journey, each representative's entity application. Refs are stable for the same provider payload.
 */

export interface AmlHitEvidence extends AmlHitRef {
  /** The provider's hit id, when it sent one. */
  hitId: string | null;
}

export function amlHits(view: CaseView | null): AmlHitEvidence[] {
  if (!view || !isProvided(view.aml)) return [];
  return view.aml.entityHits.map((hit, index) => ({
    ref: hit.id ?? `#${index}`,
    hitId: hit.id,
    name: hit.name,
    dateOfBirth: hit.dateOfBirth,
    listTypes: listTypesOf(hit),
  }));
}

export function warnings(view: CaseView | null): WarningRef[] {
  if (!view) return [];
  const found: WarningRef[] = [];
  const add = (section: string, list: readonly CheckWarning[]) => {
    list.forEach((warning, index) => {
      found.push({
        ref: `${section}:${warning.warningId ?? `#${index}`}`,
        section,
        code: warning.code,
        message: warning.message,
      });
    });
  };
  if (isProvided(view.faceMatch)) add('faceMatch', view.faceMatch.warnings);
  if (isProvided(view.liveness)) add('liveness', view.liveness.warnings);
  if (isProvided(view.idInfo)) add('idInfo', view.idInfo.warnings);
  if (isProvided(view.fraud)) {
    add('fraud', view.fraud.warnings);
    if (isProvided(view.fraud.relatedSessionInsights)) {
      add('relatedSessions', view.fraud.relatedSessionInsights.warnings);
    }
  }
  if (isProvided(view.aml)) add('aml', view.aml.warnings);
  return found;
}

export interface EntityApplicationEvidence {
  entityId: string;
  role: 'business_customer' | 'individual_customer' | 'business_representative';
  status: string | null;
  outcome: string | null;
}

export function entityApplications(view: CaseView | null): EntityApplicationEvidence[] {
  if (!view || !isProvided(view.journey)) return [];
  return view.journey.entityApplications.map((application, index) => ({
    entityId: application.entityId ?? `#${index}`,
    role: application.role,
    status: application.status?.value ?? null,
    outcome: application.outcome?.value ?? null,
  }));
}

/**
 * sha256 of the view's canonical JSON without `asOf` (when it was built): the same verification content
 * always has the same hash, so reloading a case does not pile up identical evidence snapshots.
 */
export function viewHash(view: CaseView): string {
  const { asOf: _asOf, ...content } = view;
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(content)) as Json))
    .digest('hex');
}
