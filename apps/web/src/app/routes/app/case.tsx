import KeyboardIcon from '@mui/icons-material/Keyboard';
import { Button, Stack } from '@mui/material';
import type { CaseDetail, DecisionResponse, SessionUser } from '@review-desk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { PageSkeleton, TableSkeleton } from '@/components/feedback/skeletons';
import { paths } from '@/config/paths';
import { useUser } from '@/features/auth/api/get-me';
import { preloadCaseImages, preloadSelfieVideo } from '@/features/case-view/api/preload-media';
import { useCaseEvents } from '@/features/cases/api/case-events';
import { useClaimNextCase } from '@/features/cases/api/claim-next-case';
import { caseDetailQueryKey, useCase } from '@/features/cases/api/get-case';
import { usePrefetchNextCase } from '@/features/cases/api/prefetch-next-case';
import { CaseHeader } from '@/features/cases/components/case/case-header';
import { SupersededBanner } from '@/features/cases/components/case/case-lifecycle';
import { DecisionNotice } from '@/features/cases/components/case/decision-notice';
import { DisagreementBanner } from '@/features/cases/components/case/disagreement-banner';
import { useLastView } from '@/features/cases/components/case/evidence/use-last-view';
import { useClaimControl } from '@/features/cases/components/case/use-claim-control';
import { useAcknowledgements } from '@/features/cases/components/case/warnings/use-acknowledgements';
import { SectionRail } from '@/features/cases/components/case/workspace/section-rail';
import {
  goToDecision,
  useReviewShortcuts,
} from '@/features/cases/components/case/workspace/use-review-shortcuts';
import { WorkspaceLayout } from '@/features/cases/components/case/workspace/workspace-layout';
import { documentsApply, holdsClaim } from '@/features/cases/utils/case-permissions';
import { isApiError } from '@/lib/api-client';
import { permissions } from '@/lib/authorization';
import { lazyStarted } from '@/lib/lazy-started';
import { EvidenceColumn } from './case-workspace/evidence-column';
import { railItems } from './case-workspace/rail-items';

// The evidence draws from the detail without the decision's code (its form, selects and switches) or the
// shortcuts dialog's: those are chunks of their own, fetched alongside the page's (vite.config.ts lists them
// with the page's chunks). The decision column's is asked for as this module runs: in by the time the case
// detail is, it is drawn with the evidence in one render; else the evidence paints first and the decision
// follows as soon as it is in.
const DecisionColumn = lazyStarted(() =>
  import('./case-workspace/decision-column').then((module) => module.DecisionColumn),
);
const ShortcutsDialog = lazy(() =>
  import('@/features/cases/components/case/workspace/shortcuts-dialog').then((module) => ({
    default: module.ShortcutsDialog,
  })),
);

export function Component() {
  const { caseId = '' } = useParams();
  const user = useUser();
  const detail = useCase(caseId);
  // Kept above the case's own page, so the notice outlives the move to the next case.
  const [decided, setDecided] = useState<DecisionResponse | null>(null);
  const notice = <DecisionNotice response={decided} onClose={() => setDecided(null)} />;
  const nextCase = useNextCase();
  useCaseEvents();
  const { refetch } = detail;
  const reloadView = useCallback(() => void refetch(), [refetch]);

  if (detail.isPending) {
    return (
      <>
        <PageSkeleton label="Loading the case" />
        {notice}
      </>
    );
  }
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
  return (
    <>
      <CasePage
        key={caseId}
        detail={detail.data}
        user={user}
        nextCase={nextCase}
        onReloadView={reloadView}
        onDecided={setDecided}
      />
      {notice}
    </>
  );
}

/**
 * "Next case", kept above the case's own page so that its claim outlives the move. When the likely next case
 * is already loaded (usePrefetchNextCase), it opens at once, drawn from the cache, while the claim runs; the
 * server's answer then confirms it, or opens the case the server handed out instead (the queue when there is
 * none). Until the claim is in, the decision form says so and stays disabled; a failed claim says why.
 */
function useNextCase() {
  const navigate = useNavigate();
  const claim = useClaimNextCase({
    onSuccess: (response, opened) => {
      if (response.case === null) navigate(paths.queue.getHref(), { replace: opened !== null });
      else if (response.case.id !== opened)
        navigate(paths.case.getHref(response.case.id), { replace: opened !== null });
    },
  });
  // Set with the move itself, so the next case is drawn "claiming" from its first render, not redrawn once the
  // claim's own state arrives.
  const [opening, setOpening] = useState<string | null>(null);
  return {
    claim,
    /** The case opened ahead of the claim, while the claim is under way. */
    claiming: claim.isPending ? claim.variables : opening,
    open: (likely: string | null) => {
      if (claim.isPending) return;
      setOpening(likely);
      // Drawn at once, not as a transition: as a transition React would first redraw the decided case (its
      // detail and the decision's state change as the decision is answered), then the next one.
      if (likely !== null) navigate(paths.case.getHref(likely), { flushSync: true });
      claim.mutate(likely, { onSettled: () => setOpening(null) });
    },
  };
}

/**
 * Loads the case "next case" is likely to open, and its images, while the reviewer works this one, and keeps
 * its id in `likelyNext` once it is in the cache. A component of its own, drawing nothing: the list and the
 * detail loading (and their reloads after each decision) redraw it alone, not the whole page.
 */
function PrefetchNextCase({
  caseId,
  enabled,
  senior,
  likelyNext,
}: {
  caseId: string;
  enabled: boolean;
  senior: boolean;
  likelyNext: { current: string | null };
}) {
  const likely = usePrefetchNextCase(caseId, {
    enabled,
    senior,
    onLoaded: (next) => {
      if (!next.view) return;
      preloadCaseImages(next.view, next.case.id);
      preloadSelfieVideo(next.view, next.case.id);
    },
  });
  useEffect(() => {
    likelyNext.current = likely;
  }, [likely, likelyNext]);
  return null;
}

type CasePageProps = {
  detail: CaseDetail;
  user: SessionUser;
  nextCase: ReturnType<typeof useNextCase>;
  onReloadView: () => void;
  onDecided: (response: DecisionResponse) => void;
};

/** The reviewer's workspace: header, section rail, evidence and decision, and the keys that drive them. */
function CasePage({ detail, user, nextCase, onReloadView, onDecided }: CasePageProps) {
  const queryClient = useQueryClient();
  const summary = detail.case;
  const [helpOpen, setHelpOpen] = useState(false);
  const claimControl = useClaimControl(summary, user);
  const acknowledgements = useAcknowledgements();
  const { last, stale } = useLastView(detail);
  // Stable while the case and the view are, so the evidence (EvidenceColumn is memoised) is not redrawn when
  // only the page around it changes: the claim of the next case, the decision's notice, the shortcuts' help.
  const shown = useMemo(() => ({ last, stale }), [last, stale]);
  const reviewer = permissions.decide(user.role);
  // Kept by <PrefetchNextCase> below: only "next case" reads it, so its loading does not redraw the page.
  const likelyNext = useRef<string | null>(null);
  const openNext = () => {
    // This case's reload after the decision is of no use once the page has moved on.
    void queryClient.cancelQueries({ queryKey: caseDetailQueryKey(summary.id) });
    nextCase.open(likelyNext.current);
  };
  // One function for the page's life, so the decision column (memoised) is not redrawn for a new one.
  const decided = useRef({ onDecided, openNext });
  decided.current = { onDecided, openNext };
  const handleDecided = useCallback((response: DecisionResponse, next: boolean) => {
    // The notice, the move and the claim's first state in one render of the next case, not one each.
    flushSync(() => {
      decided.current.onDecided(response);
      if (next) decided.current.openNext();
    });
  }, []);
  useReviewShortcuts({
    toggleClaim: claimControl.toggle,
    nextCase: () => {
      if (reviewer) openNext();
    },
    showHelp: () => setHelpOpen(true),
  });

  const header = (
    <Stack spacing={1}>
      <CaseHeader
        summary={summary}
        control={claimControl}
        actions={
          <Button size="small" startIcon={<KeyboardIcon />} onClick={() => setHelpOpen(true)}>
            Shortcuts (?)
          </Button>
        }
      />
      <DisagreementBanner summary={summary} canClose={permissions.closeDisagreement(user.role)} />
      <SupersededBanner summary={summary} />
      {nextCase.claim.isError && (
        <ErrorState error={nextCase.claim.error} title="The next case could not be claimed for you" />
      )}
    </Stack>
  );
  const items = railItems(
    detail,
    shown.last?.view ?? null,
    acknowledgements.acknowledged,
    reviewer && documentsApply(summary),
  );
  return (
    <>
      {/* Only while the user may decide here: the next case matters once this one is decided. */}
      <PrefetchNextCase
        caseId={summary.id}
        enabled={reviewer && holdsClaim(user, summary)}
        senior={user.role === 'senior'}
        likelyNext={likelyNext}
      />
      <WorkspaceLayout
        header={header}
        rail={<SectionRail items={items} />}
        evidence={
          <EvidenceColumn
            detail={detail}
            user={user}
            acknowledgements={acknowledgements}
            shown={shown}
            onReloadView={onReloadView}
          />
        }
        decision={
          <Suspense fallback={<TableSkeleton rows={6} label="Loading the decision" />}>
            <DecisionColumn
              detail={detail}
              user={user}
              acknowledgements={acknowledgements}
              stale={shown.stale}
              claiming={nextCase.claiming === summary.id}
              onDecided={handleDecided}
            />
          </Suspense>
        }
        onGoToDecision={goToDecision}
      />
      {helpOpen && (
        <Suspense fallback={null}>
          <ShortcutsDialog open onClose={() => setHelpOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
