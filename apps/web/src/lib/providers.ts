import type { Provider } from '@review-desk/contracts';

export const providerLabels: Record<Provider, string> = { capa: 'Capa', connectfi: 'connectFi' };

// A local list rather than the contracts' `providers`: a value import from the contracts package would
// bring its schema builders into the bundle, where only the types are needed.
const providerIds: readonly Provider[] = ['capa', 'connectfi'];

export const isProvider = (value: string | null | undefined): value is Provider =>
  providerIds.some((provider) => provider === value);
