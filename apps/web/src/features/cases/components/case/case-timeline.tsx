import { Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import type { AuditEntry, CaseDetail, Note } from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { noteFieldProps } from '@/components/note-field';
import { formatDateTime } from '@/lib/format';
import { useAddNote } from '../../api/add-note';
import { MutationError } from './conflict-message';
import { describeEntry, shownElsewhere } from './timeline-content';
import { type AuditLine, collapseReads, type ViewsLine } from './timeline-reads';

type TimelineItem = AuditLine | { kind: 'note'; at: string; note: Note };

const keyOf = (item: TimelineItem) =>
  item.kind === 'audit'
    ? `audit-${item.entry.id}`
    : item.kind === 'note'
      ? `note-${item.note.id}`
      : `views-${item.username}-${item.since}`;

const actorOf = (item: TimelineItem) =>
  item.kind === 'audit'
    ? item.entry.actor.username
    : item.kind === 'note'
      ? item.note.author.displayName
      : item.username;

/** "Viewed the evidence 3 times since 10:05 (case, media front)". */
function describeViews(line: ViewsLine) {
  const times = line.count === 1 ? '' : ` ${line.count} times since ${formatDateTime(line.since)}`;
  const opened = line.opened.length > 0 ? ` (${line.opened.join(', ')})` : '';
  return `Viewed the evidence${times}${opened}`;
}

/** What happened to the case, newest first: audit events and reviewers' notes together; notes can be added. */
export function CaseTimeline({ detail, canAddNote }: { detail: CaseDetail; canAddNote: boolean }) {
  const [text, setText] = useState('');
  const addNote = useAddNote();
  const items: TimelineItem[] = [
    ...collapseReads(detail.timeline.filter((entry) => !shownElsewhere(entry, detail))),
    ...detail.notes.map((note): TimelineItem => ({ kind: 'note', at: note.createdAt, note })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') return;
    addNote.mutate(
      { caseId: detail.case.id, note: { version: detail.case.version, text: trimmed } },
      { onSuccess: () => setText('') },
    );
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Timeline">
      <Typography variant="h6" component="h2" gutterBottom>
        Timeline
      </Typography>
      {canAddNote && (
        <Stack component="form" spacing={1} onSubmit={submit} sx={{ mb: 2 }}>
          <TextField
            label="Add a note"
            {...noteFieldProps({ maxLength: 4000 })}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <Button
            type="submit"
            variant="outlined"
            disabled={text.trim() === '' || addNote.isPending}
            sx={{ alignSelf: 'flex-start' }}
          >
            Add note
          </Button>
          {addNote.isError && <MutationError error={addNote.error} action="note" />}
        </Stack>
      )}
      {items.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nothing recorded yet.
        </Typography>
      ) : (
        <Box component="ol" sx={{ m: 0, pl: 0, listStyle: 'none' }}>
          {items.map((item) => (
            <Box component="li" key={keyOf(item)} sx={{ py: 1, borderTop: 1, borderColor: 'divider' }}>
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(item.at)} · {actorOf(item)}
              </Typography>
              {item.kind === 'audit' ? (
                <EntryContent entry={item.entry} detail={detail} />
              ) : item.kind === 'views' ? (
                <Typography variant="body2">{describeViews(item)}</Typography>
              ) : (
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <strong>Note: </strong>
                  <bdi dir="auto">{item.note.text}</bdi>
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}

/** An audit line with its content: the decision's reason and note, a disposition's rationale, a document. */
function EntryContent({ entry, detail }: { entry: AuditEntry; detail: CaseDetail }) {
  const content = describeEntry(entry, detail);
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: content.lines.length > 0 || content.quote ? 500 : 400 }}>
        <bdi dir="auto">{content.title}</bdi>
      </Typography>
      {content.lines.map((line) => (
        <Typography key={line} variant="body2" color="text.secondary" sx={{ overflowWrap: 'break-word' }}>
          <bdi dir="auto">{line}</bdi>
        </Typography>
      ))}
      {content.quote && (
        <Typography
          variant="body2"
          sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'break-word', fontStyle: 'italic' }}
        >
          “<bdi dir="auto">{content.quote}</bdi>”
        </Typography>
      )}
    </>
  );
}
