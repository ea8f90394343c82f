import type { VerificationSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import type { Fields } from '../fields';
import { capaVerificationResult } from '../vocabularies';

export function readVerification(data: Fields, userId: string): VerificationSection {
  const summary = data.section('aipriseSummary');
  const result = summary?.enumOf('verificationResult', capaVerificationResult) ?? null;
  const verificationSessionId = data.text('verificationSessionId');
  const createdAt = readCreatedAt(data);
  const subjectReference = data.text('clientReferenceId');
  if (subjectReference !== null && subjectReference !== userId)
    data.log.add(
      data.path,
      'clientReferenceId',
      'subject_mismatch',
      'The payload names another Capa user than the one requested',
    );
  if (summary === null && verificationSessionId === null && createdAt === null && subjectReference === null)
    return notProvided;
  return { provided: true, result, status: null, verificationSessionId, createdAt, subjectReference };
}

/** AiPrise, behind Capa, keeps creation times as Unix milliseconds; a number is shown as ISO 8601. */
export function readCreatedAt(data: Fields): string | null {
  const value = data.source.createdAt;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const time = new Date(value);
    if (!Number.isNaN(time.getTime())) {
      data.log.add(data.path, 'createdAt', 'unexpected_type', 'Unix milliseconds; shown as ISO 8601', value);
      return time.toISOString();
    }
  }
  return data.text('createdAt');
}
