import type { CaseView, RevealableField, Role } from '@review-desk/contracts';
import { maskIdNumber } from '../normalise/mask';

/** ID number and tax ID are shown masked until a reveal (which is audited), except to seniors. */
export const seesUnmaskedPii = (role: Role) => role === 'senior';

/** The view as this role may see it: ID number and tax ID masked for everyone but seniors. */
export function viewForRole(view: CaseView, role: Role): CaseView {
  return seesUnmaskedPii(role) ? view : maskedView(view);
}

/** The view with ID number and tax ID masked. */
export function maskedView(view: CaseView): CaseView {
  const idInfo =
    view.idInfo.provided && view.idInfo.idNumber !== null
      ? { ...view.idInfo, idNumber: maskIdNumber(view.idInfo.idNumber) }
      : view.idInfo;
  const clientReference =
    view.clientReference.provided && view.clientReference.taxId !== null
      ? { ...view.clientReference, taxId: maskIdNumber(view.clientReference.taxId) }
      : view.clientReference;
  return { ...view, idInfo, clientReference };
}

/** The clear value of a revealable field, or null when the provider sent none. */
export function revealedValue(view: CaseView, field: RevealableField): string | null {
  if (field === 'idNumber') return view.idInfo.provided ? view.idInfo.idNumber : null;
  return view.clientReference.provided ? view.clientReference.taxId : null;
}
