import type { CaseDocumentList } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath } from './case-mutation';
import { caseDetailQueryKey } from './get-case';

export const caseDocumentsQueryKey = (caseId: string) =>
  [...caseDetailQueryKey(caseId), 'documents'] as const;

/** The documents the desk sent to connectFi for the case, oldest first. */
export const getCaseDocuments = (caseId: string, signal?: AbortSignal) =>
  api.get<CaseDocumentList>(casePath(caseId, 'documents'), { signal });

export const getCaseDocumentsQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseDocumentsQueryKey(caseId),
    queryFn: ({ signal }) => getCaseDocuments(caseId, signal),
  });

export const useCaseDocuments = (caseId: string) => useQuery(getCaseDocumentsQueryOptions(caseId));
