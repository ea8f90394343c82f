import type { SsoSettingsResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The single sign-on configuration: provider, groups claim and the group-to-role map (admins). */
export const getSsoSettings = (signal?: AbortSignal) =>
  api.get<SsoSettingsResponse>('/api/auth/oidc/settings', { signal });

export const useSsoSettings = () =>
  useQuery(queryOptions({ queryKey: ['admin', 'sso'], queryFn: ({ signal }) => getSsoSettings(signal) }));
