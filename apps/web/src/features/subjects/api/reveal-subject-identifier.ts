import type { Provider, RevealableField, RevealResponse } from '@review-desk/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The full value of a masked identifier of a subject outside any case; the BFF records who asked. */
export const revealSubjectIdentifier = ({
  provider,
  id,
  field,
}: {
  provider: Provider;
  id: string;
  field: RevealableField;
}) => api.post<RevealResponse>(`/api/subjects/${provider}/${encodeURIComponent(id)}/reveal`, { field });

export const useRevealSubjectIdentifier = () => useMutation({ mutationFn: revealSubjectIdentifier });
