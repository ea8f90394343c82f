// /customer/init bodies to stored customers and back. Unknown properties are not kept.

import type { ConnectfiIds } from './ids';
import type {
  AkepaJourney,
  ConnectfiAddress,
  ConnectfiBusiness,
  ConnectfiCustomer,
  ConnectfiIndividual,
} from './model';
import type { BusinessInitBody, IndividualInitBody } from './schemas';

function copyAddresses(addresses: readonly ConnectfiAddress[]): ConnectfiAddress[] {
  return addresses.map(({ type, line1, line2, city, state, postalCode, country }) =>
    line2 === undefined
      ? { type, line1, city, state, postalCode, country }
      : { type, line1, line2, city, state, postalCode, country },
  );
}

function withOptional<T extends object>(target: T, optional: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(target, { [key]: value });
  return target;
}

export function individualFromInit(body: IndividualInitBody, ids: ConnectfiIds): ConnectfiIndividual {
  const customer: ConnectfiIndividual = {
    kind: 'individual',
    customerId: ids.individualCustomerId(),
    firstName: body.firstName,
    lastName: body.lastName,
    dateOfBirth: body.dateOfBirth,
    email: body.email,
    addresses: copyAddresses(body.addresses),
  };
  return withOptional(customer, { phone: body.phone, idNumber: body.idNumber });
}

/** Representative ids are kept as supplied (even repeated: connectFi only objects at identification). */
export function businessFromInit(body: BusinessInitBody, ids: ConnectfiIds): ConnectfiBusiness {
  return {
    kind: 'business',
    customerId: ids.businessCustomerId(),
    businessName: body.businessName,
    taxId: body.taxId,
    email: body.email,
    addresses: copyAddresses(body.addresses),
    businessRepresentatives: body.businessRepresentatives.map((r) =>
      withOptional(
        {
          entityId: r.id ?? ids.representativeId(),
          firstName: r.firstName,
          lastName: r.lastName,
          dateOfBirth: r.dateOfBirth,
          email: r.email,
          addresses: copyAddresses(r.addresses),
        },
        { idNumber: r.idNumber, ownershipPercent: r.ownershipPercent },
      ),
    ),
  };
}

/** The customer in the /customer/init body layout, with its connectFi ids. */
export function customerView(customer: ConnectfiCustomer) {
  if (customer.kind === 'individual') {
    const { kind, customerId, ...fields } = customer;
    return { customerId, type: kind, ...fields };
  }
  const { kind, customerId, businessRepresentatives, ...fields } = customer;
  return {
    customerId,
    type: kind,
    ...fields,
    businessRepresentatives: businessRepresentatives.map(({ entityId, ...rest }) => ({
      id: entityId,
      ...rest,
    })),
  };
}

export type CustomerKycStatus = 'WAITING_DATA' | 'WAITING_REVIEW' | 'APPROVED' | 'DECLINED' | 'PENDING';

/**
 * The page's "Customer Statuses Cross-Referenced to KYC/KYB Statuses" table: WAITING_DATA for data_request,
 * pending_documents and pending_step_up; WAITING_REVIEW for waiting_review and
 * pending_journey_application_review; APPROVED and DECLINED for the Approved and Denied outcomes; PENDING for
 * any other status. A customer with no journey yet is WAITING_DATA: connectFi still expects its KYC data.
 */
export function kycStatusOf(journey: AkepaJourney | undefined): CustomerKycStatus {
  if (journey === undefined) return 'WAITING_DATA';
  if (journey.outcome === 'Approved') return 'APPROVED';
  if (journey.outcome === 'Denied') return 'DECLINED';
  switch (journey.status) {
    case 'data_request':
    case 'pending_documents':
    case 'pending_step_up':
      return 'WAITING_DATA';
    case 'waiting_review':
    case 'pending_journey_application_review':
      return 'WAITING_REVIEW';
    default:
      return 'PENDING';
  }
}
