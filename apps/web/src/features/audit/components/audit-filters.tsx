import { Stack, Typography } from '@mui/material';
import { CommittedTextField } from '@/components/committed-text-field';
import { type AuditSearch, type AuditSearchKey, subjectPattern } from '../utils/audit-search';

type AuditFiltersProps = { search: AuditSearch; onChange: (key: AuditSearchKey, value: string) => void };

const textFilters: { key: AuditSearchKey; label: string }[] = [
  { key: 'caseId', label: 'Case id' },
  { key: 'subject', label: 'Person (capa:id or connectfi:id)' },
  { key: 'actor', label: 'Actor (username)' },
  { key: 'action', label: 'Action or prefix (case.)' },
];

/** The trail's filters: case, person, actor, action, and a range of days. */
export function AuditFilters({ search, onChange }: AuditFiltersProps) {
  const badSubject = search.subject !== undefined && !subjectPattern.test(search.subject);
  return (
    <Stack component="section" aria-label="Filters" spacing={1}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {textFilters.map(({ key, label }) => (
          <CommittedTextField
            key={`${key}:${search[key] ?? ''}`}
            size="small"
            label={label}
            value={search[key] ?? ''}
            onCommit={(value) => onChange(key, value)}
          />
        ))}
        {(['from', 'to'] as const).map((key) => (
          <CommittedTextField
            key={`${key}:${search[key] ?? ''}`}
            size="small"
            type="date"
            shrinkLabel
            label={key === 'from' ? 'From (day)' : 'To (day, included)'}
            value={search[key] ?? ''}
            onCommit={(value) => onChange(key, value)}
          />
        ))}
      </Stack>
      {badSubject && (
        <Typography variant="caption" color="error" role="alert">
          A person is written provider:id, for example capa:4f0c2a; this filter is not applied.
        </Typography>
      )}
    </Stack>
  );
}
