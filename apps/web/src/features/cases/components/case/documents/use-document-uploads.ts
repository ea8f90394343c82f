import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { caseDetailQueryKey } from '../../../api/get-case';
import { type DocumentFields, uploadCaseDocument } from '../../../api/upload-case-document';

/** connectFi's limit, also enforced by the desk; checked here first so nobody waits for an 11 MB refusal. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface PendingUpload {
  key: string;
  file: File;
  fields: DocumentFields;
  /** Share of the file sent to the desk, 0 to 1. */
  progress: number;
  phase: 'sending' | 'failed' | 'done';
  error: unknown;
}

/** Refused before sending: what the desk would refuse anyway, said at once. */
function localProblem(file: File): ApiError | null {
  const refuse = (status: number, code: string, message: string) =>
    new ApiError({ status, code, message, requestId: null });
  if (file.size === 0) return refuse(400, 'empty_file', 'The file is empty');
  if (file.size > MAX_FILE_BYTES) return refuse(413, 'file_too_large', 'The file is larger than 10 MB');
  return null;
}

let counter = 0;

/**
 * The files being sent, each with its progress and outcome. A failed one keeps its file and fields, so a retry
 * sends exactly the same bytes: the desk then resumes from the step that failed instead of starting over.
 */
export function useDocumentUploads(caseId: string) {
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const patch = useCallback(
    (key: string, change: Partial<PendingUpload>) =>
      setUploads((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item))),
    [],
  );

  const run = useCallback(
    async (item: PendingUpload) => {
      const problem = localProblem(item.file);
      if (problem) return patch(item.key, { phase: 'failed', error: problem });
      patch(item.key, { phase: 'sending', progress: 0, error: null });
      try {
        await uploadCaseDocument(caseId, item.fields, item.file, {
          onProgress: (progress) => patch(item.key, { progress }),
        });
        patch(item.key, { phase: 'done', progress: 1 });
      } catch (error) {
        patch(item.key, { phase: 'failed', error });
      }
      // Success or not, the desk's list and the timeline changed (a failed step is recorded too).
      await queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(caseId) });
    },
    [caseId, patch, queryClient],
  );

  const add = (files: readonly File[], fields: DocumentFields) => {
    const added = files.map(
      (file): PendingUpload => ({
        key: `upload-${++counter}`,
        file,
        fields,
        progress: 0,
        phase: 'sending',
        error: null,
      }),
    );
    setUploads((all) => [...all, ...added]);
    for (const item of added) void run(item);
  };
  const retry = (item: PendingUpload) => void run(item);
  const dismiss = (key: string) => setUploads((all) => all.filter((item) => item.key !== key));
  return { uploads, add, retry, dismiss };
}
