import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { CaseDocument } from '@review-desk/contracts';
import { formatDateTime } from '@/lib/format';
import { documentTypeLabels, documentViewLabels } from './document-labels';

type Step = { key: string; label: string; state: 'done' | 'failed' | 'waiting' };

const stepWords = {
  generate: ['Generated', 'Generate failed', 'Not generated'],
  upload: ['Uploaded', 'Upload failed', 'Not uploaded'],
  attach: ['Attached', 'Attach failed', 'Not attached'],
} as const;

/** Where each of connectFi's steps stands for one document; the failed step is named by the row's last error. */
export function stepsOf(document: CaseDocument): Step[] {
  const failedAt = document.lastError?.split(':')[0] ?? null;
  const at = (key: keyof typeof stepWords, done: boolean): Step => {
    const state = done ? 'done' : failedAt === key ? 'failed' : 'waiting';
    const [doneWord, failedWord, waitingWord] = stepWords[key];
    return { key, state, label: state === 'done' ? doneWord : state === 'failed' ? failedWord : waitingWord };
  };
  return [
    at('generate', document.documentId !== null),
    at('upload', document.status === 'uploaded' || document.status === 'attached'),
    at('attach', document.status === 'attached'),
  ];
}

const chipColor = { done: 'success', failed: 'error', waiting: 'default' } as const;

function DocumentRow({
  document,
  entityLabel,
}: {
  document: CaseDocument;
  entityLabel: (id: string) => string;
}) {
  return (
    <TableRow>
      <TableCell>
        <bdi dir="auto">{document.fileName}</bdi>
        {document.lastError && (
          <Typography variant="caption" color="error" component="div">
            {document.lastError}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <bdi dir="auto">{entityLabel(document.entityId)}</bdi>
      </TableCell>
      <TableCell>
        {documentTypeLabels[document.type]}, {documentViewLabels[document.view].toLowerCase()}
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={0.5}>
          {stepsOf(document).map((step) => (
            <Chip
              key={step.key}
              size="small"
              color={chipColor[step.state]}
              variant={step.state === 'waiting' ? 'outlined' : 'filled'}
              label={step.label}
            />
          ))}
        </Stack>
      </TableCell>
      <TableCell>
        <bdi dir="auto">{document.uploadedBy.displayName}</bdi>
        <Typography variant="caption" color="text.secondary" component="div">
          {formatDateTime(document.createdAt)}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/** The documents sent to connectFi for this case so far, with each step's state and who sent them. */
export function DocumentsTable({
  documents,
  entityLabel,
}: {
  documents: readonly CaseDocument[];
  entityLabel: (entityId: string) => string;
}) {
  if (documents.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No document has been sent for this case yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Documents sent">
      <TableHead>
        <TableRow>
          <TableCell>File</TableCell>
          <TableCell>For</TableCell>
          <TableCell>Document</TableCell>
          <TableCell>Steps</TableCell>
          <TableCell>Sent by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {documents.map((document) => (
          <DocumentRow key={document.id} document={document} entityLabel={entityLabel} />
        ))}
      </TableBody>
    </Table>
  );
}
