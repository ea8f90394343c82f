import { Alert, Button, Stack, Typography } from '@mui/material';
import type { Provider, RevealableField } from '@review-desk/contracts';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { PageSkeleton } from '@/components/feedback/skeletons';
import { FlagForReviewForm } from '@/components/flag-for-review-form';
import { paths } from '@/config/paths';
import { useUser } from '@/features/auth/api/get-me';
import { CaseViewSections } from '@/features/case-view/components/case-view-sections';
import { useCreateCase } from '@/features/cases/api/create-case';
import { useFlagSubject } from '@/features/subjects/api/flag-subject';
import { useSubject } from '@/features/subjects/api/get-subject';
import { useRevealSubjectIdentifier } from '@/features/subjects/api/reveal-subject-identifier';
import { RawPayload } from '@/features/subjects/components/raw-payload';
import { isApiError } from '@/lib/api-client';
import { permissions } from '@/lib/authorization';
import { isProvider, providerLabels } from '@/lib/providers';

export function Component() {
  const { provider, id } = useParams();
  if (!isProvider(provider) || id === undefined) {
    return <Alert severity="error">There is no provider called “{provider}”. Use Capa or connectFi.</Alert>;
  }
  return <SubjectPage provider={provider} id={id} />;
}

/** A subject's live verification, straight from the provider, read-only; a case can be opened from here. */
function SubjectPage({ provider, id }: { provider: Provider; id: string }) {
  const user = useUser();
  const navigate = useNavigate();
  const subject = useSubject(provider, id);
  const createCase = useCreateCase({
    onSuccess: (response) => navigate(paths.case.getHref(response.case.id)),
  });
  const reveal = useRevealSubjectIdentifier();
  const flag = useFlagSubject();
  const onReveal = async (field: RevealableField) =>
    (await reveal.mutateAsync({ provider, id, field })).value;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          {providerLabels[provider]} subject
        </Typography>
        <Button component={RouterLink} to={paths.search.getHref()}>
          Back to search
        </Button>
        {permissions.openCase(user.role) && (
          <Button
            variant="contained"
            disabled={createCase.isPending || !subject.isSuccess}
            onClick={() => createCase.mutate({ provider, subjectId: id })}
          >
            {createCase.isPending ? 'Opening…' : 'Open a case'}
          </Button>
        )}
      </Stack>
      <Alert severity="info" variant="outlined" role="note">
        Live data from {providerLabels[provider]}, read-only. Decisions are made in a case.
      </Alert>
      {createCase.isError && <ErrorState error={createCase.error} title="The case could not be opened" />}
      {permissions.flagForReview(user.role) && (
        <FlagForReviewForm
          hint="Tell the analysts why this customer needs a look. They decide whether a case is needed."
          pending={flag.isPending}
          error={flag.error}
          onFlag={(reason) => flag.mutateAsync({ provider, id, request: { reason } })}
        />
      )}
      {subject.isPending ? (
        <PageSkeleton label="Loading the verification" />
      ) : subject.isError ? (
        <ErrorState
          error={subject.error}
          title={
            isApiError(subject.error) && subject.error.status === 404
              ? `${providerLabels[provider]} has no subject with this id`
              : 'The verification could not be loaded'
          }
          onRetry={() => subject.refetch()}
        />
      ) : (
        <>
          <CaseViewSections view={subject.data} context={{ onReveal }} />
          {permissions.viewRawPayload(user.role) && <RawPayload provider={provider} id={id} />}
        </>
      )}
    </Stack>
  );
}
