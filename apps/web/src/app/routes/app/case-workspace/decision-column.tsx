import { Stack } from '@mui/material';
import type { CaseDetail, DecisionResponse, SessionUser } from '@review-desk/contracts';
import { memo } from 'react';
import { FlagForReviewForm } from '@/components/flag-for-review-form';
import { useFlagCase } from '@/features/cases/api/flag-case';
import { CustomerSummaryCard } from '@/features/cases/components/case/customer-summary-card';
import { DecisionPanel } from '@/features/cases/components/case/decision-panel';
import { EvidencePackDownload } from '@/features/cases/components/case/evidence-pack-download';
import { KycLinkRequest } from '@/features/cases/components/case/kyc-link-request';
import type { Acknowledgements } from '@/features/cases/components/case/warnings/use-acknowledgements';
import { useStoredState } from '@/hooks/use-stored-state';
import { permissions } from '@/lib/authorization';

const OPEN_NEXT_KEY = 'review-desk.open-next-after-decision';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/** Rejected by Capa, either in this case or in Capa's own verdict: the subject may need a fresh link. */
const rejectedByCapa = (detail: CaseDetail) =>
  detail.case.provider === 'capa' &&
  (detail.case.resolution === 'rejected' ||
    (detail.view?.verification.provided === true &&
      ['rejected', 'declined'].includes(detail.view.verification.result?.normalised ?? '')));

type Props = {
  detail: CaseDetail;
  user: SessionUser;
  acknowledgements: Acknowledgements;
  /** The verification shown is the last one kept, not the live one: deciding waits. */
  stale: boolean;
  /** The page opened this case ahead of its claim ("next case"), which is under way: deciding waits. */
  claiming: boolean;
  onDecided: (response: DecisionResponse, openNext: boolean) => void;
};

/**
 * What the reviewer acts with, always in reach: the decision, then the case's other actions. Memoised: it
 * redraws when its case, acknowledgements or blocking state change, not when the page around it does.
 */
export const DecisionColumn = memo(function DecisionColumn({
  detail,
  user,
  acknowledgements,
  stale,
  claiming,
  onDecided,
}: Props) {
  const summary = detail.case;
  const flag = useFlagCase();
  const [openNext, setOpenNext] = useStoredState(OPEN_NEXT_KEY, true, isBoolean);
  const reviewer = permissions.decide(user.role);
  return (
    <Stack spacing={2}>
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
          claiming
            ? 'Claiming this case for you…'
            : stale
              ? 'The verification shown is not live: deciding waits until it loads again.'
              : null
        }
        openNextAfterDecision={openNext}
        onOpenNextAfterDecisionChange={setOpenNext}
        onDecided={(response) => onDecided(response, openNext)}
      />
      {reviewer && rejectedByCapa(detail) && <KycLinkRequest summary={summary} />}
      {permissions.exportEvidencePack(user.role) && <EvidencePackDownload summary={summary} />}
    </Stack>
  );
});
