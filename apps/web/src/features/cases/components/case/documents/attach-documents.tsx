import { Alert, Button, Stack, Typography } from '@mui/material';
import type { CaseDocument, CaseSummary } from '@review-desk/contracts';
import { ErrorState } from '@/components/errors/error-state';
import { isApiError } from '@/lib/api-client';
import { useAttachCaseDocuments } from '../../../api/attach-case-documents';
import { MutationError } from '../conflict-message';

interface Props {
  summary: CaseSummary;
  entityId: string;
  entityLabel: string;
  documents: readonly CaseDocument[];
}

/**
 * Links every document uploaded for the chosen entity and not yet attached to its journey (/akepa/update).
 * connectFi then moves the journey on; its new status reaches this page through the case events.
 */
export function AttachDocuments({ summary, entityId, entityLabel, documents }: Props) {
  const attach = useAttachCaseDocuments();
  const ready = documents.filter(
    (document) => document.entityId === entityId && document.status === 'uploaded' && document.documentId,
  );
  const send = () =>
    attach.mutate({
      caseId: summary.id,
      request: {
        version: summary.version,
        entityId,
        documents: ready.map((document) => ({ documentId: document.documentId ?? '', view: document.view })),
      },
    });
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button variant="contained" disabled={ready.length === 0 || attach.isPending} onClick={send}>
          Attach {ready.length} {ready.length === 1 ? 'document' : 'documents'}
        </Button>
        <Typography variant="body2" color="text.secondary">
          to the journey of <bdi dir="auto">{entityLabel}</bdi>
        </Typography>
      </Stack>
      {attach.isSuccess && (
        <Alert severity="success" role="status">
          Attached. connectFi answered with the journey <bdi dir="auto">{attach.data.journey.status}</bdi>.
          The case follows when connectFi reports the change.
        </Alert>
      )}
      {attach.isError &&
        (isApiError(attach.error) && attach.error.code === 'version_conflict' ? (
          <MutationError error={attach.error} action="attach" />
        ) : (
          <ErrorState error={attach.error} title="The documents were not attached" />
        ))}
    </Stack>
  );
}
