import type { CaseView } from '@review-desk/contracts';
import { maskIdNumber } from '../normalise/mask';
import type { CaseRow } from './schema';

/**
 * The view with the subject's name, birth date and masked identifier completed from the case record where the
 * provider sent none (connectFi's status names nobody; the case keeps what the directory said), so every section
 * of the page names the same subject. Only what is missing is filled; what the provider sent is never replaced.
 */
export function withRecordedSubject(
  view: CaseView,
  row: Pick<CaseRow, 'display_name' | 'birth_date' | 'id_number' | 'tax_id' | 'subject_type'>,
): CaseView {
  const { subject } = view;
  const identifier = row.subject_type === 'business' ? (row.tax_id ?? row.id_number) : row.id_number;
  const filled = {
    ...subject,
    displayName: subject.displayName ?? row.display_name,
    birthDate: subject.birthDate ?? row.birth_date,
    idNumberMasked: subject.idNumberMasked ?? (identifier === null ? null : maskIdNumber(identifier)),
  };
  const unchanged =
    filled.displayName === subject.displayName &&
    filled.birthDate === subject.birthDate &&
    filled.idNumberMasked === subject.idNumberMasked;
  return unchanged ? view : { ...view, subject: filled };
}
