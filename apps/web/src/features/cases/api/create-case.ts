import type { CreateCaseRequest, CreateCaseResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { caseListsQueryKey } from './get-cases';

/** Opens a case by hand for a subject (or finds the existing one for its verification). */
export const createCase = (request: CreateCaseRequest) => api.post<CreateCaseResponse>('/api/cases', request);

export function useCreateCase(options: { onSuccess?: (response: CreateCaseResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCase,
    onSuccess: async (response) => {
      await queryClient.invalidateQueries({ queryKey: caseListsQueryKey });
      options.onSuccess?.(response);
    },
  });
}
