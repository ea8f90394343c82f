import type { UnmetCondition, WarningRef } from '../cases/detail';
import { amlListTypeLabels } from './aml-lists';
import type { DecisionFacts, PolicyHit } from './decisions';
import { outcomeRules } from './decisions';
import type { EvidenceGapFinding } from './evidence-gaps';

/**
 * What approval still needs: the verification loaded, every AML hit disposed (and not "needs information"),
 * no sanctions true match, a senior for a PEP true match, every business representative's application opened
 * by the approver, every beneficial owner of 25% or more opened by the approver, every evidence gap acknowledged and (in the decision itself) every check warning.
 */
export interface ApprovalFacts extends DecisionFacts {
  viewLoaded: boolean;
  entityApplications: ReadonlyArray<{ entityId: string; role: string }>;
  /** Entity ids the approver opened. */
  viewedEntityApplications: ReadonlySet<string>;
  /** The business's owners the approver must open (significantOwners); none for a person. */
  significantOwners?: ReadonlyArray<{
    ref: string;
    fullName: string | null;
    ownershipPercent: number | null;
  }>;
  /** Owner refs the approver opened. */
  viewedOwners?: ReadonlySet<string>;
  gaps: readonly EvidenceGapFinding[];
  /** Gap refs acknowledged in the decision; undefined when not deciding (every gap is then listed). */
  acknowledgedGaps?: ReadonlySet<string>;
  warnings: readonly WarningRef[];
  /** Warning refs acknowledged in the decision; undefined when not deciding (warnings are then not listed). */
  acknowledgedWarnings?: ReadonlySet<string>;
}

const hitLabel = (hit: PolicyHit) => {
  const lists = hit.listTypes.map((type) => amlListTypeLabels[type]).join(', ');
  return `${hit.name ? `AML hit "${hit.name}"` : `AML hit ${hit.ref}`} (${lists})`;
};

export function unmetApprovalConditions(facts: ApprovalFacts): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  if (!facts.viewLoaded) {
    unmet.push({
      code: 'evidence_unavailable',
      label: 'The verification could not be loaded from the provider',
      ref: null,
    });
  }
  const approve = outcomeRules(facts).find((rule) => rule.outcome === 'approve');
  if (approve?.refusal && approve.refusal.code === 'sanctions_true_match') {
    unmet.push({ code: 'sanctions_true_match', label: approve.refusal.message, ref: null });
  } else if (approve?.refusal && approve.refusal.code === 'senior_required') {
    unmet.push({ code: 'senior_required', label: approve.refusal.message, ref: null });
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
  for (const owner of facts.significantOwners ?? []) {
    if (facts.viewedOwners?.has(owner.ref)) continue;
    const share = owner.ownershipPercent === null ? 'share not given' : `${owner.ownershipPercent}%`;
    unmet.push({
      code: 'owner_unviewed',
      label: `Beneficial owner ${owner.fullName ?? owner.ref} (${share}) has not been opened`,
      ref: owner.ref,
    });
  }
  for (const gap of facts.gaps) {
    if (facts.acknowledgedGaps?.has(gap.ref)) continue;
    const remedy =
      gap.code === 'identity_missing'
        ? 'open the directory record or acknowledge it to approve'
        : 'acknowledge it to approve';
    unmet.push({ code: 'evidence_gap', label: `${gap.label}: ${remedy}`, ref: gap.ref });
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

/** Conditions the reviewer meets in the decision form itself (acknowledgements), not elsewhere. */
export const acknowledgedInDecision = (condition: UnmetCondition): boolean =>
  condition.code === 'evidence_gap' || condition.code === 'warning_unacknowledged';
