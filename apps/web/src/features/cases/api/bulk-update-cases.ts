import type { BulkRequest, BulkResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { caseListsQueryKey } from './get-cases';

/** One action on several cases; each succeeds or fails on its own (see the results). */
export const bulkUpdateCases = (request: BulkRequest) => api.post<BulkResponse>('/api/cases/bulk', request);

export function useBulkUpdateCases() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkUpdateCases,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseListsQueryKey }),
  });
}
