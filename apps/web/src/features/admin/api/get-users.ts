import type { UserListResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const usersQueryKey = ['admin', 'users'] as const;

/** Every staff account, by username (admins). */
export const getUsers = (signal?: AbortSignal) => api.get<UserListResponse>('/api/users', { signal });

export const getUsersQueryOptions = () =>
  queryOptions({ queryKey: usersQueryKey, queryFn: ({ signal }) => getUsers(signal) });

export const useUsers = () => useQuery(getUsersQueryOptions());
