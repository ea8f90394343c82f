// Builds the Get KYC Details payload of one verification session from a person and a scenario: face match,
// liveness, fraud, identity document and AML sections whose results agree with the overall verdict, then the
// deviations real payloads show (missing or null sections, numbers as strings, unknown values, odd casing).

import type { MediaKind } from '../media/links';
import { addYears, daysFrom, type Person } from './people';
import type { Rng } from './prng';
import type {
  AmlEntityHit,
  AmlListing,
  AmlListType,
  KycAmlInfo,
  KycDetails,
  KycFaceMatchInfo,
  KycFraudInsights,
  KycIdInfo,
  KycSection,
  KycStatusReason,
  KycVerificationResult,
  KycWarning,
} from './types';

export type FaceLevel = 'high' | 'borderline' | 'low';
export type LivenessLevel = 'passed' | 'review' | 'failed';
/** warnings: suspicious signals and related sessions for review; declined: a confirmed duplicate identity. */
export type FraudLevel = 'clean' | 'warnings' | 'declined';
export type AmlResolution = 'UNRESOLVED' | 'FALSE_POSITIVE' | 'TRUE_MATCH' | 'mixed';
export type IdValidity = 'valid' | 'near-expiry' | 'expired';

/** Deviations from the published schema that real payloads show. The last two break the OpenAPI `required`. */
export const partialKinds = [
  'no-media',
  'some-media',
  'no-related-sessions',
  'no-personal-info',
  'sparse-id',
  'sparse-aml',
  'no-created-at',
  'liveness-null',
  'face-missing',
] as const;
export type PartialKind = (typeof partialKinds)[number];

/** Odd values; the first two send numbers as strings, which the OpenAPI types do not allow. */
export const oddKinds = [
  'score-as-string',
  'numhits-as-string',
  'unknown-enum',
  'odd-casing',
  'odd-gender',
  'odd-date-format',
] as const;
export type OddKind = (typeof oddKinds)[number];

export interface KycSpec {
  result: KycVerificationResult;
  face: FaceLevel;
  /** Overrides the score drawn for the face level. */
  faceScore?: number;
  liveness: LivenessLevel;
  fraud: FraudLevel;
  amlHits: number;
  amlResolution: AmlResolution;
  id: IdValidity;
  partial: PartialKind[];
  odd: OddKind[];
}

export const cleanSpec: KycSpec = {
  result: 'VERIFIED',
  face: 'high',
  liveness: 'passed',
  fraud: 'clean',
  amlHits: 0,
  amlResolution: 'UNRESOLVED',
  id: 'valid',
  partial: [],
  odd: [],
};

export interface KycBuild {
  details: KycDetails;
  media: MediaKind[];
  tags: string[];
}

export interface SessionContext {
  userId: string;
  verificationSessionId: string;
  createdAt: string;
  epochMs: number;
}

const professions = ['Employee', 'Public Servant', 'Entrepreneur or Contractor', 'Student', 'Other'] as const;

// Shared by every generated session (a large population holds hundreds of thousands of these); frozen, so a
// stray mutation fails loudly instead of changing every subject at once.
const noReasons: readonly KycStatusReason[] = Object.freeze([]);
const noWarnings: readonly KycWarning[] = Object.freeze([]);
const idChecks = (expiry: string) =>
  Object.freeze({
    DATA_CONSISTENCY: 'PASSED',
    DOCUMENT_EXPIRY: expiry,
    TAMPERING_DETECTION: 'PASSED',
    MINIMUM_AGE: 'PASSED',
  });
const summaries = {
  facePassed: Object.freeze({ FACE_COMPARISON: 'PASSED' }),
  faceReview: Object.freeze({ FACE_COMPARISON: 'REVIEW' }),
  faceFailed: Object.freeze({ FACE_COMPARISON: 'FAILED' }),
  livenessPassed: Object.freeze({ PASSIVE_LIVENESS: 'PASSED', SPOOF_DETECTION: 'PASSED' }),
  livenessReview: Object.freeze({ PASSIVE_LIVENESS: 'REVIEW', SPOOF_DETECTION: 'PASSED' }),
  livenessFailed: Object.freeze({ PASSIVE_LIVENESS: 'FAILED', SPOOF_DETECTION: 'FAILED' }),
  idPassed: idChecks('PASSED'),
  idExpired: idChecks('FAILED'),
};

function warning(rng: Rng, code: string, message: string, resolutionStatus = 'UNRESOLVED'): KycWarning {
  return { code, message, warningId: `wrn_${rng.hex(16)}`, resolutionStatus };
}

function sectionId(rng: Rng, name: string): string {
  return `${name}_${rng.hex(8)}`;
}

/** The status of a failed check: declined when the session was rejected, otherwise left for review. */
function failedStatus(result: KycVerificationResult): string {
  return result === 'REJECTED' ? 'DECLINED' : 'REVIEW_NEEDED';
}

export function faceScoreFor(rng: Rng, level: FaceLevel): number {
  if (level === 'high') return rng.float(0.86, 0.995, 2);
  if (level === 'borderline') return rng.float(0.6, 0.8, 2);
  return rng.float(0.08, 0.49, 2);
}

export function faceLevelOf(score: number): FaceLevel {
  if (score >= 0.8) return 'high';
  return score >= 0.5 ? 'borderline' : 'low';
}

function faceMatchSection(rng: Rng, spec: KycSpec): KycFaceMatchInfo {
  const faceMatchScore = spec.faceScore ?? faceScoreFor(rng, spec.face);
  const level = spec.faceScore === undefined ? spec.face : faceLevelOf(spec.faceScore);
  const section_id = sectionId(rng, 'face_match');
  if (level === 'high') {
    return {
      faceMatchScore,
      checkSummary: summaries.facePassed,
      result: 'PASSED',
      section_id,
      status: 'APPROVED',
      statusReasons: noReasons,
      warnings: noWarnings,
    };
  }
  if (level === 'borderline') {
    return {
      faceMatchScore,
      checkSummary: summaries.faceReview,
      result: 'REVIEW',
      section_id,
      status: 'REVIEW_NEEDED',
      statusReasons: noReasons,
      warnings: [
        warning(
          rng,
          'FACE_MATCH_LOW_CONFIDENCE',
          `Face similarity ${faceMatchScore} is below the auto-approve threshold of 0.80`,
        ),
      ],
    };
  }
  return {
    faceMatchScore,
    checkSummary: summaries.faceFailed,
    result: 'FAILED',
    section_id,
    status: failedStatus(spec.result),
    statusReasons: [
      { code: 'FACE_MISMATCH', message: 'The selfie does not match the photo on the ID document' },
    ],
    warnings: noWarnings,
  };
}

const spoofReasons: readonly KycStatusReason[] = [
  { code: 'SPOOF_SCREEN_REPLAY', message: 'The selfie video appears to be recorded from a screen' },
  { code: 'SPOOF_PRINTED_PHOTO', message: 'A printed photo was presented instead of a live face' },
  { code: 'FACE_OCCLUDED', message: 'The face is partly covered' },
  { code: 'NO_MOTION_DETECTED', message: 'No natural head movement was detected during the challenge' },
];

function livenessSection(rng: Rng, spec: KycSpec): KycSection {
  const section_id = sectionId(rng, 'face_liveness');
  if (spec.liveness === 'passed') {
    return {
      checkSummary: summaries.livenessPassed,
      result: 'PASSED',
      section_id,
      status: 'APPROVED',
      statusReasons: noReasons,
      warnings: noWarnings,
    };
  }
  if (spec.liveness === 'review') {
    return {
      checkSummary: summaries.livenessReview,
      result: 'REVIEW',
      section_id,
      status: 'REVIEW_NEEDED',
      statusReasons: noReasons,
      warnings: [
        warning(
          rng,
          rng.pick(['LOW_LIGHTING', 'MULTIPLE_FACES_DETECTED', 'LOW_VIDEO_QUALITY']),
          'The liveness capture quality is too low for an automatic decision',
        ),
      ],
    };
  }
  return {
    checkSummary: summaries.livenessFailed,
    result: 'FAILED',
    section_id,
    status: failedStatus(spec.result),
    statusReasons: rng.sample(spoofReasons, rng.int(1, 2)),
    warnings: noWarnings,
  };
}

const fraudWarnings: readonly (readonly [string, string])[] = [
  ['DEVICE_SHARED_ACROSS_USERS', 'This device was used by 3 other applicants in the last 30 days'],
  ['IP_COUNTRY_MISMATCH', 'The IP address is located in a different country than the ID document'],
  ['DISPOSABLE_EMAIL_DOMAIN', 'The email address uses a disposable email provider'],
  ['VPN_OR_PROXY_DETECTED', 'The session was made through a VPN or proxy'],
  ['HIGH_VELOCITY_ATTEMPTS', 'Several verification attempts were made within one hour'],
];

const relatedSessionWarnings: readonly (readonly [string, string])[] = [
  ['RELATED_SESSION_SAME_FACE', 'The face matches 2 earlier sessions submitted under different names'],
  ['RELATED_SESSION_SAME_DEVICE', 'The device fingerprint matches 4 earlier sessions'],
  ['RELATED_SESSION_SAME_ID_NUMBER', 'The ID number was used in an earlier session with a different selfie'],
];

function fraudSection(rng: Rng, spec: KycSpec): KycFraudInsights {
  const section_id = sectionId(rng, 'fraud_insights');
  const relatedId = sectionId(rng, 'related_sessions');
  if (spec.fraud === 'clean') {
    return {
      relatedSessionInsights: {
        result: 'CLEAN',
        section_id: relatedId,
        status: 'APPROVED',
        statusReasons: noReasons,
        warnings: [],
      },
      result: 'CLEAN',
      section_id,
      status: 'APPROVED',
      statusReasons: noReasons,
      warnings: noWarnings,
    };
  }
  const related = rng
    .sample(relatedSessionWarnings, rng.int(1, 2))
    .map(([code, message]) => warning(rng, code, message));
  if (spec.fraud === 'warnings') {
    return {
      relatedSessionInsights: {
        result: 'SUSPICIOUS',
        section_id: relatedId,
        status: 'REVIEW_NEEDED',
        statusReasons: noReasons,
        warnings: related,
      },
      result: 'SUSPICIOUS',
      section_id,
      status: 'REVIEW_NEEDED',
      statusReasons: noReasons,
      warnings: rng
        .sample(fraudWarnings, rng.int(1, 3))
        .map(([code, message]) => warning(rng, code, message)),
    };
  }
  return {
    relatedSessionInsights: {
      result: 'FRAUD',
      section_id: relatedId,
      status: 'DECLINED',
      statusReasons: [
        { code: 'DUPLICATE_IDENTITY', message: 'The same face was verified under another identity' },
      ],
      warnings: related,
    },
    result: 'FRAUD',
    section_id,
    status: 'DECLINED',
    statusReasons: [
      { code: 'FRAUD_RING_SUSPECTED', message: 'The session is linked to known fraudulent sessions' },
    ],
    warnings: noWarnings,
  };
}

/** The person's document with the validity the scenario asks for. */
function documentDates(rng: Rng, person: Person, validity: IdValidity, epochMs: number) {
  if (validity === 'valid')
    return { issueDate: person.document.issueDate, expiryDate: person.document.expiryDate };
  const expiryDate =
    validity === 'expired' ? daysFrom(epochMs, -rng.int(1, 700)) : daysFrom(epochMs, rng.int(1, 45));
  return { issueDate: addYears(expiryDate, -10), expiryDate };
}

function idSection(rng: Rng, person: Person, spec: KycSpec, epochMs: number): KycIdInfo {
  const { issueDate, expiryDate } = documentDates(rng, person, spec.id, epochMs);
  const doc = person.document;
  const expired = spec.id === 'expired';
  // Built in the documented field order; optional names are set only when the person has them.
  const info: KycIdInfo = {
    address: { fullAddress: person.address.fullAddress },
    birthDate: person.birthDate,
    checkSummary: expired ? summaries.idExpired : summaries.idPassed,
    documentDetails: {
      documentType: doc.idType,
      templateName: `${doc.issueCountryCode}_${doc.idType}_${issueDate.slice(0, 4)}`,
      pagesCaptured: doc.idType === 'PASSPORT' ? 1 : 2,
      mrzDetected: doc.idType === 'PASSPORT' || doc.idType === 'NATIONAL_ID',
      barcodeDetected: doc.idType === 'INE' || doc.idType === 'DRIVERS_LICENSE',
      imageQuality: rng.pick(['GOOD', 'GOOD', 'FAIR', 'BLURRY']),
    },
    firstName: person.firstName,
    idExpiryDate: expiryDate,
    idIssueDate: issueDate,
    idType: doc.idType,
    idNumber: doc.idNumber,
  };
  if (person.middleName) info.middleName = person.middleName;
  info.lastName = person.lastName;
  if (person.secondLastName) info.secondLastName = person.secondLastName;
  info.fullName = person.fullName;
  info.gender = person.gender;
  info.nationality = person.nationality;
  info.nationalityCode = person.nationalityCode;
  info.issueCountry = doc.issueCountry;
  info.issueCountryCode = doc.issueCountryCode;
  info.result = expired ? 'FAILED' : 'PASSED';
  info.section_id = sectionId(rng, 'id_verification');
  info.status = expired ? failedStatus(spec.result) : 'APPROVED';
  info.statusReasons = expired
    ? [{ code: 'DOCUMENT_EXPIRED', message: `The ID document expired on ${expiryDate}` }]
    : noReasons;
  info.warnings =
    spec.id === 'near-expiry'
      ? [warning(rng, 'DOCUMENT_EXPIRING_SOON', `The ID document expires on ${expiryDate}`)]
      : noWarnings;
  return info;
}

const listings: Record<
  AmlListType,
  readonly (readonly [listName: string, sourceName: string, url: string])[]
> = {
  sanction: [
    [
      'OFAC Specially Designated Nationals List',
      'US Treasury OFAC',
      'https://sanctionssearch.ofac.treas.gov/',
    ],
    [
      'EU Consolidated Financial Sanctions List',
      'European Commission',
      'https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions',
    ],
    [
      'UN Security Council Consolidated List',
      'United Nations',
      'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list',
    ],
    ['Lista de Personas Bloqueadas', 'Unidad de Inteligencia Financiera (MX)', 'https://www.gob.mx/uif'],
  ],
  pep: [
    ['Politically Exposed Persons - Mexico', 'Secretaría de la Función Pública', 'https://www.gob.mx/sfp'],
    [
      'Politically Exposed Persons - Dominican Republic',
      'Cámara de Cuentas',
      'https://www.camaradecuentas.gob.do/',
    ],
    [
      'Politically Exposed Persons - EU Member States',
      'EU Transparency Register',
      'https://transparency-register.europa.eu/',
    ],
  ],
  adverse_media: [
    ['Adverse Media - Financial Crime', 'El Universal', 'https://www.eluniversal.com.mx/'],
    ['Adverse Media - Fraud', 'Reuters', 'https://www.reuters.com/'],
    ['Adverse Media - Corruption', 'Diario Libre', 'https://www.diariolibre.com/'],
  ],
};

function listing(rng: Rng, listType: AmlListType, matchedFields: string[], epochMs: number): AmlListing {
  const [listName, sourceName, url] = rng.pick(listings[listType]);
  return {
    listName,
    listType,
    sourceName,
    url,
    matchedFields,
    listingDate: daysFrom(epochMs, -rng.int(30, 4000)),
  };
}

function nameVariants(person: Person): string[] {
  return [
    person.latinFullName.toUpperCase(),
    `${person.lastName}, ${person.firstName}`,
    person.latinFullName,
    `${person.firstName.charAt(0)}. ${person.lastName}`,
    person.fullName,
  ];
}

function resolutionAt(resolution: AmlResolution, index: number): string {
  if (resolution !== 'mixed') return resolution;
  return (['UNRESOLVED', 'FALSE_POSITIVE', 'TRUE_MATCH', 'UNRESOLVED'] as const)[index % 4] ?? 'UNRESOLVED';
}

function entityHit(rng: Rng, person: Person, index: number, spec: KycSpec, epochMs: number): AmlEntityHit {
  const variants = nameVariants(person);
  const resolutionStatus = resolutionAt(spec.amlResolution, index);
  const trueMatch = resolutionStatus === 'TRUE_MATCH';
  const organisation = !trueMatch && index > 0 && rng.chance(0.2);
  const id = `ent_${rng.base62(16)}`;
  if (organisation) {
    return {
      id,
      name: `${person.lastName} ${rng.pick(['Holdings', 'Group', 'Trading', '& Asociados', 'Import Export'])}`,
      entityType: 'organisation',
      nameMatchScore: rng.float(0.6, 0.8, 2),
      alsoKnownAs: [],
      amlHits: [listing(rng, rng.pick(['sanction', 'adverse_media'] as const), ['name'], epochMs)],
      resolutionStatus,
    };
  }
  const dobMatch = trueMatch ? 'exact' : rng.pick(['exact', 'year', 'different'] as const);
  const birthYear = Number(person.birthDate.slice(0, 4));
  const dateOfBirth =
    dobMatch === 'exact'
      ? person.birthDate
      : dobMatch === 'year'
        ? String(birthYear)
        : `${birthYear + rng.pick([-7, -3, 2, 5])}${person.birthDate.slice(4)}`;
  const matchedFields = dobMatch === 'different' ? ['name'] : ['name', 'dateOfBirth'];
  if (rng.chance(0.3)) matchedFields.push('nationality');
  const listTypes: AmlListType[] = trueMatch
    ? ['sanction', ...(rng.chance(0.5) ? (['adverse_media'] as const) : [])]
    : rng.sample(['sanction', 'pep', 'adverse_media'] as const, rng.int(1, 3));
  return {
    id,
    name: trueMatch ? (variants[0] ?? person.fullName) : rng.pick(variants),
    entityType: 'person',
    nameMatchScore: trueMatch ? rng.float(0.95, 1, 2) : rng.float(0.65, 0.97, 2),
    dateOfBirth,
    dateOfBirthMatchScore: dobMatch === 'exact' ? 1 : dobMatch === 'year' ? 0.5 : rng.float(0.1, 0.4, 2),
    alsoKnownAs: rng.sample(variants, rng.int(1, 3)),
    amlHits: listTypes.map((type) => listing(rng, type, matchedFields, epochMs)),
    resolutionStatus,
  };
}

function amlSection(rng: Rng, person: Person, spec: KycSpec, epochMs: number): KycAmlInfo {
  const entityHits = Array.from({ length: spec.amlHits }, (_, i) => entityHit(rng, person, i, spec, epochMs));
  const summary: Record<string, number> = {
    totalHits: entityHits.length,
    sanction: 0,
    pep: 0,
    adverse_media: 0,
  };
  for (const hit of entityHits) {
    for (const type of new Set(hit.amlHits.map((l) => l.listType))) summary[type] = (summary[type] ?? 0) + 1;
  }
  return {
    entityHits,
    numHits: entityHits.length,
    amlHitSummary: summary,
    searchCriteria: { searchTerm: person.fullName, fuzzinessScore: rng.pick([0.6, 0.8]), exactMatch: false },
  };
}

function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}

function toDayMonthYear(date: string | undefined): string | undefined {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function applyPartial(details: KycDetails, kind: PartialKind): void {
  switch (kind) {
    case 'no-related-sessions':
      if (details.fraudInsights) delete details.fraudInsights.relatedSessionInsights;
      break;
    case 'no-personal-info':
      details.clientReferenceData = {};
      break;
    case 'sparse-id':
      if (details.idInfo) {
        delete details.idInfo.middleName;
        delete details.idInfo.secondLastName;
        delete details.idInfo.address;
        delete details.idInfo.documentDetails;
        delete details.idInfo.checkSummary;
      }
      break;
    case 'sparse-aml':
      if (details.amlInfo) {
        delete details.amlInfo.searchCriteria;
        delete details.amlInfo.amlHitSummary;
      }
      break;
    case 'no-created-at':
      delete details.createdAt;
      break;
    case 'liveness-null':
      details.faceLivenessInfo = null;
      break;
    case 'face-missing':
      delete details.faceMatchInfo;
      break;
    case 'no-media':
    case 'some-media':
      break;
  }
}

function applyOdd(rng: Rng, details: KycDetails, kind: OddKind): void {
  const { faceMatchInfo, amlInfo, idInfo, fraudInsights, faceLivenessInfo } = details;
  switch (kind) {
    case 'score-as-string':
      if (faceMatchInfo && typeof faceMatchInfo.faceMatchScore === 'number') {
        faceMatchInfo.faceMatchScore = faceMatchInfo.faceMatchScore.toFixed(2);
      }
      break;
    case 'numhits-as-string':
      if (amlInfo && typeof amlInfo.numHits === 'number') amlInfo.numHits = String(amlInfo.numHits);
      break;
    case 'unknown-enum': {
      const target = rng.pick([fraudInsights, faceLivenessInfo, idInfo].filter((s) => s != null));
      target.result = 'INCONCLUSIVE_V2';
      break;
    }
    case 'odd-casing':
      for (const section of [faceMatchInfo, faceLivenessInfo, idInfo]) {
        if (section?.status) section.status = titleCase(section.status);
        if (section?.result) section.result = section.result.toLowerCase();
      }
      break;
    case 'odd-gender':
      if (idInfo?.gender) idInfo.gender = idInfo.gender === 'M' ? 'male' : 'female';
      break;
    case 'odd-date-format':
      if (idInfo) {
        idInfo.birthDate = toDayMonthYear(idInfo.birthDate);
        idInfo.idExpiryDate = toDayMonthYear(idInfo.idExpiryDate);
        idInfo.idIssueDate = toDayMonthYear(idInfo.idIssueDate);
      }
      break;
  }
}

const resultTags: Record<KycVerificationResult, string> = {
  VERIFIED: 'verified',
  REJECTED: 'rejected',
  REVIEW_NEEDED: 'review_needed',
};

function amlTag(hits: number): string {
  if (hits === 0) return 'aml:0';
  return hits === 1 ? 'aml:1' : 'aml:many';
}

/** Scenario tags describing a session built from `spec` (the face level follows an explicit score). */
export function kycTags(spec: KycSpec): string[] {
  const face = spec.faceScore === undefined ? spec.face : faceLevelOf(spec.faceScore);
  const tags = [resultTags[spec.result], amlTag(spec.amlHits), `face:${face}`];
  if (spec.amlHits > 0) tags.push(`aml:${spec.amlResolution.toLowerCase().replace('_', '-')}`);
  if (spec.liveness !== 'passed') tags.push(`liveness:${spec.liveness}`);
  if (spec.fraud === 'warnings') tags.push('fraud:warnings', 'fraud:related-sessions');
  if (spec.fraud === 'declined') tags.push('fraud:declined');
  if (spec.id !== 'valid') tags.push(`id:${spec.id}`);
  if (spec.partial.length > 0) tags.push('partial', ...spec.partial.map((k) => `partial:${k}`));
  if (spec.odd.length > 0) tags.push('odd-values', ...spec.odd.map((k) => `odd:${k}`));
  return tags;
}

export function buildKycDetails(rng: Rng, person: Person, spec: KycSpec, session: SessionContext): KycBuild {
  const details: KycDetails = {
    aipriseSummary: { verificationResult: spec.result },
    amlInfo: amlSection(rng, person, spec, session.epochMs),
    clientReferenceData: {
      personalInfo: {
        profession: rng.pick(professions),
        phoneNumber: person.phone,
        birthCountry: person.nationalityCode,
        taxId: person.taxId,
      },
    },
    faceLivenessInfo: livenessSection(rng, spec),
    faceMatchInfo: faceMatchSection(rng, spec),
    fraudInsights: fraudSection(rng, spec),
    idInfo: idSection(rng, person, spec, session.epochMs),
    clientReferenceId: session.userId,
    createdAt: session.createdAt,
    verificationSessionId: session.verificationSessionId,
  };
  for (const kind of spec.partial) applyPartial(details, kind);
  for (const kind of spec.odd) applyOdd(rng, details, kind);
  const media: MediaKind[] = spec.partial.includes('no-media')
    ? []
    : spec.partial.includes('some-media')
      ? ['front', 'selfie']
      : ['front', 'back', 'selfie', 'selfie-video'];
  return { details, media, tags: kycTags(spec) };
}

/** A scenario for the random part of the population: about 45% review, 35% verified, 20% rejected. */
export function randomKycSpec(rng: Rng): KycSpec {
  const result = rng.weighted<KycVerificationResult>([
    ['REVIEW_NEEDED', 45],
    ['VERIFIED', 35],
    ['REJECTED', 20],
  ]);
  const spec: KycSpec = { ...cleanSpec, result, partial: [], odd: [] };
  if (result === 'VERIFIED') {
    if (rng.chance(0.2)) Object.assign(spec, { amlHits: 1, amlResolution: 'FALSE_POSITIVE' });
    if (rng.chance(0.05)) spec.id = 'near-expiry';
  } else if (result === 'REVIEW_NEEDED') {
    const reasons = rng.sample(
      [
        'face',
        'aml-one',
        'aml-many',
        'fraud',
        'near-expiry',
        'expired',
        'liveness-review',
        'liveness-failed',
      ] as const,
      rng.int(1, 3),
    );
    for (const reason of reasons) {
      if (reason === 'face') spec.face = 'borderline';
      if (reason === 'aml-one') Object.assign(spec, { amlHits: 1, amlResolution: 'UNRESOLVED' });
      if (reason === 'aml-many') {
        Object.assign(spec, {
          amlHits: rng.int(3, 8),
          amlResolution: rng.pick(['UNRESOLVED', 'mixed'] as const),
        });
      }
      if (reason === 'fraud') spec.fraud = 'warnings';
      if (reason === 'near-expiry' && spec.id === 'valid') spec.id = 'near-expiry';
      if (reason === 'expired') spec.id = 'expired';
      if (reason === 'liveness-review') spec.liveness = 'review';
      if (reason === 'liveness-failed') spec.liveness = 'failed';
    }
  } else {
    const reasons = rng.sample(['face', 'liveness', 'expired', 'aml', 'fraud'] as const, rng.int(1, 2));
    for (const reason of reasons) {
      if (reason === 'face') spec.face = 'low';
      if (reason === 'liveness') spec.liveness = 'failed';
      if (reason === 'expired') spec.id = 'expired';
      if (reason === 'aml') Object.assign(spec, { amlHits: rng.int(1, 4), amlResolution: 'TRUE_MATCH' });
      if (reason === 'fraud') spec.fraud = 'declined';
    }
  }
  if (rng.chance(0.1)) spec.partial = rng.sample(partialKinds, rng.int(1, 2));
  if (rng.chance(0.07)) spec.odd = rng.sample(oddKinds, rng.int(1, 2));
  return spec;
}
