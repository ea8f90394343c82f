import type { CaseView } from '@review-desk/contracts';
import { normaliseCapaKyc, normaliseConnectfiStatus } from '../../src/normalise';

/** Provider payloads for case tests, normalised the way the BFF does it. */

export const fixtureNow = new Date('2026-03-02T09:00:00.000Z');

export interface CapaFixture {
  userId: string;
  sessionId?: string;
  result?: string;
  fullName?: string;
  birthDate?: string;
  idNumber?: string;
  taxId?: string;
  faceMatchScore?: number;
  hits?: {
    id: string | null;
    name: string;
    dateOfBirth: string;
    nameMatchScore?: number;
    /** The list types of the hit's listings (sanction, pep…). */
    listTypes?: string[];
  }[];
  /** Warning ids on the face match section. */
  warnings?: string[];
}

/** A number from the user id, so that cases of different fixtures are not the same person by default. */
const seedOf = (text: string) =>
  [...text].reduce((sum, character) => (sum * 31 + character.charCodeAt(0)) % 1_000_003, 7);

const birthDateFor = (userId: string) =>
  new Date(Date.UTC(1960, 0, 1) + (seedOf(userId) % 15_000) * 86_400_000).toISOString().slice(0, 10);

export function capaPayload(fixture: CapaFixture) {
  const passed = { result: 'PASSED', status: 'APPROVED', statusReasons: [], warnings: [] };
  return {
    aipriseSummary: { verificationResult: fixture.result ?? 'REVIEW_NEEDED' },
    clientReferenceId: fixture.userId,
    verificationSessionId: fixture.sessionId ?? `vs_${fixture.userId}`,
    createdAt: '2026-03-01T10:00:00.000Z',
    clientReferenceData: {
      personalInfo: {
        taxId: fixture.taxId ?? `PEGJ${String(seedOf(fixture.userId)).padStart(7, '0')}AB`,
        birthCountry: 'MX',
      },
    },
    faceMatchInfo: {
      ...passed,
      faceMatchScore: fixture.faceMatchScore ?? 0.95,
      warnings: (fixture.warnings ?? []).map((warningId) => ({
        code: 'FACE_WARNING',
        message: 'Face partly covered',
        warningId,
        resolutionStatus: 'UNRESOLVED',
      })),
    },
    faceLivenessInfo: passed,
    fraudInsights: {
      result: 'CLEAN',
      status: 'APPROVED',
      relatedSessionInsights: { result: 'CLEAN', warnings: [] },
    },
    idInfo: {
      ...passed,
      fullName: fixture.fullName ?? 'Juan Pérez García',
      birthDate: fixture.birthDate ?? birthDateFor(fixture.userId),
      idNumber: fixture.idNumber ?? `PEGJ${String(seedOf(fixture.userId)).padStart(7, '0')}HDF`,
      idType: 'INE',
      idExpiryDate: '2031-12-31',
    },
    amlInfo: {
      numHits: fixture.hits?.length ?? 0,
      entityHits: (fixture.hits ?? []).map((hit) => ({
        id: hit.id,
        name: hit.name,
        entityType: 'PERSON',
        nameMatchScore: hit.nameMatchScore ?? 0.7,
        dateOfBirth: hit.dateOfBirth,
        dateOfBirthMatchScore: 0.5,
        alsoKnownAs: [],
        amlHits: (hit.listTypes ?? []).map((listType) => ({ listType, listName: `${listType} list` })),
        resolutionStatus: 'UNRESOLVED',
      })),
    },
  };
}

export const capaView = (fixture: CapaFixture): CaseView =>
  normaliseCapaKyc(capaPayload(fixture), { userId: fixture.userId, now: fixtureNow });

export interface ConnectfiFixture {
  customerId: string;
  applicationId?: string;
  status?: string;
  /** Business representatives' entity ids; none for an individual. */
  representatives?: string[];
}

export function connectfiView(fixture: ConnectfiFixture): CaseView {
  const business = fixture.representatives !== undefined;
  const status = fixture.status ?? 'waiting_review';
  return normaliseConnectfiStatus(
    {
      applicationId: fixture.applicationId ?? `iapp_${fixture.customerId}`,
      aggregatorId: 'evolve',
      customerId: fixture.customerId,
      status,
      outcome: null,
      entityApplications: [
        ...(fixture.representatives ?? []).map((entityId) => ({
          entityId,
          isCustomer: false,
          status: 'waiting_review',
          outcome: null,
        })),
        {
          entityId: fixture.customerId,
          isCustomer: true,
          status: business ? 'completed' : status,
          outcome: business ? 'approved' : null,
        },
      ],
    },
    { customerId: fixture.customerId, now: fixtureNow },
  );
}
