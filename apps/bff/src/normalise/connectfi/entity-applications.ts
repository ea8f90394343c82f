import type { EntityApplication, SubjectType } from '@review-desk/contracts';
import type { Fields } from '../fields';
import { akepaOutcome, akepaStatus } from '../vocabularies';

export interface EntityApplications {
  subjectType: SubjectType;
  entityApplications: EntityApplication[];
}

/**
 * The entities of a journey with their role. A business customer's journey lists its representatives
 * (isCustomer false); connectFi business customer ids also start with "cstab_", which settles a business
 * whose representatives are not listed yet.
 */
export function readEntityApplications(journey: Fields, customerId: string): EntityApplications {
  const value = journey.source.entityApplications;
  if (value === undefined)
    journey.log.add(journey.path, 'entityApplications', 'missing_section', 'Not in the payload');
  else if (value === null)
    journey.log.add(journey.path, 'entityApplications', 'null_section', 'Sent as null');
  const entities = journey.objects('entityApplications', (entity) => {
    const entityId = entity.text('entityId');
    const isCustomer = entity.boolean('isCustomer');
    return {
      entityId,
      isCustomer,
      // Without a usable flag, the customer is the entity that carries the customer's id.
      customer: isCustomer ?? entityId === customerId,
      status: entity.enumOf('status', akepaStatus),
      outcome: entity.enumOf('outcome', akepaOutcome),
    };
  });
  const business = customerId.startsWith('cstab_') || entities.some((entity) => !entity.customer);
  return {
    subjectType: business ? 'business' : 'individual',
    entityApplications: entities.map(({ customer, ...entity }) => ({
      ...entity,
      role: customer ? (business ? 'business_customer' : 'individual_customer') : 'business_representative',
    })),
  };
}
