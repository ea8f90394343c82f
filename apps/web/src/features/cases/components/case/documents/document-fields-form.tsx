import { MenuItem, Stack, TextField } from '@mui/material';
import { connectfiDocumentTypes, documentViews, documentWorkflows } from '@review-desk/contracts';
import type { DocumentFields } from '../../../api/upload-case-document';
import {
  type DocumentEntity,
  documentTypeLabels,
  documentViewLabels,
  workflowLabels,
} from './document-labels';

interface ChoiceProps<T extends string> {
  label: string;
  value: T;
  values: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
  minWidth?: number;
}

/** A select of a fixed list; a value outside it (a tampered DOM) is ignored. */
function Choice<T extends string>({ label, value, values, labels, onChange, minWidth }: ChoiceProps<T>) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      sx={{ minWidth }}
      onChange={(event) => {
        const next = values.find((candidate) => candidate === event.target.value);
        if (next !== undefined) onChange(next);
      }}
    >
      {values.map((option) => (
        <MenuItem key={option} value={option}>
          <bdi dir="auto">{labels[option]}</bdi>
        </MenuItem>
      ))}
    </TextField>
  );
}

interface Props {
  entities: readonly DocumentEntity[];
  fields: DocumentFields;
  onChange: (fields: DocumentFields) => void;
}

/** What the next files are: whose, which workflow, which type of document, which side, and a note. */
export function DocumentFieldsForm({ entities, fields, onChange }: Props) {
  const entityLabels = Object.fromEntries(entities.map((entity) => [entity.entityId, entity.label]));
  return (
    // Wrapping only in a row: a wrapping column sizes its line to the widest field's text (a long customer id)
    // rather than to the screen, and a phone would scroll sideways.
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} useFlexGap sx={{ flexWrap: { sm: 'wrap' } }}>
      <Choice
        label="For"
        value={fields.entityId}
        values={entities.map((entity) => entity.entityId)}
        labels={entityLabels}
        minWidth={220}
        onChange={(entityId) => {
          const entity = entities.find((candidate) => candidate.entityId === entityId);
          if (entity) onChange({ ...fields, entityId, workflow: entity.workflow });
        }}
      />
      <Choice
        label="Workflow"
        value={fields.workflow}
        values={documentWorkflows}
        labels={workflowLabels}
        onChange={(workflow) => onChange({ ...fields, workflow })}
      />
      <Choice
        label="Document type"
        value={fields.type}
        values={connectfiDocumentTypes}
        labels={documentTypeLabels}
        minWidth={180}
        onChange={(type) => onChange({ ...fields, type })}
      />
      <Choice
        label="View"
        value={fields.view}
        values={documentViews}
        labels={documentViewLabels}
        onChange={(view) => onChange({ ...fields, view })}
      />
      <TextField
        size="small"
        label="Note"
        value={fields.note}
        sx={{ flex: 1, minWidth: 200 }}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
        onChange={(event) => onChange({ ...fields, note: event.target.value })}
      />
    </Stack>
  );
}
