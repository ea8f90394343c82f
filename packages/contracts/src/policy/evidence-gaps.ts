import type { CaseView } from '../case-view';
import { enumIs, isProvided } from '../case-view/primitives';

/**
 * Evidence a verification lacks. None of these forbids approval, but approving without it is a choice the
 * reviewer makes explicitly: each gap is acknowledged in the decision and recorded with it.
 */
export const evidenceGapCodes = [
  'identity_missing',
  'face_match_missing',
  'face_match_low',
  'liveness_not_passed',
  'id_images_missing',
  'document_expired',
] as const;
export type EvidenceGapCode = (typeof evidenceGapCodes)[number];

/** A face match below this is not a match (the gauge's "High" band starts here). */
export const faceMatchThreshold = 0.8;

export interface EvidenceGapFinding {
  /** "gap:<code>": acknowledge it by this ref. */
  ref: string;
  code: EvidenceGapCode;
  label: string;
  /** The view section it concerns. */
  section: 'subject' | 'faceMatch' | 'liveness' | 'media' | 'idInfo';
}

const gap = (
  code: EvidenceGapCode,
  label: string,
  section: EvidenceGapFinding['section'],
): EvidenceGapFinding => ({
  ref: `gap:${code}`,
  code,
  label,
  section,
});

/** Whether the view names the person at all: a name, a birth date or an identity document. */
export function hasIdentityEvidence(view: CaseView): boolean {
  const idInfo = isProvided(view.idInfo) ? view.idInfo : null;
  const name =
    view.subject.displayName ??
    idInfo?.fullName ??
    ([idInfo?.firstName, idInfo?.lastName].some((part) => part) ? 'named' : null);
  const birthDate = view.subject.birthDate ?? idInfo?.birthDate ?? null;
  const document = idInfo?.idNumber ?? idInfo?.idType?.value ?? view.subject.idNumberMasked ?? null;
  return Boolean(name || birthDate || document);
}

/** What the reviewer did outside the verification that stands in for part of it. */
export interface GapCover {
  /** The reviewer opened the organisation's directory record of the subject: it names the person. */
  directoryRecordOpened?: boolean;
}

/**
 * The gaps of a verification; none when it could not be loaded (that blocks approval on its own). A view that
 * names nobody is covered by the directory record once the reviewer opened it; otherwise it is acknowledged.
 */
export function evidenceGaps(view: CaseView | null, cover: GapCover = {}): EvidenceGapFinding[] {
  if (!view) return [];
  // Identity, biometrics and documents are a person's; a business is verified through its representatives.
  if (view.subject.type !== 'individual') return [];
  const gaps: EvidenceGapFinding[] = [];
  if (!hasIdentityEvidence(view) && !cover.directoryRecordOpened) {
    gaps.push(
      gap('identity_missing', 'No name, birth date or identity document in the verification', 'subject'),
    );
  }
  const score = isProvided(view.faceMatch) ? view.faceMatch.score : null;
  if (score === null) {
    gaps.push(gap('face_match_missing', 'No face match between the selfie and the document', 'faceMatch'));
  } else if (score < faceMatchThreshold) {
    gaps.push(
      gap(
        'face_match_low',
        `Face match ${score.toFixed(2)} is below the ${faceMatchThreshold.toFixed(2)} threshold`,
        'faceMatch',
      ),
    );
  }
  if (!isProvided(view.liveness) || !enumIs(view.liveness.result, 'passed')) {
    gaps.push(gap('liveness_not_passed', 'The liveness check did not pass', 'liveness'));
  }
  const images = isProvided(view.media) ? view.media.files : [];
  if (!images.some((file) => file.kind === 'front' && file.available)) {
    gaps.push(gap('id_images_missing', 'No image of the identity document', 'media'));
  }
  if (isProvided(view.idInfo) && view.idInfo.expiry === 'expired') {
    gaps.push(gap('document_expired', 'The identity document has expired', 'idInfo'));
  }
  return gaps;
}
