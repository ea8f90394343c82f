import type { IdInfoSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import { documentDay, documentExpiry } from '../expiry';
import type { Fields } from '../fields';
import { capaIdType, gender } from '../vocabularies';
import { readCheck } from './checks';

export function readIdInfo(data: Fields, now: Date): IdInfoSection {
  const section = data.section('idInfo');
  if (section === null) return notProvided;
  const idExpiryDate = section.text('idExpiryDate');
  if (idExpiryDate !== null && documentDay(idExpiryDate) === null)
    section.log.add(
      section.path,
      'idExpiryDate',
      'unexpected_type',
      'Not a date (YYYY-MM-DD); expiry unknown',
    );
  return {
    provided: true,
    ...readCheck(section),
    firstName: section.text('firstName'),
    middleName: section.text('middleName'),
    lastName: section.text('lastName'),
    secondLastName: section.text('secondLastName'),
    fullName: section.text('fullName'),
    birthDate: section.text('birthDate'),
    gender: section.enumOf('gender', gender),
    nationality: section.text('nationality'),
    nationalityCode: section.text('nationalityCode'),
    idType: section.enumOf('idType', capaIdType),
    idNumber: section.text('idNumber'),
    idIssueDate: section.text('idIssueDate'),
    idExpiryDate,
    expiry: documentExpiry(idExpiryDate, now),
    issueCountry: section.text('issueCountry'),
    issueCountryCode: section.text('issueCountryCode'),
    fullAddress: readFullAddress(section),
    documentDetails: section.raw('documentDetails'),
  };
}

function readFullAddress(section: Fields): string | null {
  const address = section.source.address;
  if (typeof address === 'string') {
    section.log.add(
      section.path,
      'address',
      'unexpected_type',
      'Expected an object, got a string; shown as the full address',
    );
    return address;
  }
  return section.optionalObject('address')?.text('fullAddress') ?? null;
}
