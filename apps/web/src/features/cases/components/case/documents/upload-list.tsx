import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { isApiError } from '@/lib/api-client';
import { documentViewLabels } from './document-labels';
import type { PendingUpload } from './use-document-uploads';

/**
 * Worth sending again: the desk or connectFi could not be reached or failed, or connectFi lost the document id
 * (the desk then generates a new one). A refusal of the file itself would only be refused again.
 */
const retryable = (error: unknown) =>
  !isApiError(error) ||
  error.status === 0 ||
  error.status >= 500 ||
  error.code === 'connectfi_document_not_found';

const reasonOf = (error: unknown) =>
  isApiError(error)
    ? `${error.message} (${error.code}${error.requestId ? `, request ${error.requestId}` : ''})`
    : 'The upload failed.';

function UploadRow({
  item,
  onRetry,
  onDismiss,
}: {
  item: PendingUpload;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  const percent = Math.round(item.progress * 100);
  const name = `${item.file.name} (${documentViewLabels[item.fields.view].toLowerCase()})`;
  return (
    <Box component="li" sx={{ listStyle: 'none' }} aria-label={item.file.name}>
      <Typography variant="body2">
        <bdi dir="auto">{name}</bdi>
      </Typography>
      {item.phase === 'sending' && (
        <>
          <LinearProgress variant="determinate" value={percent} aria-label={`Sending ${item.file.name}`} />
          <Typography variant="caption" color="text.secondary" role="status">
            {percent < 100 ? `Sending to the desk: ${percent}%` : 'Sent; the desk is passing it to connectFi'}
          </Typography>
        </>
      )}
      {item.phase === 'done' && (
        <Typography variant="caption" color="success.main" role="status">
          Generated and uploaded at connectFi
        </Typography>
      )}
      {item.phase === 'failed' && (
        <Alert
          severity="error"
          role="alert"
          action={
            <Stack direction="row" spacing={1}>
              {retryable(item.error) && (
                <Button color="inherit" size="small" onClick={onRetry}>
                  Retry
                </Button>
              )}
              <Button color="inherit" size="small" onClick={onDismiss}>
                Dismiss
              </Button>
            </Stack>
          }
        >
          {reasonOf(item.error)}
        </Alert>
      )}
    </Box>
  );
}

/** Files sent in this visit: progress while they go, then their outcome; a failed one can be retried. */
export function UploadList({
  uploads,
  onRetry,
  onDismiss,
}: {
  uploads: readonly PendingUpload[];
  onRetry: (item: PendingUpload) => void;
  onDismiss: (key: string) => void;
}) {
  if (uploads.length === 0) return null;
  return (
    <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }} aria-label="Files being sent">
      {uploads.map((item) => (
        <UploadRow
          key={item.key}
          item={item}
          onRetry={() => onRetry(item)}
          onDismiss={() => onDismiss(item.key)}
        />
      ))}
    </Stack>
  );
}
