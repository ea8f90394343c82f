// The organisation's own customer directory, as its core system would hold it: which provider id belongs to
// which of its customers, with the name, email, birth date and ID number it knows them by. The review desk
// imports it to map webhook payloads (which name the externalUserId) to cases and to link people across
// providers.

import type { ConnectfiCustomerSeed } from './connectfi/model';
import type { CapaUserSeed } from './population/types';

interface DirectoryPerson {
  displayName: string;
  birthDate: string | null;
  idNumber: string | null;
}

export type DirectoryEntry =
  | (DirectoryPerson & {
      provider: 'capa';
      externalUserId: string;
      userId: string;
      subjectType: 'individual' | 'business';
      email: string;
    })
  | (DirectoryPerson & {
      provider: 'connectfi';
      externalUserId: string | null;
      customerId: string;
      subjectType: 'individual' | 'business';
      email: string;
      /** Business representatives: the entityIds of a KYB journey. */
      representatives?: (DirectoryPerson & { entityId: string })[];
    });

export function capaDirectoryEntry(user: CapaUserSeed): DirectoryEntry {
  return {
    provider: 'capa',
    externalUserId: user.externalUserId,
    userId: user.userId,
    subjectType: user.type === 'BUSINESS' ? 'business' : 'individual',
    displayName: user.profile.fullName,
    email: user.email,
    birthDate: user.profile.birthDate,
    idNumber: user.profile.idNumber,
  };
}

export function connectfiDirectoryEntry(seed: ConnectfiCustomerSeed): DirectoryEntry {
  const { customer } = seed;
  const common = {
    provider: 'connectfi' as const,
    externalUserId: seed.externalUserId ?? null,
    customerId: customer.customerId,
  };
  if (customer.kind === 'individual') {
    return {
      ...common,
      subjectType: 'individual',
      displayName: `${customer.firstName} ${customer.lastName}`,
      email: customer.email,
      birthDate: customer.dateOfBirth,
      idNumber: customer.idNumber ?? null,
    };
  }
  return {
    ...common,
    subjectType: 'business',
    displayName: customer.businessName,
    email: customer.email,
    birthDate: null,
    idNumber: customer.taxId,
    representatives: customer.businessRepresentatives.map((rep) => ({
      entityId: rep.entityId,
      displayName: `${rep.firstName} ${rep.lastName}`,
      birthDate: rep.dateOfBirth,
      idNumber: rep.idNumber ?? null,
    })),
  };
}
