// /customer/init bodies to stored customers and back. Unknown properties are not kept.

import type { ConnectfiIds } from './ids';
import type { ConnectfiAddress, ConnectfiBusiness, ConnectfiCustomer, ConnectfiIndividual } from './model';
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
