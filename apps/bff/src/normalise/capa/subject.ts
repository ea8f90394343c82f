import { type IdInfoSection, isProvided, type Subject } from '@review-desk/contracts';
import { maskIdNumber } from '../mask';

export function capaSubject(
  userId: string,
  externalUserId: string | undefined,
  idInfo: IdInfoSection,
): Subject {
  const document = isProvided(idInfo) ? idInfo : null;
  return {
    provider: 'capa',
    id: userId,
    externalUserId: externalUserId ?? null,
    type: 'individual',
    displayName: document === null ? null : displayName(document),
    birthDate: document?.birthDate ?? null,
    idNumberMasked: document?.idNumber == null ? null : maskIdNumber(document.idNumber),
  };
}

type NameParts = Pick<
  Extract<IdInfoSection, { provided: true }>,
  'fullName' | 'firstName' | 'middleName' | 'lastName' | 'secondLastName'
>;

const hasText = (value: string | null): value is string => value !== null && value.trim() !== '';

/** The document's full name as printed, else its name parts in order. */
function displayName(document: NameParts): string | null {
  if (hasText(document.fullName)) return document.fullName;
  const parts = [document.firstName, document.middleName, document.lastName, document.secondLastName].filter(
    hasText,
  );
  return parts.length === 0 ? null : parts.join(' ');
}
