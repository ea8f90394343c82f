import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { CaseDocument } from '@review-desk/contracts';
import { formatDateTime } from '@/lib/format';
import { documentTypeLabels, documentViewLabels } from '../documents/document-labels';

const statusLabels: Record<CaseDocument['status'], string> = {
  generated: 'Not uploaded yet',
  uploaded: 'Held by connectFi',
  attached: 'Attached to the journey',
};

/** The documents the desk sent to connectFi for one entity (connectFi offers no way to read them back). */
export function RepresentativeDocuments({ documents }: { documents: CaseDocument[] }) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h4">
        Documents at connectFi
      </Typography>
      {documents.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No documents were sent to connectFi for this entity.
        </Typography>
      ) : (
        <Table size="small" aria-label="Documents at connectFi">
          <TableHead>
            <TableRow>
              <TableCell>Document</TableCell>
              <TableCell>File</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {documents.map((document) => (
              <TableRow key={document.id}>
                <TableCell>
                  {documentTypeLabels[document.type]}, {documentViewLabels[document.view]}
                </TableCell>
                <TableCell sx={{ overflowWrap: 'anywhere' }}>
                  <bdi dir="auto">{document.fileName}</bdi>
                </TableCell>
                <TableCell>
                  {statusLabels[document.status]}
                  {document.attachedAt && `, ${formatDateTime(document.attachedAt)}`}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
