import type { StaffUser } from '@review-desk/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Sets a new password for an account; its sessions end (audited). */
export const setUserPassword = ({ username, password }: { username: string; password: string }) =>
  api.post<StaffUser>(`/api/users/${encodeURIComponent(username)}/password`, { password });

export const useSetUserPassword = () => useMutation({ mutationFn: setUserPassword });
