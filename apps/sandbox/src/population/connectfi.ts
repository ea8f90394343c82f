// connectFi customers with their Akepa journeys. Entity states agree with the journey: an approved journey has
// every entity approved, a denied one at least one denied entity, a journey in review at least one entity in
// waiting_review, and so on.

import type {
  AkepaJourney,
  ConnectfiAddress,
  ConnectfiBusinessRepresentative,
  ConnectfiCustomerSeed,
  EntityApplication,
  EntityOutcome,
  EntityStatus,
  JourneyOutcome,
  JourneyStatus,
} from '../connectfi/model';
import { makeBusiness, makePerson, type OriginId, type Person, type PersonAddress } from './people';
import type { Rng } from './prng';

export interface JourneyPlan {
  status: JourneyStatus;
  outcome?: 'Approved' | 'Denied';
}

export interface EntityPlan {
  status: EntityStatus;
  outcome: EntityOutcome;
}

const approved: EntityPlan = { status: 'completed', outcome: 'approved' };
const denied: EntityPlan = { status: 'completed', outcome: 'denied' };
const pending = (status: EntityStatus): EntityPlan => ({ status, outcome: null });

export const connectfiOriginWeights: readonly (readonly [OriginId, number])[] = [
  ['us', 40],
  ['mx', 15],
  ['do', 10],
  ['cn', 8],
  ['ar', 8],
  ['es', 5],
  ['de', 4],
  ['gr', 3],
  ['fr', 3],
  ['pl', 2],
  ['pt', 1],
  ['se', 1],
];

function customerId(rng: Rng, kind: 'individual' | 'business'): string {
  return `${kind === 'individual' ? 'cstap_' : 'cstab_'}${rng.base62(22)}`;
}

function address(
  type: ConnectfiAddress['type'],
  from: PersonAddress,
  postalCode = from.postalCode,
): ConnectfiAddress {
  return { type, line1: from.line1, city: from.city, state: from.state, postalCode, country: from.country };
}

/** The entity state of an individual whose journey is in `journey`. */
function individualEntity(journey: JourneyPlan): EntityPlan {
  switch (journey.status) {
    case 'completed':
      return journey.outcome === 'Denied' ? denied : approved;
    case 'pending_journey_application_review':
      return pending('waiting_review');
    case 'data_request':
      return pending('pending_documents');
    default:
      return pending(journey.status);
  }
}

/** Representative states for a business journey: one entity drives the journey status, the rest vary. */
function representativePlans(rng: Rng, journey: JourneyPlan, count: number): EntityPlan[] {
  const others = (choices: readonly EntityPlan[]) =>
    Array.from({ length: count - 1 }, () => rng.pick(choices));
  switch (journey.status) {
    case 'completed':
      return journey.outcome === 'Denied'
        ? [denied, ...others([approved, approved, denied])]
        : Array.from({ length: count }, () => approved);
    case 'waiting_review':
      return [pending('waiting_review'), ...others([approved, pending('waiting_review')])];
    case 'pending_journey_application_review':
      return [pending('waiting_review'), ...others([approved, approved, pending('waiting_review')])];
    case 'pending_step_up':
    case 'pending_documents':
      return [pending(journey.status), ...others([approved, pending(journey.status), pending('running')])];
    case 'running':
      return [pending('running'), ...others([approved, pending('running')])];
    case 'data_request':
      return [pending('pending_documents'), ...others([approved, pending('running')])];
  }
}

/** The business itself usually passes KYB at once; a data request is about the business's own documents. */
function businessEntityPlan(journey: JourneyPlan): EntityPlan {
  return journey.status === 'data_request' ? pending('pending_documents') : approved;
}

function journeyFor(
  rng: Rng,
  id: string,
  plan: JourneyPlan,
  entities: EntityApplication[],
  reference: string,
): AkepaJourney {
  const outcome: JourneyOutcome = plan.status === 'completed' ? (plan.outcome ?? 'Approved') : null;
  return {
    applicationId: `iapp_${rng.base62(22)}`,
    aggregatorId: rng.pick(['amplifi', 'evolve']),
    customerId: id,
    status: plan.status,
    outcome,
    entityApplications: entities,
    reference,
  };
}

function journeyTags(plan: JourneyPlan | null): string[] {
  if (!plan) return ['no_journey'];
  if (plan.status !== 'completed') return [plan.status];
  return ['completed', (plan.outcome ?? 'Approved').toLowerCase()];
}

function orgId(rng: Rng): string {
  return `org-${rng.uuid()}`;
}

/** US residents are known by an SSN-like number, unless they must match the ID number another provider holds. */
export function connectfiIndividual(
  rng: Rng,
  person: Person,
  plan: JourneyPlan | null,
  options: { crossProvider: boolean },
): ConnectfiCustomerSeed {
  const id = customerId(rng, 'individual');
  const externalUserId = orgId(rng);
  const idNumber =
    person.residenceCode === 'US' && !options.crossProvider
      ? `${rng.digits(3)}-${rng.digits(2)}-${rng.digits(4)}`
      : person.document.idNumber;
  const addresses = [address('PRIMARY', person.address)];
  if (rng.chance(0.15)) addresses.push(address('MAILING', person.address));
  const entity = plan ? individualEntity(plan) : null;
  const journey =
    plan && entity
      ? journeyFor(rng, id, plan, [{ entityId: id, isCustomer: true, ...entity }], externalUserId)
      : null;
  const tags = ['connectfi', 'individual', ...journeyTags(plan), `script:${person.script}`];
  if (options.crossProvider) tags.push('cross-provider');
  return {
    customer: {
      kind: 'individual',
      customerId: id,
      // connectFi has two name fields: middle names go with the first name, second surnames with the last.
      firstName: [person.firstName, person.middleName].filter(Boolean).join(' '),
      lastName: [person.lastName, person.secondLastName].filter(Boolean).join(' '),
      dateOfBirth: person.birthDate,
      email: person.email,
      phone: person.phone,
      idNumber,
      addresses,
    },
    journey,
    externalUserId,
    scenarioTags: tags,
  };
}

export interface BusinessPlan {
  journey: JourneyPlan | null;
  representatives: number;
  /** The business address uses connectFi's sandbox trigger postal code 00000 (business entity in review). */
  postalCodeTrigger?: boolean;
  /** A representative who is also a customer elsewhere (same name, birth date and ID number). */
  sharedRepresentative?: Person;
}

function representativeId(rng: Rng, index: number): string {
  return rng.chance(0.5) ? `ExtBusRepId${rng.int(100, 99999)}${index}` : `cstar_${rng.base62(22)}`;
}

export function connectfiBusiness(rng: Rng, epochMs: number, plan: BusinessPlan): ConnectfiCustomerSeed {
  const id = customerId(rng, 'business');
  const externalUserId = orgId(rng);
  const business = makeBusiness(rng, epochMs);
  const people = Array.from(
    { length: plan.representatives },
    (_, i) =>
      (i === 0 && plan.sharedRepresentative) ||
      makePerson(rng, epochMs, { origin: rng.weighted(connectfiOriginWeights) }),
  );
  const shares = people.map(() => rng.pick([0, 10, 25, 25, 50]));
  const representatives: ConnectfiBusinessRepresentative[] = people.map((person, i) => ({
    entityId: representativeId(rng, i),
    firstName: [person.firstName, person.middleName].filter(Boolean).join(' '),
    lastName: [person.lastName, person.secondLastName].filter(Boolean).join(' '),
    dateOfBirth: person.birthDate,
    email: person.email,
    idNumber: person.document.idNumber,
    ...((shares[i] ?? 0) > 0 ? { ownershipPercent: shares[i] } : {}),
    addresses: [address('PRIMARY', person.address)],
  }));

  let journey: AkepaJourney | null = null;
  const tags = ['connectfi', 'business', ...journeyTags(plan.journey), `script:${business.script}`];
  tags.push(`representatives:${plan.representatives}`);
  if (plan.journey) {
    const repPlans = representativePlans(rng, plan.journey, plan.representatives);
    const businessPlan = plan.postalCodeTrigger
      ? pending('waiting_review')
      : businessEntityPlan(plan.journey);
    const repEntities: EntityApplication[] = representatives.map((rep, i) => ({
      entityId: rep.entityId,
      isCustomer: false,
      ...(repPlans[i] ?? approved),
    }));
    const businessEntity: EntityApplication = { entityId: id, isCustomer: true, ...businessPlan };
    const entities = rng.chance(0.5) ? [...repEntities, businessEntity] : [businessEntity, ...repEntities];
    journey = journeyFor(rng, id, plan.journey, entities, externalUserId);
    const repStatuses = new Set(repEntities.map((e) => e.status));
    for (const status of repStatuses) tags.push(`rep:${status}`);
    if (repEntities.some((e) => e.outcome === 'denied')) tags.push('rep:denied');
  }
  if (plan.postalCodeTrigger) tags.push('trigger:postal-code-00000');
  if (plan.sharedRepresentative) tags.push('cross-provider');
  return {
    customer: {
      kind: 'business',
      customerId: id,
      businessName: business.name,
      taxId: business.taxId,
      email: business.email,
      addresses: [
        address('BUSINESS', business.address, plan.postalCodeTrigger ? '00000' : business.address.postalCode),
      ],
      businessRepresentatives: representatives,
    },
    journey,
    externalUserId,
    scenarioTags: tags,
  };
}
