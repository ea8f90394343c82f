import { type CaseView, isProvided } from '@review-desk/contracts';
import { describe, expect, it } from 'vitest';
import { capaMediaUrl, normaliseCapaKyc, UnusableUpstreamPayload } from '../../src/normalise';
import {
  amlHit,
  capaDocExample,
  capaDocUserId,
  capaReviewNeeded,
  capaReviewUserId,
  capaSectionKeys,
} from './fixtures/capa';
import { isMediaUrl, lostLeaves } from './leaves';

const now = new Date('2026-01-15T12:00:00.000Z');
const normalise = (raw: unknown, userId = capaReviewUserId): CaseView =>
  normaliseCapaKyc(raw, { userId, now });

/** The provided form of a section, failing the test when it is not provided. */
function provided<S extends { provided: boolean }>(section: S): Extract<S, { provided: true }> {
  if (!isProvided(section)) throw new Error('section not provided');
  return section;
}

const anomalyAt = (view: CaseView, path: string) => view.anomalies.filter((anomaly) => anomaly.path === path);

describe('normaliseCapaKyc: the documented example', () => {
  const view = normaliseCapaKyc(capaDocExample, { userId: capaDocUserId, externalUserId: 'partner-42', now });

  it('maps the subject and the overall verification', () => {
    expect(view.provider).toBe('capa');
    expect(view.asOf).toBe('2026-01-15T12:00:00.000Z');
    expect(view.subject).toEqual({
      provider: 'capa',
      id: capaDocUserId,
      externalUserId: 'partner-42',
      type: 'individual',
      displayName: 'Juan Perez',
      birthDate: '1990-01-01',
      idNumberMasked: '•••••5678',
    });
    expect(view.verification).toEqual({
      provided: true,
      result: { value: 'VERIFIED', known: true, normalised: 'verified' },
      status: null,
      verificationSessionId: 'vs_1234567890abcdef',
      createdAt: null,
      subjectReference: capaDocUserId,
    });
  });

  it('maps each check section', () => {
    const faceMatch = provided(view.faceMatch);
    expect(faceMatch.score).toBe(0.97);
    expect(faceMatch.result).toEqual({ value: 'PASSED', known: true, normalised: 'passed' });
    expect(provided(view.liveness).status).toEqual({
      value: 'APPROVED',
      known: true,
      normalised: 'approved',
    });
    expect(provided(view.fraud).result?.normalised).toBe('clean');
    expect(provided(view.fraud).relatedSessionInsights).toEqual({ provided: false });
    const idInfo = provided(view.idInfo);
    expect(idInfo.gender).toEqual({ value: 'M', known: true, normalised: 'male' });
    expect(idInfo.idType).toEqual({ value: 'INE', known: true, normalised: 'ine' });
    expect(idInfo.idNumber).toBe('X12345678');
    expect(idInfo.expiry).toBe('unknown');
    expect(provided(view.clientReference)).toEqual({
      provided: true,
      profession: 'Employee',
      phoneNumber: '+524401234567',
      birthCountry: 'MX',
      taxId: 'LOZG7802117B9',
    });
    expect(provided(view.aml)).toMatchObject({
      numHits: 0,
      entityHits: [],
      searchCriteria: null,
      hitSummary: null,
    });
    expect(view.journey).toEqual({ provided: false });
  });

  it('says which media exist without any upstream URL', () => {
    expect(provided(view.media).files).toEqual([
      { kind: 'front', available: true },
      { kind: 'back', available: true },
      { kind: 'selfie', available: true },
      { kind: 'selfie-video', available: true },
    ]);
    expect(JSON.stringify(view)).not.toContain('cdn.capa.fi');
  });

  it('reports only the absent related-session section, and loses nothing', () => {
    expect(view.anomalies).toEqual([
      { path: 'fraudInsights.relatedSessionInsights', kind: 'missing_section', detail: 'Not in the payload' },
    ]);
    expect(lostLeaves(capaDocExample, view, isMediaUrl)).toEqual([]);
  });
});

describe('normaliseCapaKyc: a complete REVIEW_NEEDED case', () => {
  const view = normalise(capaReviewNeeded);

  it('keeps every field, with no anomaly', () => {
    expect(view.anomalies).toEqual([]);
    expect(lostLeaves(capaReviewNeeded, view, isMediaUrl)).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('media.capa.example');
  });

  it('maps the verification and the document', () => {
    expect(provided(view.verification)).toMatchObject({
      result: { value: 'REVIEW_NEEDED', known: true, normalised: 'review_needed' },
      createdAt: '2026-01-10T08:15:30.000Z',
      verificationSessionId: 'vs_review_0001',
    });
    expect(view.subject).toMatchObject({
      displayName: 'María José Núñez Ortega',
      birthDate: '1985-04-12',
      idNumberMasked: '•••••M700',
    });
    const idInfo = provided(view.idInfo);
    expect(idInfo).toMatchObject({
      firstName: 'María',
      middleName: 'José',
      lastName: 'Núñez',
      secondLastName: 'Ortega',
      fullAddress: 'Av. Reforma 222, Juárez, 06600 Ciudad de México, CDMX',
      idIssueDate: '2016-02-20',
      idExpiryDate: '2026-02-20',
      expiry: 'near_expiry',
      nationalityCode: 'MEX',
      issueCountryCode: 'MX',
      sectionId: 'idInfo-section',
      gender: { value: 'F', known: true, normalised: 'female' },
    });
    expect(idInfo.documentDetails).toBe(capaReviewNeeded.idInfo.documentDetails);
    expect(idInfo.checkSummary).toBe(capaReviewNeeded.idInfo.checkSummary);
  });

  it('maps reasons and warnings of each check', () => {
    const faceMatch = provided(view.faceMatch);
    expect(faceMatch.score).toBe(0.41);
    expect(faceMatch.statusReasons).toEqual([
      { code: 'FACEMATCH_REASON', message: 'faceMatch reason message' },
    ]);
    expect(faceMatch.warnings).toEqual([
      {
        code: 'FACEMATCH_WARNING',
        message: 'faceMatch warning message',
        warningId: 'faceMatch-warning-1',
        resolutionStatus: { value: 'UNRESOLVED', known: true, normalised: 'unresolved' },
      },
    ]);
    expect(provided(provided(view.fraud).relatedSessionInsights).sectionId).toBe('related-section');
  });

  it('maps the AML screening and its five hits in order', () => {
    const aml = provided(view.aml);
    expect(aml.numHits).toBe(5);
    expect(aml.searchCriteria).toEqual({
      searchTerm: 'María José Núñez',
      fuzzinessScore: 0.6,
      exactMatch: false,
    });
    expect(aml.hitSummary).toEqual({ SANCTION: 2, PEP: 3, ADVERSE_MEDIA: 0 });
    expect(aml.entityHits.map((hit) => hit.id)).toEqual(['hit-1', 'hit-2', 'hit-3', 'hit-4', 'hit-5']);
    expect(aml.entityHits[2]).toEqual({
      id: 'hit-3',
      name: 'Listed Entity 3',
      entityType: { value: 'COMPANY', known: true, normalised: 'company' },
      nameMatchScore: 0.503,
      dateOfBirth: '1953-02-03',
      dateOfBirthMatchScore: 0.2503,
      alsoKnownAs: ['Alias 3a', 'Alias 3b'],
      amlHits: amlHit(3).amlHits,
      resolutionStatus: { value: 'FALSE_POSITIVE', known: true, normalised: 'false_positive' },
    });
  });
});

describe('normaliseCapaKyc: partial and malformed payloads', () => {
  it('marks every section not provided when all are missing', () => {
    const view = normalise({});
    for (const section of [
      view.verification,
      view.faceMatch,
      view.liveness,
      view.idInfo,
      view.clientReference,
      view.fraud,
      view.aml,
      view.media,
    ])
      expect(section).toEqual({ provided: false });
    expect(view.anomalies).toEqual(
      capaSectionKeys.map((path) => ({ path, kind: 'missing_section', detail: 'Not in the payload' })),
    );
    expect(view.subject).toMatchObject({
      id: capaReviewUserId,
      displayName: null,
      birthDate: null,
      idNumberMasked: null,
    });
  });

  it('marks every section not provided when all are null', () => {
    const raw = Object.fromEntries(capaSectionKeys.map((key) => [key, null]));
    const view = normalise(raw);
    expect(view.idInfo).toEqual({ provided: false });
    expect(view.media).toEqual({ provided: false });
    expect(view.anomalies.map(({ path, kind }) => [path, kind])).toEqual(
      capaSectionKeys.map((path) => [path, 'null_section']),
    );
  });

  it('sets aside a section of the wrong type and keeps it in the anomaly', () => {
    const view = normalise({ ...capaReviewNeeded, faceMatchInfo: ['not', 'an', 'object'], idInfo: 'John' });
    expect(view.faceMatch).toEqual({ provided: false });
    expect(anomalyAt(view, 'faceMatchInfo')).toEqual([
      {
        path: 'faceMatchInfo',
        kind: 'unexpected_type',
        detail: 'Expected an object, got array; set aside',
        received: ['not', 'an', 'object'],
      },
    ]);
    expect(anomalyAt(view, 'idInfo')[0]?.received).toBe('John');
  });

  it('parses numbers sent as strings and reports each', () => {
    const raw = {
      ...capaReviewNeeded,
      faceMatchInfo: { ...capaReviewNeeded.faceMatchInfo, faceMatchScore: '0.83' },
      amlInfo: {
        ...capaReviewNeeded.amlInfo,
        numHits: '5',
        searchCriteria: { searchTerm: 'x', fuzzinessScore: ' 0.6 ', exactMatch: 'false' },
        entityHits: [
          { ...amlHit(1), nameMatchScore: '0.9', dateOfBirthMatchScore: 'high' },
          { ...amlHit(2), nameMatchScore: '0x1A' },
        ],
      },
    };
    const view = normalise(raw);
    expect(provided(view.faceMatch).score).toBe(0.83);
    const aml = provided(view.aml);
    expect(aml.numHits).toBe(5);
    expect(aml.searchCriteria).toEqual({ searchTerm: 'x', fuzzinessScore: 0.6, exactMatch: false });
    expect(aml.entityHits.map((hit) => [hit.nameMatchScore, hit.dateOfBirthMatchScore])).toEqual([
      [0.9, null],
      [null, amlHit(2).dateOfBirthMatchScore],
    ]);
    expect(view.anomalies.map(({ path, kind, received }) => [path, kind, received])).toEqual([
      ['faceMatchInfo.faceMatchScore', 'coerced_number', '0.83'],
      ['amlInfo.numHits', 'coerced_number', '5'],
      ['amlInfo.searchCriteria.fuzzinessScore', 'coerced_number', ' 0.6 '],
      ['amlInfo.searchCriteria.exactMatch', 'unexpected_type', 'false'],
      ['amlInfo.entityHits[0].nameMatchScore', 'coerced_number', '0.9'],
      ['amlInfo.entityHits[0].dateOfBirthMatchScore', 'unexpected_type', 'high'],
      ['amlInfo.entityHits[1].nameMatchScore', 'unexpected_type', '0x1A'],
    ]);
    expect(lostLeaves(raw, view, isMediaUrl)).toEqual([]);
  });

  it('sets aside a face match score outside 0..1', () => {
    const view = normalise({ faceMatchInfo: { faceMatchScore: '83' } });
    expect(provided(view.faceMatch).score).toBeNull();
    expect(
      anomalyAt(view, 'faceMatchInfo.faceMatchScore').map(({ kind, received }) => [kind, received]),
    ).toEqual([
      ['coerced_number', '83'],
      ['unexpected_type', '83'],
    ]);
  });

  it('normalises casing of known values and keeps the value as sent', () => {
    const view = normalise({
      faceMatchInfo: { result: 'passed', status: 'Approved' },
      faceLivenessInfo: { result: 'Passed', status: 'approved' },
      idInfo: { gender: 'female', idType: 'passport' },
    });
    expect(provided(view.faceMatch).status).toEqual({
      value: 'Approved',
      known: true,
      normalised: 'approved',
    });
    expect(provided(view.liveness).status).toEqual({
      value: 'approved',
      known: true,
      normalised: 'approved',
    });
    expect(provided(view.liveness).result).toEqual({ value: 'Passed', known: true, normalised: 'passed' });
    expect(provided(view.idInfo).gender).toEqual({ value: 'female', known: true, normalised: 'female' });
    expect(view.anomalies.filter((anomaly) => anomaly.kind !== 'missing_section')).toEqual([]);
  });

  it('keeps unknown enumerated values verbatim and flags them', () => {
    const view = normalise({
      ...capaReviewNeeded,
      aipriseSummary: { verificationResult: 'INCONCLUSIVE_V2' },
      idInfo: { ...capaReviewNeeded.idInfo, idType: 'SPACE_PASSPORT' },
    });
    expect(provided(view.verification).result).toEqual({ value: 'INCONCLUSIVE_V2', known: false });
    expect(provided(view.idInfo).idType).toEqual({ value: 'SPACE_PASSPORT', known: false });
    expect(view.anomalies.map(({ path, kind }) => [path, kind])).toEqual([
      ['aipriseSummary.verificationResult', 'unknown_enum'],
      ['idInfo.idType', 'unknown_enum'],
    ]);
  });

  it('keeps all of a 1,000-hit AML list, in order', () => {
    const entityHits = Array.from({ length: 1000 }, (_, index) => amlHit(index));
    const raw = { ...capaReviewNeeded, amlInfo: { ...capaReviewNeeded.amlInfo, numHits: 1000, entityHits } };
    const view = normalise(raw);
    const aml = provided(view.aml);
    expect(aml.entityHits).toHaveLength(1000);
    expect(aml.entityHits[999]?.id).toBe('hit-999');
    expect(aml.entityHits[500]?.amlHits).toBe(entityHits[500]?.amlHits);
    expect(view.anomalies).toEqual([]);
    expect(lostLeaves(raw, view, isMediaUrl)).toEqual([]);
  });

  it('reads lists sent as objects, and a single alias sent as a string', () => {
    const raw = {
      faceMatchInfo: {
        statusReasons: { first: { code: 'A', message: 'a' }, second: { code: 'B', message: 'b' } },
        warnings: 'no warnings',
      },
      amlInfo: {
        entityHits: { 0: { ...amlHit(1), alsoKnownAs: 'Only Alias' }, 1: amlHit(2), 2: 'junk' },
      },
    };
    const view = normalise(raw);
    const faceMatch = provided(view.faceMatch);
    expect(faceMatch.statusReasons).toEqual([
      { code: 'A', message: 'a' },
      { code: 'B', message: 'b' },
    ]);
    expect(faceMatch.warnings).toEqual([]);
    const aml = provided(view.aml);
    expect(aml.entityHits.map((hit) => hit.id)).toEqual(['hit-1', 'hit-2']);
    expect(aml.entityHits[0]?.alsoKnownAs).toEqual(['Only Alias']);
    expect(view.anomalies.filter((anomaly) => anomaly.kind !== 'missing_section')).toEqual([
      {
        path: 'faceMatchInfo.statusReasons',
        kind: 'unexpected_type',
        detail: 'Expected a list, got an object; its 2 values used in key order',
      },
      {
        path: 'faceMatchInfo.warnings',
        kind: 'unexpected_type',
        detail: 'Expected a list, got string; set aside',
        received: 'no warnings',
      },
      {
        path: 'amlInfo.entityHits',
        kind: 'unexpected_type',
        detail: 'Expected a list, got an object; its 3 values used in key order',
      },
      {
        path: 'amlInfo.entityHits[0].alsoKnownAs',
        kind: 'unexpected_type',
        detail: 'Expected a list, got one string; shown as a one-item list',
      },
      {
        path: 'amlInfo.entityHits[2]',
        kind: 'unexpected_type',
        detail: 'Expected an object, got string; set aside',
        received: 'junk',
      },
    ]);
    expect(lostLeaves(raw, view)).toEqual([]);
  });

  it('shows values of other types as text, and sets aside what cannot be', () => {
    const raw = {
      idInfo: { idNumber: 123456789, fullName: { given: 'Ana' }, gender: 1 },
      amlInfo: { entityHits: [{ ...amlHit(1), alsoKnownAs: ['Ana', 7, { name: 'Anita' }] }] },
    };
    const view = normalise(raw);
    const idInfo = provided(view.idInfo);
    expect(idInfo.idNumber).toBe('123456789');
    expect(idInfo.fullName).toBeNull();
    expect(idInfo.gender).toEqual({ value: '1', known: false });
    expect(provided(view.aml).entityHits[0]?.alsoKnownAs).toEqual(['Ana', '7']);
    expect(anomalyAt(view, 'amlInfo.entityHits[0].alsoKnownAs[2]')[0]?.received).toEqual({ name: 'Anita' });
    expect(lostLeaves(raw, view)).toEqual([]);
  });

  it('keeps hostile strings verbatim', () => {
    const script = '<script>alert("x")</script>';
    const rtl = '\u202Eevil\u202C مرحبا بالعالم';
    const long = 'N'.repeat(10_000);
    const raw = {
      idInfo: {
        fullName: script,
        firstName: rtl,
        lastName: long,
        idNumber: long,
        nationality: '"; DROP TABLE cases;--',
      },
      amlInfo: { entityHits: [{ ...amlHit(1), name: long, alsoKnownAs: [script, rtl] }] },
      clientReferenceData: { personalInfo: { profession: rtl } },
    };
    const view = normalise(raw);
    const idInfo = provided(view.idInfo);
    expect(view.subject.displayName).toBe(script);
    expect(idInfo.firstName).toBe(rtl);
    expect(idInfo.lastName).toBe(long);
    expect(idInfo.nationality).toBe('"; DROP TABLE cases;--');
    expect(view.subject.idNumberMasked).toBe('•••••NNNN');
    expect(provided(view.aml).entityHits[0]?.name).toBe(long);
    expect(provided(view.aml).entityHits[0]?.alsoKnownAs).toEqual([script, rtl]);
    expect(provided(view.clientReference).profession).toBe(rtl);
    expect(lostLeaves(raw, view)).toEqual([]);
  });

  it('builds the display name from name parts when the full name is missing', () => {
    const view = normalise({
      idInfo: { firstName: 'Ana', middleName: ' ', lastName: 'Ruiz', secondLastName: 'Gil' },
    });
    expect(view.subject.displayName).toBe('Ana Ruiz Gil');
  });

  it('reports a payload about another user', () => {
    const view = normalise({ ...capaReviewNeeded, clientReferenceId: 'someone-else' });
    expect(provided(view.verification).subjectReference).toBe('someone-else');
    expect(view.anomalies).toEqual([
      {
        path: 'clientReferenceId',
        kind: 'subject_mismatch',
        detail: 'The payload names another Capa user than the one requested',
      },
    ]);
  });

  it('shows a creation time in Unix milliseconds as ISO 8601', () => {
    const view = normalise({ createdAt: 1_767_000_000_000 });
    expect(provided(view.verification).createdAt).toBe('2025-12-29T09:20:00.000Z');
    expect(anomalyAt(view, 'createdAt')[0]).toMatchObject({
      kind: 'unexpected_type',
      received: 1_767_000_000_000,
    });
  });

  it('rejects a payload that is not an object', () => {
    for (const [raw, type] of [
      [null, 'null'],
      [undefined, 'undefined'],
      ['{"aipriseSummary":{}}', 'string'],
      [42, 'number'],
      [[capaReviewNeeded], 'array'],
      [true, 'boolean'],
    ] as const) {
      const error = (() => {
        try {
          normalise(raw);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(UnusableUpstreamPayload);
      expect(error).toMatchObject({ provider: 'capa', receivedType: type });
    }
  });
});

describe('normaliseCapaKyc: document expiry', () => {
  const expiryOf = (idExpiryDate: unknown) => provided(normalise({ idInfo: { idExpiryDate } }).idInfo).expiry;

  it('is relative to now, by calendar day', () => {
    expect(expiryOf('2026-01-14')).toBe('expired');
    expect(expiryOf('2026-01-15')).toBe('near_expiry');
    expect(expiryOf('2026-04-15')).toBe('near_expiry');
    expect(expiryOf('2026-04-16')).toBe('valid');
    expect(expiryOf('2026-04-16T00:00:00Z')).toBe('valid');
    expect(expiryOf('2030')).toBe('valid');
    expect(expiryOf('2025')).toBe('expired');
  });

  it('is unknown, and reported, for what is not a date', () => {
    expect(expiryOf(undefined)).toBe('unknown');
    for (const text of ['31/12/2030', '2030-02-31', 'soon', '']) {
      const view = normalise({ idInfo: { idExpiryDate: text } });
      expect(provided(view.idInfo)).toMatchObject({ idExpiryDate: text, expiry: 'unknown' });
      expect(anomalyAt(view, 'idInfo.idExpiryDate')).toHaveLength(1);
    }
  });
});

describe('capa media', () => {
  it('is unavailable for missing, empty or non-http locators, which never reach the view', () => {
    const media = {
      frontIdImageUrl: '',
      backIdImageUrl: 'file:///etc/passwd',
      selfieImageUrl: { href: 'https://x.example/a.jpg' },
      selfieVideoUrl: 'https://ok.example/v.mp4',
    };
    const view = normalise({ media });
    expect(provided(view.media).files.map((file) => file.available)).toEqual([false, false, false, true]);
    expect(view.anomalies.filter((anomaly) => anomaly.path.startsWith('media'))).toEqual([
      {
        path: 'media.backIdImageUrl',
        kind: 'unexpected_type',
        detail: 'Not an http(s) URL; file unavailable',
      },
      {
        path: 'media.selfieImageUrl',
        kind: 'unexpected_type',
        detail: 'Expected a URL, got object; file unavailable',
      },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/passwd|example/);
  });

  it('never echoes a media section of the wrong type', () => {
    const view = normalise({ media: 'https://media.capa.example/all.zip' });
    expect(view.media).toEqual({ provided: false });
    expect(anomalyAt(view, 'media')).toEqual([
      { path: 'media', kind: 'unexpected_type', detail: 'Expected an object, got string; set aside' },
    ]);
    expect(JSON.stringify(view)).not.toContain('media.capa.example');
  });

  it('gives the media proxy the upstream URL of a kind', () => {
    expect(capaMediaUrl(capaReviewNeeded, 'selfie-video')).toBe(capaReviewNeeded.media.selfieVideoUrl);
    expect(capaMediaUrl(capaReviewNeeded, 'front')).toBe(capaReviewNeeded.media.frontIdImageUrl);
    expect(capaMediaUrl({ media: { backIdImageUrl: 'javascript:alert(1)' } }, 'back')).toBeNull();
    expect(capaMediaUrl({}, 'selfie')).toBeNull();
    expect(capaMediaUrl('nonsense', 'selfie')).toBeNull();
  });
});
