import { type CaseView, type CustomerKycStatus, isProvided } from '@review-desk/contracts';
import { describe, expect, it } from 'vitest';
import { normaliseConnectfiStatus, UnusableUpstreamPayload } from '../../src/normalise';
import { connectfiBusiness, connectfiIndividual } from './fixtures/connectfi';
import { lostLeaves } from './leaves';

const now = new Date('2026-01-15T12:00:00.000Z');
const normalise = (raw: unknown, customerId = connectfiIndividual.customerId): CaseView =>
  normaliseConnectfiStatus(raw, { customerId, now });

function journeyOf(view: CaseView) {
  if (!isProvided(view.journey)) throw new Error('journey not provided');
  return view.journey;
}

describe('normaliseConnectfiStatus: an individual customer', () => {
  const view = normalise(connectfiIndividual);

  it('maps subject, verification and journey', () => {
    expect(view.provider).toBe('connectfi');
    expect(view.subject).toEqual({
      provider: 'connectfi',
      id: 'cstap_3KXMXZEsVcYkgF3ZNIBMxs',
      externalUserId: null,
      type: 'individual',
      displayName: null,
      birthDate: null,
      idNumberMasked: null,
    });
    expect(view.verification).toEqual({
      provided: true,
      result: null,
      status: { value: 'pending_step_up', known: true, normalised: 'pending_step_up' },
      verificationSessionId: 'iapp_5wdC2B35HnIm1We30x1cFI',
      createdAt: null,
      subjectReference: 'cstap_3KXMXZEsVcYkgF3ZNIBMxs',
    });
    expect(view.journey).toEqual({
      provided: true,
      applicationId: 'iapp_5wdC2B35HnIm1We30x1cFI',
      aggregatorId: 'amplifi',
      reference: null,
      status: { value: 'pending_step_up', known: true, normalised: 'pending_step_up' },
      outcome: null,
      customerKycStatus: 'WAITING_DATA',
      entityApplications: [
        {
          entityId: 'cstap_3KXMXZEsVcYkgF3ZNIBMxs',
          isCustomer: true,
          role: 'individual_customer',
          status: { value: 'pending_step_up', known: true, normalised: 'pending_step_up' },
          outcome: null,
        },
      ],
    });
  });

  it('has none of the sections connectFi does not send, and no anomaly', () => {
    for (const section of [
      view.faceMatch,
      view.liveness,
      view.idInfo,
      view.clientReference,
      view.fraud,
      view.aml,
      view.media,
    ])
      expect(section).toEqual({ provided: false });
    expect(view.anomalies).toEqual([]);
    expect(lostLeaves(connectfiIndividual, view)).toEqual([]);
  });
});

describe('normaliseConnectfiStatus: a business with three representatives', () => {
  const view = normalise(connectfiBusiness, connectfiBusiness.customerId);
  const journey = journeyOf(view);

  it('tells the business from its representatives', () => {
    expect(view.subject.type).toBe('business');
    expect(journey.entityApplications.map((entity) => [entity.entityId, entity.role])).toEqual([
      ['ExtBusRepId123', 'business_representative'],
      ['ExtBusRepId456', 'business_representative'],
      ['cstar_7hGqPz0aRk2YwX', 'business_representative'],
      ['cstab_5UVqDyjl5n0XB4NZ3jBcHg', 'business_customer'],
    ]);
  });

  it('keeps each entity status and outcome, all documented', () => {
    expect(
      journey.entityApplications.map((entity) => [entity.status?.normalised, entity.outcome?.normalised]),
    ).toEqual([
      ['waiting_review', undefined],
      ['pending_journey_application_review', undefined],
      ['completed', 'denied'],
      ['completed', 'approved'],
    ]);
    expect(journey.customerKycStatus).toBe('WAITING_REVIEW');
    expect(view.anomalies).toEqual([]);
    expect(lostLeaves(connectfiBusiness, view)).toEqual([]);
  });

  it('is a business by its customer id while no representative is listed', () => {
    const businessOnly = {
      ...connectfiBusiness,
      entityApplications: connectfiBusiness.entityApplications.slice(3),
    };
    const alone = normalise(businessOnly, connectfiBusiness.customerId);
    expect(alone.subject.type).toBe('business');
    expect(journeyOf(alone).entityApplications[0]?.role).toBe('business_customer');
  });
});

describe('customer kycStatus from the journey (connectFi cross-reference table)', () => {
  const cases: [status: unknown, outcome: unknown, expected: CustomerKycStatus][] = [
    ['data_request', null, 'WAITING_DATA'],
    ['pending_documents', null, 'WAITING_DATA'],
    ['pending_step_up', null, 'WAITING_DATA'],
    ['waiting_review', null, 'WAITING_REVIEW'],
    ['pending_journey_application_review', null, 'WAITING_REVIEW'],
    ['running', null, 'PENDING'],
    ['completed', null, 'PENDING'],
    ['completed', 'Approved', 'APPROVED'],
    ['completed', 'Denied', 'DECLINED'],
    ['completed', 'approved', 'APPROVED'],
    ['completed', 'DENIED', 'DECLINED'],
    ['INCONCLUSIVE_V2', null, 'PENDING'],
    [undefined, undefined, 'PENDING'],
  ];

  it.each(cases)('status %s, outcome %s ⇒ %s', (status, outcome, expected) => {
    const view = normalise({ ...connectfiIndividual, status, outcome });
    expect(journeyOf(view).customerKycStatus).toBe(expected);
  });
});

describe('normaliseConnectfiStatus: odd payloads', () => {
  it('normalises journey "Approved" and entity "approved" alike', () => {
    const view = normalise({
      ...connectfiIndividual,
      status: 'completed',
      outcome: 'Approved',
      entityApplications: [
        { ...connectfiIndividual.entityApplications[0], status: 'completed', outcome: 'approved' },
      ],
    });
    const journey = journeyOf(view);
    expect(journey.outcome).toEqual({ value: 'Approved', known: true, normalised: 'approved' });
    expect(journey.entityApplications[0]?.outcome).toEqual({
      value: 'approved',
      known: true,
      normalised: 'approved',
    });
    expect(isProvided(view.verification) && view.verification.result?.normalised).toBe('approved');
  });

  it('keeps unknown statuses verbatim and flags them', () => {
    const view = normalise({
      ...connectfiIndividual,
      status: 'INCONCLUSIVE_V2',
      entityApplications: [{ ...connectfiIndividual.entityApplications[0], outcome: 'maybe' }],
    });
    const journey = journeyOf(view);
    expect(journey.status).toEqual({ value: 'INCONCLUSIVE_V2', known: false });
    expect(journey.entityApplications[0]?.outcome).toEqual({ value: 'maybe', known: false });
    expect(view.anomalies.map(({ path, kind }) => [path, kind])).toEqual([
      ['status', 'unknown_enum'],
      ['entityApplications[0].outcome', 'unknown_enum'],
    ]);
  });

  it('infers the customer entity when isCustomer is missing, and reads "true" as true', () => {
    const view = normalise(
      {
        ...connectfiBusiness,
        entityApplications: [
          { entityId: 'cstab_5UVqDyjl5n0XB4NZ3jBcHg', status: 'completed', outcome: 'approved' },
          { entityId: 'rep-1', isCustomer: 'false', status: 'running', outcome: null },
        ],
      },
      connectfiBusiness.customerId,
    );
    expect(journeyOf(view).entityApplications.map((entity) => [entity.isCustomer, entity.role])).toEqual([
      [null, 'business_customer'],
      [false, 'business_representative'],
    ]);
    expect(view.anomalies).toEqual([
      {
        path: 'entityApplications[1].isCustomer',
        kind: 'unexpected_type',
        detail: 'Boolean sent as a string; read as one',
        received: 'false',
      },
    ]);
  });

  it('reports a missing, null or object entity list', () => {
    const { entityApplications: _omitted, ...withoutEntities } = connectfiIndividual;
    expect(normalise(withoutEntities).anomalies).toEqual([
      { path: 'entityApplications', kind: 'missing_section', detail: 'Not in the payload' },
    ]);
    expect(normalise({ ...connectfiIndividual, entityApplications: null }).anomalies[0]?.kind).toBe(
      'null_section',
    );
    const asObject = normalise({
      ...connectfiIndividual,
      entityApplications: { a: connectfiIndividual.entityApplications[0] },
    });
    expect(journeyOf(asObject).entityApplications).toHaveLength(1);
    expect(asObject.anomalies[0]?.kind).toBe('unexpected_type');
  });

  it('reports a payload about another customer', () => {
    const view = normalise(connectfiIndividual, 'cstap_other');
    expect(view.subject.id).toBe('cstap_other');
    expect(view.anomalies.map(({ path, kind }) => [path, kind])).toEqual([
      ['customerId', 'subject_mismatch'],
    ]);
  });

  it('rejects a payload that is not an object', () => {
    for (const raw of [null, 'ok', 0, [connectfiIndividual]]) {
      expect(() => normalise(raw)).toThrow(UnusableUpstreamPayload);
    }
    expect(() => normalise([])).toThrow('connectfi sent data of type array where an object was expected');
  });
});
