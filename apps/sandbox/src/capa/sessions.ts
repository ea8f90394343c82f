// A customer finishing a KYC session in the sandbox: the new session describes the same person the user's
// records already name (previous ID data, then the organisation's profile, then the alias), with checks that
// agree with the requested result.

import { buildKycDetails, cleanSpec, faceLevelOf, type KycBuild, type KycSpec } from '../population/kyc';
import { foldToAscii, makePerson, type Person } from '../population/people';
import { hashString, Rng } from '../population/prng';
import type { KycVerificationResult, SubjectProfile } from '../population/types';
import type { CapaUserRecord } from './users';

export interface CompletionRequest {
  result: KycVerificationResult;
  /** 0..1; by default drawn to suit the result. */
  faceMatchScore?: number;
  /** AML entity hits; by default none for VERIFIED and REJECTED, one for REVIEW_NEEDED. */
  amlHits?: number;
}

function specFor(request: CompletionRequest): KycSpec {
  const spec: KycSpec = { ...cleanSpec, result: request.result, partial: [], odd: [] };
  if (request.result === 'REVIEW_NEEDED') Object.assign(spec, { face: 'borderline', amlHits: 1 });
  if (request.result === 'REJECTED') Object.assign(spec, { face: 'low', liveness: 'failed' });
  if (request.faceMatchScore !== undefined) {
    spec.faceScore = request.faceMatchScore;
    spec.face = faceLevelOf(request.faceMatchScore);
  }
  if (request.amlHits !== undefined) {
    spec.amlHits = request.amlHits;
    spec.amlResolution =
      request.result === 'VERIFIED'
        ? 'FALSE_POSITIVE'
        : request.result === 'REJECTED'
          ? 'TRUE_MATCH'
          : 'UNRESOLVED';
  }
  return spec;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The person behind the user's records, with generated details (address, phone, document dates) filling gaps. */
function personOf(record: CapaUserRecord, rng: Rng, epochMs: number): Person {
  const person = makePerson(rng, epochMs);
  const id = record.kycDetails?.idInfo;
  if (id?.firstName && id.lastName && id.fullName) {
    person.firstName = id.firstName;
    person.lastName = id.lastName;
    person.fullName = id.fullName;
    if (id.middleName) person.middleName = id.middleName;
    else delete person.middleName;
    if (id.secondLastName) person.secondLastName = id.secondLastName;
    else delete person.secondLastName;
    if (id.gender === 'M' || id.gender === 'F') person.gender = id.gender;
    if (id.nationality && id.nationalityCode) {
      person.nationality = id.nationality;
      person.nationalityCode = id.nationalityCode;
    }
    if (id.idType) person.document.idType = id.idType;
    if (id.issueCountry && id.issueCountryCode) {
      person.document.issueCountry = id.issueCountry;
      person.document.issueCountryCode = id.issueCountryCode;
    }
    if (id.address?.fullAddress) person.address.fullAddress = id.address.fullAddress;
  } else if (record.profile.birthDate !== null || record.alias) {
    const [first = record.profile.fullName, ...rest] = (record.alias ?? record.profile.fullName).split(' ');
    person.firstName = first;
    person.lastName = rest.join(' ') || first;
    person.fullName = [first, ...rest].join(' ');
    delete person.middleName;
    delete person.secondLastName;
  }
  person.latinFullName = foldToAscii(person.fullName);
  if (record.profile.birthDate && isoDay.test(record.profile.birthDate))
    person.birthDate = record.profile.birthDate;
  if (record.profile.idNumber) person.document.idNumber = record.profile.idNumber;
  return person;
}

export interface CompletedSession extends KycBuild {
  profile: SubjectProfile;
}

export function completeSession(
  record: CapaUserRecord,
  request: CompletionRequest,
  session: { verificationSessionId: string; now: Date },
): CompletedSession {
  // Deterministic per user and session, so a replayed demo produces the same payloads.
  const rng = new Rng(hashString(record.userId), record.completedSessions + 1);
  const epochMs = session.now.getTime();
  const person = personOf(record, rng, epochMs);
  const build = buildKycDetails(rng, person, specFor(request), {
    userId: record.userId,
    verificationSessionId: session.verificationSessionId,
    createdAt: session.now.toISOString(),
    epochMs,
  });
  return {
    ...build,
    profile: {
      fullName: person.fullName,
      birthDate: person.birthDate,
      idNumber: person.document.idNumber,
      country: person.residenceCode,
    },
  };
}
