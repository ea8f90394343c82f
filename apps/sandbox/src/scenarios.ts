// The scenario index: one line per seeded subject with its provider id, name, status and scenario tags, so a
// test or a demo can find "a REVIEW_NEEDED case with several AML hits" without reading payloads.

import type { ConnectfiCustomerSeed } from './connectfi/model';
import type { CapaUserSeed, Population } from './population/types';

export interface ScenarioEntry {
  provider: 'capa' | 'connectfi';
  /** Capa userId or connectFi customerId. */
  id: string;
  externalUserId?: string;
  name: string;
  subjectType: 'individual' | 'business';
  /** Capa: the KYC result (KYB status for businesses) or NOT_COMPLETED; connectFi: the journey status. */
  status: string;
  tags: string[];
}

export function capaScenario(user: CapaUserSeed): ScenarioEntry {
  const status =
    user.type === 'BUSINESS'
      ? (user.kybDetails?.verificationStatus ?? 'NOT_STARTED')
      : (user.kycDetails?.aipriseSummary?.verificationResult ??
        (user.kycDetails ? 'UNKNOWN' : 'NOT_COMPLETED'));
  return {
    provider: 'capa',
    id: user.userId,
    externalUserId: user.externalUserId,
    name: user.profile.fullName,
    subjectType: user.type === 'BUSINESS' ? 'business' : 'individual',
    status,
    tags: user.scenarioTags,
  };
}

export function connectfiScenario(seed: ConnectfiCustomerSeed): ScenarioEntry {
  const { customer, journey } = seed;
  const status = journey
    ? journey.outcome
      ? `${journey.status}:${journey.outcome}`
      : journey.status
    : 'no_journey';
  return {
    provider: 'connectfi',
    id: customer.customerId,
    ...(seed.externalUserId ? { externalUserId: seed.externalUserId } : {}),
    name: customer.kind === 'business' ? customer.businessName : `${customer.firstName} ${customer.lastName}`,
    subjectType: customer.kind,
    status,
    tags: seed.scenarioTags,
  };
}

export function scenarioIndex(population: Partial<Population>): ScenarioEntry[] {
  return [
    ...(population.capa ?? []).map(capaScenario),
    ...(population.connectfi ?? []).map(connectfiScenario),
  ];
}

/** Entries carrying every one of `tags`. */
export function withTags(entries: readonly ScenarioEntry[], tags: readonly string[]): ScenarioEntry[] {
  return entries.filter((entry) => tags.every((tag) => entry.tags.includes(tag)));
}
