import type { AuditVerifyResponse } from '@review-desk/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Re-computes the audit hash chain on the server: whether any row was altered, removed or reordered. */
export const verifyAudit = () => api.get<AuditVerifyResponse>('/api/audit/verify');

export const useVerifyAudit = () => useMutation({ mutationFn: verifyAudit });
