import type { SavedViewResponse, SaveViewRequest } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { savedViewsQueryKey } from './get-saved-views';

/** Saves the queue's set-up under a name; a view of the user's with that name is replaced. */
export const saveView = (request: SaveViewRequest) => api.post<SavedViewResponse>('/api/views', request);

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveView,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsQueryKey }),
  });
}
