import type { CaseView } from '@review-desk/contracts';

/** The keys of a verification's sections, as `afterSection` and the section anchors name them. */
export type CaseViewSectionKey =
  | 'header'
  | 'faceMatch'
  | 'liveness'
  | 'idInfo'
  | 'fraud'
  | 'aml'
  | 'clientReference'
  | 'journey'
  | 'business';

const titles: Record<CaseViewSectionKey, string> = {
  header: 'Verification',
  faceMatch: 'Face match',
  liveness: 'Liveness',
  idInfo: 'ID document',
  fraud: 'Fraud',
  aml: 'AML',
  clientReference: 'Client data',
  journey: 'Journey',
  business: 'Business',
};

const checks: CaseViewSectionKey[] = ['faceMatch', 'liveness', 'idInfo', 'fraud', 'aml', 'clientReference'];

/**
 * The sections in reading order for the view's provider: connectFi's journey leads, Capa's closes. A business
 * verified through Capa KYB has its business and owners, and the screening; the checks of a person do not apply.
 */
export function caseViewSectionKeys(view: Pick<CaseView, 'provider' | 'business'>): CaseViewSectionKey[] {
  if (view.business) return ['header', 'business', 'aml'];
  return view.provider === 'connectfi' ? ['header', 'journey', ...checks] : ['header', ...checks, 'journey'];
}

/** A short name for a section, for a rail or a list of sections. */
export const caseViewSectionTitle = (key: CaseViewSectionKey) => titles[key];

/** The element id a section is found by (anchors, the section rail, keyboard movement). */
export const caseViewSectionId = (key: string) => `section-${key}`;
