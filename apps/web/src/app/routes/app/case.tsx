import { Alert, Box, Stack } from '@mui/material';
import type {
  AmlDisposition,
  CaseDetail,
  DecisionResponse,
  EvidenceKind,
  RevealableField,
  SessionUser,
} from '@review-desk/contracts';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { PageSkeleton } from '@/components/feedback/skeletons';
import { FlagForReviewForm } from '@/components/flag-for-review-form';
import { paths } from '@/config/paths';
import { useUser } from '@/features/auth/api/get-me';
import { type CaseViewContext, CaseViewSections } from '@/features/case-view/components/case-view-sections';
import { useCaseEvents } from '@/features/cases/api/case-events';
import { useClaimNextCase } from '@/features/cases/api/claim-next-case';
import { useDisposeAmlHit } from '@/features/cases/api/dispose-aml-hit';
import { useFlagCase } from '@/features/cases/api/flag-case';
import { useCase } from '@/features/cases/api/get-case';
import { useRecordEvidenceViewed } from '@/features/cases/api/record-evidence-viewed';
import { useRevealIdentifier } from '@/features/cases/api/reveal-identifier';
import { CaseHeader } from '@/features/cases/components/case/case-header';
import { EarlierSessions, SupersededBanner } from '@/features/cases/components/case/case-lifecycle';
import { CaseTimeline } from '@/features/cases/components/case/case-timeline';
import { MutationError } from '@/features/cases/components/case/conflict-message';
import { CustomerSummaryCard } from '@/features/cases/components/case/customer-summary-card';
import { DecisionNotice } from '@/features/cases/components/case/decision-notice';
import { DecisionPanel } from '@/features/cases/components/case/decision-panel';
import { DocumentsSection } from '@/features/cases/components/case/documents/documents-section';
import { CaseEvidence } from '@/features/cases/components/case/evidence/case-evidence';
import { useLastView } from '@/features/cases/components/case/evidence/use-last-view';
import { EvidencePackDownload } from '@/features/cases/components/case/evidence-pack-download';
import { KycLinkRequest } from '@/features/cases/components/case/kyc-link-request';
import { RelatedCases } from '@/features/cases/components/case/related-cases';
import { SectionWarnings } from '@/features/cases/components/case/warnings/section-warnings';
import { useAcknowledgements } from '@/features/cases/components/case/warnings/use-acknowledgements';
import { decisionAvailability, documentsApply } from '@/features/cases/utils/case-permissions';
import { RawPayload } from '@/features/subjects/components/raw-payload';
import { useStoredState } from '@/hooks/use-stored-state';
import { isApiError } from '@/lib/api-client';
import { permissions } from '@/lib/authorization';

const OPEN_NEXT_KEY = 'review-desk.open-next-after-decision';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

export function Component() {
  const { caseId = '' } = useParams();
  const user = useUser();
  const detail = useCase(caseId);
  useCaseEvents();

  if (detail.isPending) return <PageSkeleton label="Loading the case" />;
  if (detail.isError) {
    return (
      <ErrorState
        error={detail.error}
        title={
          isApiError(detail.error) && detail.error.status === 404
            ? 'There is no such case'
            : 'The case could not be loaded'
        }
        onRetry={() => detail.refetch()}
      />
    );
  }
  return <CasePage key={caseId} detail={detail.data} user={user} onReloadView={() => detail.refetch()} />;
}

/** Rejected by Capa, either in this case or in Capa's own verdict: the subject may need a fresh link. */
const rejectedByCapa = (detail: CaseDetail) =>
  detail.case.provider === 'capa' &&
  (detail.case.resolution === 'rejected' ||
    (detail.view?.verification.provided === true &&
      ['rejected', 'declined'].includes(detail.view.verification.result?.normalised ?? '')));

function CasePage({
  detail,
  user,
  onReloadView,
}: {
  detail: CaseDetail;
  user: SessionUser;
  onReloadView: () => void;
}) {
  const navigate = useNavigate();
  const summary = detail.case;
  const [openNext, setOpenNext] = useStoredState(OPEN_NEXT_KEY, true, isBoolean);
  const [decided, setDecided] = useState<DecisionResponse | null>(null);
  const nextCase = useClaimNextCase({
    onSuccess: (response) =>
      navigate(response.case ? paths.case.getHref(response.case.id) : paths.queue.getHref()),
  });
  const reveal = useRevealIdentifier();
  const dispose = useDisposeAmlHit();
  const recordViewed = useRecordEvidenceViewed();
  const flag = useFlagCase();
  const recorded = useRef(new Set<string>());
  const reviewer = permissions.decide(user.role);
  const availability = decisionAvailability(user, summary);
  const acknowledgements = useAcknowledgements();
  const shown = useLastView(detail);

  const context: CaseViewContext = {
    caseId: summary.id,
    onReveal: async (field: RevealableField) =>
      (await reveal.mutateAsync({ caseId: summary.id, field })).value,
    viewedEntityIds: new Set(
      detail.entityApplications.filter((entity) => entity.viewed).map((entity) => entity.entityId),
    ),
  };
  if (reviewer) {
    context.amlDisposition = {
      dispositions: detail.dispositions,
      disabledReason: availability.allowed ? null : availability.reason,
      pendingHitRef: dispose.isPending ? (dispose.variables?.request.hitRef ?? null) : null,
      onDispose: (hitRef: string, disposition: AmlDisposition, rationale?: string) =>
        dispose.mutate({
          caseId: summary.id,
          request: {
            version: summary.version,
            hitRef,
            disposition,
            ...(rationale ? { comment: rationale } : {}),
          },
        }),
    };
    // Opening evidence is recorded once per item and page visit; approval can depend on it.
    context.onEvidenceViewed = (kind: EvidenceKind, ref: string) => {
      const key = `${kind}:${ref}`;
      if (recorded.current.has(key)) return;
      recorded.current.add(key);
      recordViewed.mutate({ caseId: summary.id, evidence: { kind, ref } });
    };
    context.afterSection = (host) => (
      <SectionWarnings
        host={host}
        detail={detail}
        acknowledgements={acknowledgements}
        disabled={!availability.allowed}
      />
    );
  }

  return (
    <Stack spacing={2}>
      <CaseHeader summary={summary} user={user} />
      <SupersededBanner summary={summary} />
      {nextCase.isError && <ErrorState error={nextCase.error} title="The next case could not be opened" />}
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 400px' },
          alignItems: 'start',
        }}
      >
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          {dispose.isError && <MutationError error={dispose.error} action="disposition" />}
          <CaseEvidence
            detail={detail}
            last={shown.last}
            stale={shown.stale}
            renderView={(view, stale) => (
              <CaseViewSections
                view={view}
                context={stale ? { caseId: summary.id, onReveal: context.onReveal } : context}
              />
            )}
            onReload={onReloadView}
          />
          {reviewer && documentsApply(summary) && <DocumentsSection detail={detail} />}
          {permissions.viewRawPayload(user.role) && (
            <RawPayload provider={summary.provider} id={summary.subjectId} caseId={summary.id} />
          )}
        </Stack>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          {permissions.flagForReview(user.role) && (
            <>
              <CustomerSummaryCard summary={detail.customerSummary} />
              <FlagForReviewForm
                hint="Tell the analysts why this customer needs a look. Your reason is added to the case as a note."
                pending={flag.isPending}
                error={flag.error}
                onFlag={(reason) => flag.mutateAsync({ caseId: summary.id, request: { reason } })}
              />
            </>
          )}
          <DecisionPanel
            detail={detail}
            user={user}
            acknowledgements={acknowledgements}
            blockedReason={
              shown.stale ? 'The verification shown is not live: deciding waits until it loads again.' : null
            }
            openNextAfterDecision={openNext}
            onOpenNextAfterDecisionChange={setOpenNext}
            onDecided={(response) => {
              setDecided(response);
              if (openNext) nextCase.mutate();
            }}
          />
          {reviewer && rejectedByCapa(detail) && <KycLinkRequest summary={summary} />}
          {permissions.exportEvidencePack(user.role) && <EvidencePackDownload summary={summary} />}
          <RelatedCases related={detail.related} conflict={detail.relatedConflict} />
          <EarlierSessions sessions={detail.earlierSessions} />
          <CaseTimeline detail={detail} canAddNote={reviewer} />
        </Stack>
      </Box>
      <DecisionNotice response={decided} onClose={() => setDecided(null)} />
      {!reviewer && (
        <Alert severity="info" variant="outlined" role="note">
          You can read this case; decisions are made by analysts and senior analysts.
        </Alert>
      )}
    </Stack>
  );
}
