import type { RepresentativeReview } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { applyOpening } from './record-evidence-viewed';

/**
 * Opens one entity application (a business representative) of a case for review. The BFF records the review
 * when it serves the view, so this is a recorded, audited read: a mutation rather than a query.
 */
export const openRepresentative = ({ caseId, entityId }: { caseId: string; entityId: string }) =>
  api.get<RepresentativeReview>(
    `/api/cases/${encodeURIComponent(caseId)}/representatives/${encodeURIComponent(entityId)}`,
  );

export function useOpenRepresentative() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openRepresentative,
    onSuccess: (review, { caseId, entityId }) =>
      applyOpening(queryClient, caseId, review, (detail) => ({
        entityApplications: detail.entityApplications.map((entity) =>
          entity.entityId === entityId ? { ...entity, viewed: true } : entity,
        ),
      })),
  });
}
