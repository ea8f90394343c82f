import type { Provider } from '@review-desk/contracts';

/**
 * The provider answered 200 but its `data` is not an object, so there is no case to show. The message names
 * only the JSON type, never the payload (it may hold personal data). Callers answer 502.
 */
export class UnusableUpstreamPayload extends Error {
  constructor(
    readonly provider: Provider,
    readonly receivedType: string,
  ) {
    super(`${provider} sent data of type ${receivedType} where an object was expected`);
    this.name = 'UnusableUpstreamPayload';
  }
}

export const jsonTypeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
