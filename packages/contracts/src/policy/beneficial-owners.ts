import type { CaseView } from '../case-view';
import { isProvided } from '../case-view/primitives';
import type { BeneficialOwner } from '../case-view/sections';

/** Owners of this share or more are opened by the approver before a business is approved. */
export const significantOwnershipPercent = 25;

/**
 * The beneficial owners an approver must open: every owner of 25% or more, and every owner whose share the
 * provider did not give in a usable form (nobody can tell that they are below the threshold).
 */
export function significantOwners(view: CaseView | null): BeneficialOwner[] {
  if (!view?.business || !isProvided(view.business)) return [];
  return view.business.beneficialOwners.filter(
    (owner) => owner.ownershipPercent === null || owner.ownershipPercent >= significantOwnershipPercent,
  );
}
