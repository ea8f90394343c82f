// The connectFi sandbox's documented triggers ("Testing KYC/KYB in the Sandbox"): fixed property values decide
// each entity's result. Everyone else passes. The triggers are matched exactly (case-sensitive), as documented.

import type { ConnectfiCustomer, EntityApplication, JourneyOutcome, JourneyStatus } from './model';

export const sandboxTriggers = {
  /** individual or representative lastName: the entity is denied at identification. */
  deniedLastName: 'Denied',
  /** individual or representative lastName: documents are asked for, then the entity goes to manual review. */
  waitReviewLastName: 'WaitReview',
  /** PRIMARY business address postalCode: the business entity goes to manual review at identification. */
  reviewPostalCode: '00000',
} as const;

type EntityResult = Pick<EntityApplication, 'status' | 'outcome'>;

const approved: EntityResult = { status: 'completed', outcome: 'approved' };
const denied: EntityResult = { status: 'completed', outcome: 'denied' };
const underReview: EntityResult = { status: 'waiting_review', outcome: null };
const documentsExpected: EntityResult = { status: 'pending_step_up', outcome: null };

/** When an entity is screened: at /akepa/identification, or once its documents are linked by /akepa/update. */
export type ScreeningStage = 'identification' | 'documents';

function screenPerson(lastName: string, stage: ScreeningStage): EntityResult {
  if (lastName === sandboxTriggers.deniedLastName) return denied;
  if (lastName === sandboxTriggers.waitReviewLastName) {
    return stage === 'identification' ? documentsExpected : underReview;
  }
  return approved;
}

/**
 * The result of screening one entity of a customer. Returns undefined for an entity id that belongs to no one
 * in this customer.
 */
export function screenEntity(
  customer: ConnectfiCustomer,
  entityId: string,
  stage: ScreeningStage,
): EntityResult | undefined {
  if (customer.kind === 'individual') {
    return entityId === customer.customerId ? screenPerson(customer.lastName, stage) : undefined;
  }
  if (entityId === customer.customerId) {
    const primary = customer.addresses.find((address) => address.type === 'PRIMARY');
    return primary?.postalCode === sandboxTriggers.reviewPostalCode ? underReview : approved;
  }
  const representative = customer.businessRepresentatives.find((r) => r.entityId === entityId);
  return representative && screenPerson(representative.lastName, stage);
}

/** Entity ids of an application: representatives first, then the customer (connectFi's own order). */
export function applicationEntityIds(
  customer: ConnectfiCustomer,
): { entityId: string; isCustomer: boolean }[] {
  const representatives =
    customer.kind === 'business'
      ? customer.businessRepresentatives.map((r) => ({ entityId: r.entityId, isCustomer: false }))
      : [];
  return [...representatives, { entityId: customer.customerId, isCustomer: true }];
}

/**
 * The journey's status from its entities. "In order for the Akepa journey to resolve to an Approved status, each
 * relevant entity must have an approved status", and a single denied entity denies the whole journey (a denied
 * representative denies the business even when the business itself passes). Otherwise the journey waits on
 * whatever is still open: documents first, then review, then processing.
 */
export function journeyResult(entities: readonly EntityApplication[]): {
  status: JourneyStatus;
  outcome: JourneyOutcome;
} {
  if (entities.some((e) => e.outcome === 'denied')) return { status: 'completed', outcome: 'Denied' };
  const waitingFor = (['pending_step_up', 'pending_documents', 'waiting_review', 'running'] as const).find(
    (s) => entities.some((e) => e.status === s),
  );
  if (waitingFor !== undefined) return { status: waitingFor, outcome: null };
  return { status: 'completed', outcome: 'Approved' };
}
