import KeyboardIcon from '@mui/icons-material/Keyboard';
import { Button, Stack } from '@mui/material';
import type { CaseDetail, DecisionResponse, SessionUser } from '@review-desk/contracts';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/errors/error-state';
import { PageSkeleton } from '@/components/feedback/skeletons';
import { paths } from '@/config/paths';
import { useUser } from '@/features/auth/api/get-me';
import { useCaseEvents } from '@/features/cases/api/case-events';
import { useClaimNextCase } from '@/features/cases/api/claim-next-case';
import { useCase } from '@/features/cases/api/get-case';
import { usePrefetchNextCase } from '@/features/cases/api/prefetch-next-case';
import { CaseHeader } from '@/features/cases/components/case/case-header';
import { SupersededBanner } from '@/features/cases/components/case/case-lifecycle';
import { DecisionNotice } from '@/features/cases/components/case/decision-notice';
import { DisagreementBanner } from '@/features/cases/components/case/disagreement-banner';
import { useLastView } from '@/features/cases/components/case/evidence/use-last-view';
import { useClaimControl } from '@/features/cases/components/case/use-claim-control';
import { useAcknowledgements } from '@/features/cases/components/case/warnings/use-acknowledgements';
import { SectionRail } from '@/features/cases/components/case/workspace/section-rail';
import { ShortcutsDialog } from '@/features/cases/components/case/workspace/shortcuts-dialog';
import {
  goToDecision,
  useReviewShortcuts,
} from '@/features/cases/components/case/workspace/use-review-shortcuts';
import { WorkspaceLayout } from '@/features/cases/components/case/workspace/workspace-layout';
import { documentsApply, holdsClaim } from '@/features/cases/utils/case-permissions';
import { isApiError } from '@/lib/api-client';
import { permissions } from '@/lib/authorization';
import { DecisionColumn } from './case-workspace/decision-column';
import { EvidenceColumn } from './case-workspace/evidence-column';
import { railItems } from './case-workspace/rail-items';

export function Component() {
  const { caseId = '' } = useParams();
  const user = useUser();
  const detail = useCase(caseId);
  // Kept above the case's own page, so the notice outlives the move to the next case.
  const [decided, setDecided] = useState<DecisionResponse | null>(null);
  const notice = <DecisionNotice response={decided} onClose={() => setDecided(null)} />;
  useCaseEvents();

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
        onReloadView={() => detail.refetch()}
        onDecided={setDecided}
      />
      {notice}
    </>
  );
}

type CasePageProps = {
  detail: CaseDetail;
  user: SessionUser;
  onReloadView: () => void;
  onDecided: (response: DecisionResponse) => void;
};

/** The reviewer's workspace: header, section rail, evidence and decision, and the keys that drive them. */
function CasePage({ detail, user, onReloadView, onDecided }: CasePageProps) {
  const navigate = useNavigate();
  const summary = detail.case;
  const [helpOpen, setHelpOpen] = useState(false);
  const nextCase = useClaimNextCase({
    onSuccess: (response) =>
      navigate(response.case ? paths.case.getHref(response.case.id) : paths.queue.getHref()),
  });
  const claimControl = useClaimControl(summary, user);
  const acknowledgements = useAcknowledgements();
  const shown = useLastView(detail);
  const reviewer = permissions.decide(user.role);
  // Only while the user may decide here: the next case matters once this one is decided.
  usePrefetchNextCase(summary.id, reviewer && holdsClaim(user, summary));
  useReviewShortcuts({
    toggleClaim: claimControl.toggle,
    nextCase: () => {
      if (reviewer && !nextCase.isPending) nextCase.mutate();
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
      {nextCase.isError && <ErrorState error={nextCase.error} title="The next case could not be opened" />}
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
          <DecisionColumn
            detail={detail}
            user={user}
            acknowledgements={acknowledgements}
            stale={shown.stale}
            onDecided={(response, openNext) => {
              onDecided(response);
              if (openNext) nextCase.mutate();
            }}
          />
        }
        onGoToDecision={goToDecision}
      />
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
