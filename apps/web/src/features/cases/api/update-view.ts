import type { SavedViewResponse, UpdateViewRequest } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { savedViewsQueryKey } from './get-saved-views';

/** Renames one of the user's views, or shares it with the team or stops sharing it. */
export const updateView = ({ id, request }: { id: string; request: UpdateViewRequest }) =>
  api.patch<SavedViewResponse>(`/api/views/${encodeURIComponent(id)}`, request);

export function useUpdateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsQueryKey }),
  });
}
