import type { KycLinkRequest, KycLinkResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath } from './case-mutation';
import { caseDetailQueryKey } from './get-case';

/** Asks Capa for a fresh KYC link for the subject after a rejection; the link is shown once, not stored. */
export const requestKycLink = ({ caseId, request }: { caseId: string; request: KycLinkRequest }) =>
  api.post<KycLinkResponse>(casePath(caseId, 'kyc-link'), request);

export function useRequestKycLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestKycLink,
    onSuccess: (_response, { caseId }) =>
      queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(caseId) }),
  });
}
