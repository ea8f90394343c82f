import { describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../src/config';
import type { ConnectfiCustomerSeed, JourneyStatus } from '../src/connectfi/model';
import { fixedScenarioCount, generatePopulation, subjectAt } from '../src/population/index';
import type { CapaUserSeed, Population } from '../src/population/types';
import { defaultPopulation } from './capa-harness';

const epoch = sandboxDefaults.populationEpoch;
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const base62Id = (prefix: string) => new RegExp(`^${prefix}[0-9A-Za-z]{22}$`);

function tagged<T extends { scenarioTags: string[] }>(subjects: readonly T[], ...tags: string[]): T[] {
  return subjects.filter((s) => tags.every((tag) => s.scenarioTags.includes(tag)));
}

function checkInvariants(population: Population): void {
  for (const user of population.capa) {
    expect(user.userId).toMatch(uuidV4);
    expect(user.externalUserId).toMatch(/^org-[0-9a-f-]{36}$/);
    expect(user.email).toMatch(/^[^\s@]+@[^\s@]+\.[a-z]+$/);
    if (user.kycDetails) {
      expect(user.kycDetails.clientReferenceId).toBe(user.userId);
      expect(user.kycDetails.verificationSessionId).toMatch(/^vs_[0-9a-f]{16}$/);
      const { birthDate, idIssueDate, idExpiryDate } = user.kycDetails.idInfo ?? {};
      for (const date of [birthDate, idIssueDate, idExpiryDate]) {
        // Calendar dates that exist (the odd DD/MM/YYYY ones excepted).
        if (date && /^\d{4}-/.test(date))
          expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      }
    }
  }
  for (const seed of population.connectfi) {
    const { customer, journey } = seed;
    expect(customer.customerId).toMatch(base62Id(customer.kind === 'individual' ? 'cstap_' : 'cstab_'));
    if (journey) {
      expect(journey.applicationId).toMatch(base62Id('iapp_'));
      expect(journey.customerId).toBe(customer.customerId);
      expect(journey.outcome === null).toBe(journey.status !== 'completed');
      const own = journey.entityApplications.filter((e) => e.isCustomer);
      expect(own.map((e) => e.entityId)).toEqual([customer.customerId]);
    }
  }
}

describe('generatePopulation', () => {
  it('gives byte-identical output for the same seed and size, and different output for another seed', () => {
    const params = { seed: 42, size: 300, epoch };
    const first = JSON.stringify(generatePopulation(params));
    expect(JSON.stringify(generatePopulation(params))).toBe(first);
    expect(JSON.stringify(generatePopulation({ ...params, seed: 43 }))).not.toBe(first);
  });

  it('produces any subject on its own, identical to its place in the whole population', () => {
    const params = { seed: 7, size: 120, epoch };
    const population = generatePopulation(params);
    const all = [...population.capa, ...population.connectfi];
    for (const index of [0, 5, fixedScenarioCount, 77, 119]) {
      const { subject } = subjectAt(params, index);
      expect(all).toContainEqual(subject);
    }
    expect(() => subjectAt(params, 120)).toThrow(RangeError);
  });

  it('splits the default population about 60/40 between Capa and connectFi', () => {
    const { capa, connectfi } = defaultPopulation();
    expect(capa.length + connectfi.length).toBe(sandboxDefaults.size);
    expect(capa.length / sandboxDefaults.size).toBeGreaterThan(0.5);
    expect(capa.length / sandboxDefaults.size).toBeLessThan(0.7);
  });

  // Large populations are for benchmarks; the timeout only keeps a busy machine from failing the test.
  it('generates 100,000 subjects with the same invariants', { timeout: 60_000 }, () => {
    const population = generatePopulation({ seed: 1, size: 100_000, epoch });
    expect(population.capa.length + population.connectfi.length).toBe(100_000);
    expect(new Set(population.capa.map((u) => u.userId)).size).toBe(population.capa.length);
    expect(new Set(population.connectfi.map((c) => c.customer.customerId)).size).toBe(
      population.connectfi.length,
    );
    checkInvariants({ capa: population.capa.slice(-500), connectfi: population.connectfi.slice(-500) });
  });
});

describe('the default population covers every review situation', () => {
  const population = defaultPopulation();
  const { capa, connectfi } = population;

  it('keeps ids and cross-field facts consistent', () => {
    checkInvariants(population);
  });

  it('has clean passes, a large share in REVIEW_NEEDED, and rejections', () => {
    const completed = capa.filter((u) => u.kycDetails);
    const review = tagged(capa, 'review_needed');
    expect(tagged(capa, 'verified').length).toBeGreaterThan(0);
    expect(tagged(capa, 'rejected').length).toBeGreaterThan(0);
    expect(review.length / completed.length).toBeGreaterThan(0.3);
    for (const user of review)
      expect(user.kycDetails?.aipriseSummary?.verificationResult).toBe('REVIEW_NEEDED');
    expect(tagged(capa, 'not_completed').every((u) => u.kycDetails === null)).toBe(true);
  });

  it('has low and borderline face matches and failed liveness with reasons', () => {
    const score = (u: CapaUserSeed) => Number(u.kycDetails?.faceMatchInfo?.faceMatchScore);
    expect(tagged(capa, 'face:low').some((u) => score(u) < 0.5)).toBe(true);
    expect(tagged(capa, 'face:borderline').some((u) => score(u) >= 0.6 && score(u) <= 0.8)).toBe(true);
    const failed = tagged(capa, 'liveness:failed').map((u) => u.kycDetails?.faceLivenessInfo);
    expect(failed.some((s) => s?.result === 'FAILED' && (s.statusReasons?.length ?? 0) > 0)).toBe(true);
  });

  it('has fraud warnings and related-session warnings with warning ids', () => {
    const fraud = tagged(capa, 'fraud:warnings')[0]?.kycDetails?.fraudInsights;
    expect(fraud?.warnings?.[0]).toMatchObject({
      warningId: expect.stringMatching(/^wrn_/),
      resolutionStatus: 'UNRESOLVED',
    });
    expect(fraud?.relatedSessionInsights?.warnings?.length).toBeGreaterThan(0);
  });

  it('has AML results with none, one and many entity hits, fully described', () => {
    expect(tagged(capa, 'aml:0').length).toBeGreaterThan(0);
    expect(tagged(capa, 'aml:1').length).toBeGreaterThan(0);
    const many = tagged(capa, 'review_needed', 'aml:many');
    expect(many.length).toBeGreaterThan(0);
    const aml = many[0]?.kycDetails?.amlInfo;
    const hits = aml?.entityHits ?? [];
    expect(hits.length).toBeGreaterThanOrEqual(3);
    expect(hits.length).toBeLessThanOrEqual(8);
    expect(aml?.searchCriteria).toMatchObject({ searchTerm: expect.any(String), exactMatch: false });
    expect(aml?.amlHitSummary?.totalHits).toBe(hits.length);
    for (const hit of hits) {
      expect(['person', 'organisation']).toContain(hit.entityType);
      expect(hit.id).toMatch(/^ent_/);
      expect(['UNRESOLVED', 'FALSE_POSITIVE', 'TRUE_MATCH']).toContain(hit.resolutionStatus);
      for (const listing of hit.amlHits) {
        expect(['sanction', 'pep', 'adverse_media']).toContain(listing.listType);
        expect(listing).toMatchObject({
          listName: expect.any(String),
          url: expect.stringMatching(/^https:\/\//),
        });
      }
    }
    const mixed = tagged(capa, 'aml:mixed')[0]?.kycDetails?.amlInfo?.entityHits ?? [];
    expect(new Set(mixed.map((h) => h.resolutionStatus))).toEqual(
      new Set(['UNRESOLVED', 'FALSE_POSITIVE', 'TRUE_MATCH']),
    );
  });

  it('has expired and nearly expired ID documents relative to the epoch', () => {
    const epochDay = epoch.slice(0, 10);
    const expiry = (u: CapaUserSeed) => u.kycDetails?.idInfo?.idExpiryDate ?? '';
    const expired = tagged(capa, 'id:expired').filter((u) => !u.scenarioTags.includes('odd:odd-date-format'));
    expect(expired.length).toBeGreaterThan(0);
    for (const user of expired) expect(expiry(user) < epochDay).toBe(true);
    const near = tagged(capa, 'id:near-expiry').filter(
      (u) => !u.scenarioTags.includes('odd:odd-date-format'),
    );
    expect(near.some((u) => expiry(u) > epochDay && expiry(u) < '2026-03-01')).toBe(true);
  });

  it('has partial payloads and odd values, as real payloads do', () => {
    const nullLiveness = tagged(capa, 'partial:liveness-null')[0]?.kycDetails;
    expect(nullLiveness?.faceLivenessInfo).toBeNull();
    const missing = tagged(capa, 'partial:face-missing')[0]?.kycDetails;
    expect(missing && 'faceMatchInfo' in missing).toBe(false);
    const stringScore = tagged(capa, 'odd:score-as-string')[0]?.kycDetails?.faceMatchInfo?.faceMatchScore;
    expect(stringScore).toMatch(/^0\.\d\d$/);
    const unknown = tagged(capa, 'odd:unknown-enum')[0]?.kycDetails;
    expect(JSON.stringify(unknown)).toContain('"INCONCLUSIVE_V2"');
  });

  it('fills personal info and every idInfo field for a complete session', () => {
    const full = capa.find((u) => u.kycDetails?.idInfo?.middleName && u.kycDetails.idInfo.secondLastName);
    const idInfo = full?.kycDetails?.idInfo;
    for (const field of [
      'firstName',
      'lastName',
      'fullName',
      'birthDate',
      'gender',
      'nationality',
      'nationalityCode',
    ]) {
      expect(idInfo).toHaveProperty(field);
    }
    for (const field of [
      'issueCountry',
      'issueCountryCode',
      'idType',
      'idNumber',
      'idIssueDate',
      'idExpiryDate',
    ]) {
      expect(idInfo).toHaveProperty(field);
    }
    expect(idInfo?.address?.fullAddress).toBeTruthy();
    const professions = new Set(capa.map((u) => u.kycDetails?.clientReferenceData?.personalInfo?.profession));
    expect(professions).toContain('Entrepreneur or Contractor');
    const taxId = capa[0]?.kycDetails?.clientReferenceData?.personalInfo?.taxId;
    expect(taxId).toMatch(/^[A-Z]{4}\d{6}[A-Z0-9]{3}$/);
  });

  it('writes names in several scripts', () => {
    const names = capa.map((u) => u.profile.fullName);
    expect(names).toContain('Zoë Müller');
    expect(names).toContain('José Ñúñez');
    expect(names).toContain('محمد العلي');
    expect(names).toContain('王小明');
    for (const script of ['latin', 'arabic', 'chinese', 'greek']) {
      expect(tagged([...capa, ...connectfi], `script:${script}`).length).toBeGreaterThan(0);
    }
  });

  it('has connectFi individuals in every journey status, and some without a journey', () => {
    const statuses: JourneyStatus[] = [
      'pending_step_up',
      'pending_documents',
      'waiting_review',
      'pending_journey_application_review',
      'running',
      'data_request',
      'completed',
    ];
    const individuals = connectfi.filter((c) => c.customer.kind === 'individual');
    for (const status of statuses) expect(individuals.some((c) => c.journey?.status === status)).toBe(true);
    expect(individuals.some((c) => c.journey?.outcome === 'Approved')).toBe(true);
    expect(individuals.some((c) => c.journey?.outcome === 'Denied')).toBe(true);
    expect(individuals.some((c) => c.journey === null)).toBe(true);
  });

  it('has businesses with 1 to 5 representatives, one in waiting_review with exactly 3', () => {
    const businesses = connectfi.filter((c) => c.customer.kind === 'business');
    const counts = new Set(
      businesses.map((c) => (c.customer.kind === 'business' ? c.customer.businessRepresentatives.length : 0)),
    );
    for (const n of [1, 2, 3, 4, 5]) expect(counts).toContain(n);
    const three = tagged(businesses, 'waiting_review', 'representatives:3')[0];
    const reps = three?.journey?.entityApplications.filter((e) => !e.isCustomer) ?? [];
    expect(reps).toHaveLength(3);
    expect(reps.some((e) => e.status === 'waiting_review')).toBe(true);
    const repIds = businesses.flatMap(
      (c) => c.journey?.entityApplications.filter((e) => !e.isCustomer) ?? [],
    );
    expect(repIds.some((e) => e.entityId.startsWith('ExtBusRepId'))).toBe(true);
    expect(repIds.some((e) => /^cstar_[0-9A-Za-z]{22}$/.test(e.entityId))).toBe(true);
  });

  it('has people at both providers with the same name, birth date and ID number', () => {
    const people = tagged(capa, 'cross-provider');
    expect(people.length).toBeGreaterThanOrEqual(3);
    const personOf = (
      p: { firstName: string; lastName: string; dateOfBirth: string; idNumber?: string },
      tags: string[],
    ) => ({
      firstName: p.firstName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      idNumber: p.idNumber,
      tags,
    });
    const cfPeople = connectfi.flatMap((c: ConnectfiCustomerSeed) =>
      c.customer.kind === 'individual'
        ? [personOf(c.customer, c.scenarioTags)]
        : c.customer.businessRepresentatives.map((r) => personOf(r, c.scenarioTags)),
    );
    for (const user of people) {
      const pairTag = user.scenarioTags.find((t) => t.startsWith('cross-provider:'));
      const match = cfPeople.find(
        (p) => pairTag && p.tags.includes(pairTag) && p.idNumber === user.profile.idNumber,
      );
      expect(match, user.profile.fullName).toBeDefined();
      expect(`${match?.firstName} ${match?.lastName}`).toBe(user.kycDetails?.idInfo?.fullName);
      expect(match?.dateOfBirth).toBe(user.kycDetails?.idInfo?.birthDate);
    }
  });
});
