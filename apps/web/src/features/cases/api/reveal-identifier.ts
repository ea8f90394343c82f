import type { RevealableField, RevealResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath } from './case-mutation';
import { caseDetailQueryKey } from './get-case';

/** The full value of a masked identifier; the BFF records who asked. */
export const revealIdentifier = ({ caseId, field }: { caseId: string; field: RevealableField }) =>
  api.post<RevealResponse>(casePath(caseId, 'reveal'), { field });

export function useRevealIdentifier() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revealIdentifier,
    // The reveal is an audit event: the timeline changes.
    onSuccess: (_response, { caseId }) =>
      queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(caseId) }),
  });
}
