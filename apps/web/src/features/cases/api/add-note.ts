import type { NoteRequest, NoteResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange, refreshOnConflict } from './case-mutation';

export const addNote = ({ caseId, note }: { caseId: string; note: NoteRequest }) =>
  api.post<NoteResponse>(casePath(caseId, 'notes'), note);

export function useAddNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addNote,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    onSuccess: ({ case: summary }) => refreshAfterCaseChange(queryClient, summary),
  });
}
