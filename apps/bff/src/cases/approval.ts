import type { AmlDisposition, UnmetCondition, WarningRef } from '@review-desk/contracts';
import type { AmlHitEvidence, EntityApplicationEvidence } from './evidence';

/**
 * Diligence before approval: the verification was loaded, every AML hit has a confirmed disposition that is
 * not "needs information", every business representative's application was opened by the approver, and
 * (in the decision itself) every check warning is acknowledged.
 */
export interface ApprovalFacts {
  viewLoaded: boolean;
  hits: readonly AmlHitEvidence[];
  dispositions: ReadonlyArray<{ hitRef: string; disposition: AmlDisposition; confirmed: boolean }>;
  entityApplications: readonly EntityApplicationEvidence[];
  /** Entity ids the approver opened. */
  viewedEntityApplications: ReadonlySet<string>;
  warnings: readonly WarningRef[];
  /** Warning refs acknowledged in the decision; undefined when not deciding (warnings are then not listed). */
  acknowledgedWarnings?: ReadonlySet<string>;
}

const hitLabel = (hit: AmlHitEvidence) => (hit.name ? `AML hit "${hit.name}"` : `AML hit ${hit.ref}`);

export function unmetApprovalConditions(facts: ApprovalFacts): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  if (!facts.viewLoaded) {
    unmet.push({
      code: 'evidence_unavailable',
      label: 'The verification could not be loaded from the provider',
      ref: null,
    });
  }
  const dispositions = new Map(facts.dispositions.map((item) => [item.hitRef, item]));
  for (const hit of facts.hits) {
    const disposition = dispositions.get(hit.ref);
    if (!disposition) {
      unmet.push({ code: 'aml_hit_undisposed', label: `${hitLabel(hit)} has no disposition`, ref: hit.ref });
    } else if (!disposition.confirmed) {
      unmet.push({
        code: 'aml_hit_unconfirmed',
        label: `${hitLabel(hit)} was a false positive before: confirm it`,
        ref: hit.ref,
      });
    } else if (disposition.disposition === 'needs_information') {
      unmet.push({
        code: 'aml_hit_needs_information',
        label: `${hitLabel(hit)} needs more information`,
        ref: hit.ref,
      });
    }
  }
  for (const application of facts.entityApplications) {
    if (application.role !== 'business_representative') continue;
    if (facts.viewedEntityApplications.has(application.entityId)) continue;
    unmet.push({
      code: 'representative_unviewed',
      label: `Representative application ${application.entityId} has not been opened`,
      ref: application.entityId,
    });
  }
  if (facts.acknowledgedWarnings) {
    for (const warning of facts.warnings) {
      if (facts.acknowledgedWarnings.has(warning.ref)) continue;
      unmet.push({
        code: 'warning_unacknowledged',
        label: `Warning ${warning.code ?? warning.ref} (${warning.section}) is not acknowledged`,
        ref: warning.ref,
      });
    }
  }
  return unmet;
}
