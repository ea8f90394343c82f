import type { StaffUser, UpdateUserBody } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { usersQueryKey } from './get-users';

/** A new role, or the account disabled (its sessions end) or enabled again (audited). */
export const updateUser = ({ username, change }: { username: string; change: UpdateUserBody }) =>
  api.patch<StaffUser>(`/api/users/${encodeURIComponent(username)}`, change);

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
