import type { Provider } from '@review-desk/contracts';
import { providerLabels } from '@/lib/providers';

export const notProvidedText = (provider: Provider) => `Not provided by ${providerLabels[provider]}`;
