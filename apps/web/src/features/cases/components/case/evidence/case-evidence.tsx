import type { CaseDetail } from '@review-desk/contracts';
import { ErrorState } from '@/components/errors/error-state';
import { type CaseViewContext, CaseViewSections } from '@/features/case-view/components/case-view-sections';
import { ApiError } from '@/lib/api-client';
import { outageMessage, StaleEvidenceNotice } from './provider-outage';
import type { LastView } from './use-last-view';

type Props = {
  detail: CaseDetail;
  last: LastView | null;
  stale: boolean;
  context: CaseViewContext;
  onReload: () => void;
};

/**
 * The verification of a case: live, or the last one loaded (marked with its time) while the provider is not
 * answering, with nothing to act on; an error only when the page never had it.
 */
export function CaseEvidence({ detail, last, stale, context, onReload }: Props) {
  if (last === null) {
    const error = detail.viewError
      ? new ApiError({ status: 502, ...detail.viewError, message: outageMessage(detail) })
      : new Error(outageMessage(detail));
    return (
      <ErrorState
        error={error}
        title="The verification could not be loaded from the provider"
        onRetry={onReload}
      />
    );
  }
  if (!stale) return <CaseViewSections view={last.view} context={context} />;
  // Read-only: no dispositions, acknowledgements or evidence records on a view that may be out of date.
  const { onReveal } = context;
  return (
    <>
      <StaleEvidenceNotice detail={detail} loadedAt={last.loadedAt} />
      <CaseViewSections view={last.view} context={onReveal ? { onReveal } : {}} />
    </>
  );
}
