import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { EmptyState } from '@/components/feedback/empty-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { paths } from '@/config/paths';
import { useUser } from '@/features/auth/api/get-me';
import { useCases } from '@/features/cases/api/get-cases';
import { CaseSearchResults } from '@/features/cases/components/case-search-results';
import { OpenSubjectForm } from '@/features/subjects/components/open-subject-form';
import { permissions } from '@/lib/authorization';

const MAX_QUERY_LENGTH = 100;

export function Component() {
  const user = useUser();
  if (!permissions.openCasePage(user.role)) {
    return (
      <Alert severity="info">
        Search opens cases and customers, which hold personal data: it is for reviewers and support.
      </Alert>
    );
  }
  return <SearchPage />;
}

/** Investigation: find known cases by name or id, or open any subject's live verification by its id. */
function SearchPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const q = (searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const results = useCases({ q, limit: 50 }, { enabled: q !== '' });

  return (
    <Stack spacing={3}>
      <Typography variant="h4" component="h1">
        Search
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <SearchForm
          key={q}
          initial={q}
          onSearch={(next) => setSearchParams(next === '' ? {} : { q: next })}
        />
      </Paper>

      {q !== '' && (
        <Box component="section" aria-label="Search results">
          <Typography variant="h6" component="h2" gutterBottom>
            Known cases
          </Typography>
          {results.isPending ? (
            <TableSkeleton rows={4} label="Searching" />
          ) : results.isError ? (
            <ErrorState error={results.error} title="The search failed" onRetry={() => results.refetch()} />
          ) : results.data.items.length === 0 ? (
            <EmptyState title={`No case matches “${q}”`}>
              If the subject has no case yet, open it by id below.
            </EmptyState>
          ) : (
            <CaseSearchResults cases={results.data.items} />
          )}
        </Box>
      )}

      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="open-subject-heading">
        <Typography id="open-subject-heading" variant="h6" component="h2" gutterBottom>
          Open a subject by id
        </Typography>
        <OpenSubjectForm
          key={q}
          initialId={q}
          onOpen={(provider, id) => navigate(paths.subject.getHref(provider, id))}
        />
      </Paper>
    </Stack>
  );
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <Box component="form" role="search" onSubmit={submit}>
      <Stack direction="row" spacing={2}>
        <TextField
          label="Search cases"
          helperText="A name, or the start of a Capa user id, external user id or connectFi customer id"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          slotProps={{ htmlInput: { maxLength: MAX_QUERY_LENGTH } }}
          fullWidth
        />
        <Button type="submit" variant="contained" sx={{ alignSelf: 'flex-start', mt: 1 }}>
          Search
        </Button>
      </Stack>
    </Box>
  );
}
