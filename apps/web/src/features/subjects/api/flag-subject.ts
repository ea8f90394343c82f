import type { FlagRequest, FlagResponse, Provider } from '@review-desk/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Support asks analysts to review a customer found in an investigation (a note on their latest case, if any). */
export const flagSubject = ({
  provider,
  id,
  request,
}: {
  provider: Provider;
  id: string;
  request: FlagRequest;
}) => api.post<FlagResponse>(`/api/subjects/${provider}/${encodeURIComponent(id)}/flags`, request);

export function useFlagSubject() {
  return useMutation({ mutationFn: flagSubject });
}
