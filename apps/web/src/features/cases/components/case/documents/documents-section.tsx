import { Paper, Stack, Typography } from '@mui/material';
import type { CaseDetail } from '@review-desk/contracts';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { useCaseDocuments } from '../../../api/get-case-documents';
import type { DocumentFields } from '../../../api/upload-case-document';
import { AttachDocuments } from './attach-documents';
import { DocumentFieldsForm } from './document-fields-form';
import type { DocumentEntity } from './document-labels';
import { DocumentsTable } from './documents-table';
import { DropZone } from './drop-zone';
import { UploadList } from './upload-list';
import { useDocumentUploads } from './use-document-uploads';
import { useReloadOnJourneyChange } from './use-reload-on-journey-change';

/** The customer first, then each business representative of the journey. */
export function documentEntities(detail: CaseDetail): DocumentEntity[] {
  const { subjectId, subjectType } = detail.case;
  const customer: DocumentEntity = {
    entityId: subjectId,
    label: `The customer (${subjectId})`,
    workflow: subjectType === 'business' ? 'BUSINESS' : 'PERSONAL',
  };
  const representatives = detail.entityApplications
    .filter((entity) => entity.role === 'business_representative' && entity.entityId !== subjectId)
    .map((entity) => ({
      entityId: entity.entityId,
      label: `Business representative ${entity.entityId}`,
      workflow: 'PERSONAL' as const,
    }));
  return [customer, ...representatives];
}

/** Sending the customer's documents to connectFi from the case: choose, drop, watch each step, attach. */
export function DocumentsSection({ detail }: { detail: CaseDetail }) {
  const summary = detail.case;
  const entities = documentEntities(detail);
  const [fields, setFields] = useState<DocumentFields>(() => ({
    entityId: entities[0]?.entityId ?? summary.subjectId,
    workflow: entities[0]?.workflow ?? 'PERSONAL',
    type: 'license',
    view: 'front',
    note: '',
  }));
  const list = useCaseDocuments(summary.id);
  useReloadOnJourneyChange(summary);
  const { uploads, add, retry, dismiss } = useDocumentUploads(summary.id);
  const labelOf = (entityId: string) => entities.find((e) => e.entityId === entityId)?.label ?? entityId;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="documents-heading">
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2" id="documents-heading">
          Documents
        </Typography>
        <Typography variant="body2" color="text.secondary" role="status">
          connectFi journey: <bdi dir="auto">{summary.upstreamStatus}</bdi>. Send the customer&apos;s images
          to connectFi, then attach them to the journey.
        </Typography>
        <DocumentFieldsForm entities={entities} fields={fields} onChange={setFields} />
        <DropZone onFiles={(files) => add(files, fields)} />
        <UploadList uploads={uploads} onRetry={retry} onDismiss={dismiss} />
        {list.isError ? (
          <ErrorState
            error={list.error}
            title="The documents could not be loaded"
            onRetry={() => list.refetch()}
          />
        ) : (
          <DocumentsTable documents={list.data?.documents ?? []} entityLabel={labelOf} />
        )}
        <AttachDocuments
          summary={summary}
          entityId={fields.entityId}
          entityLabel={labelOf(fields.entityId)}
          documents={list.data?.documents ?? []}
        />
      </Stack>
    </Paper>
  );
}
