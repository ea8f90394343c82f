import type { ClientReferenceSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import type { Fields } from '../fields';

export function readClientReference(data: Fields): ClientReferenceSection {
  const personalInfo = data.section('clientReferenceData')?.section('personalInfo') ?? null;
  if (personalInfo === null) return notProvided;
  return {
    provided: true,
    profession: personalInfo.text('profession'),
    phoneNumber: personalInfo.text('phoneNumber'),
    birthCountry: personalInfo.text('birthCountry'),
    taxId: personalInfo.text('taxId'),
  };
}
