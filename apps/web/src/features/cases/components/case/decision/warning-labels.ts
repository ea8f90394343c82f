import type { WarningRef } from '@review-desk/contracts';

const sectionLabels: Record<string, string> = {
  faceMatch: 'Face match',
  liveness: 'Liveness',
  idInfo: 'ID document',
  fraud: 'Fraud signals',
  relatedSessions: 'Related sessions',
  aml: 'AML screening',
};

const codeLabels: Record<string, string> = {
  FACE_MATCH_LOW_CONFIDENCE: 'the selfie and the document photo match with low confidence',
  DOCUMENT_EXPIRING_SOON: 'the document expires soon',
  RELATED_SESSIONS_FOUND: 'other verification sessions share this person’s details',
};

const humanise = (code: string) => code.toLowerCase().replaceAll('_', ' ');

/** A check warning in plain words: its section, then what it means (the code stays in the record). */
export function warningLabel(warning: WarningRef): string {
  const section = sectionLabels[warning.section] ?? warning.section;
  const meaning = warning.code ? (codeLabels[warning.code] ?? humanise(warning.code)) : 'warning';
  return `${section}: ${meaning}${warning.message ? ` (${warning.message})` : ''}`;
}
