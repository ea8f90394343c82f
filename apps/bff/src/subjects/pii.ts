import type { CaseView, RevealableField, Role } from '@review-desk/contracts';
import { maskIdNumber } from '../normalise/mask';

/** ID number and tax ID are shown masked until a reveal (which is audited), except to seniors. */
export const seesUnmaskedPii = (role: Role) => role === 'senior';

/**
 * Support staff talk to customers, and telling a customer that they were screened against sanctions or PEP
 * lists (tipping off) is forbidden: screening results are never served to them, not merely hidden in the page.
 */
export const withholdsScreening = (role: Role) => role === 'support';

/** Whether an anomaly path points into the screening part of a provider payload. */
export const isScreeningPath = (path: string) => /aml/i.test(path);

/**
 * The view as this role may see it: ID number and tax ID masked for everyone but seniors, and the AML
 * screening withheld from support.
 */
export function viewForRole(view: CaseView, role: Role): CaseView {
  const screened: CaseView = withholdsScreening(role)
    ? {
        ...view,
        aml: { provided: false },
        anomalies: view.anomalies.filter((anomaly) => !isScreeningPath(anomaly.path)),
        screeningWithheld: true,
      }
    : view;
  return seesUnmaskedPii(role) ? screened : maskedView(screened);
}

/** The view with ID number and tax IDs (the person's, the business's) masked. */
export function maskedView(view: CaseView): CaseView {
  const idInfo =
    view.idInfo.provided && view.idInfo.idNumber !== null
      ? { ...view.idInfo, idNumber: maskIdNumber(view.idInfo.idNumber) }
      : view.idInfo;
  const clientReference =
    view.clientReference.provided && view.clientReference.taxId !== null
      ? { ...view.clientReference, taxId: maskIdNumber(view.clientReference.taxId) }
      : view.clientReference;
  const business =
    view.business?.provided && view.business.taxId !== null
      ? { ...view.business, taxId: maskIdNumber(view.business.taxId) }
      : view.business;
  return business === undefined
    ? { ...view, idInfo, clientReference }
    : { ...view, idInfo, clientReference, business };
}

/** The clear value of a revealable field, or null when the provider sent none. */
export function revealedValue(view: CaseView, field: RevealableField): string | null {
  if (field === 'idNumber') return view.idInfo.provided ? view.idInfo.idNumber : null;
  const personal = view.clientReference.provided ? view.clientReference.taxId : null;
  return personal ?? (view.business?.provided ? view.business.taxId : null);
}
