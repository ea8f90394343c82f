import type { SavedViewListResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const savedViewsQueryKey = ['saved-views'] as const;

/** The user's saved queue views and the ones others shared with the team. */
export const getSavedViews = (signal?: AbortSignal) =>
  api.get<SavedViewListResponse>('/api/views', { signal });

export const getSavedViewsQueryOptions = () =>
  queryOptions({ queryKey: savedViewsQueryKey, queryFn: ({ signal }) => getSavedViews(signal) });

/** Asked for only once the views are wanted (the menu or the dialog is opened): the queue opens without. */
export const useSavedViews = (options: { enabled: boolean }) =>
  useQuery({ ...getSavedViewsQueryOptions(), enabled: options.enabled });
