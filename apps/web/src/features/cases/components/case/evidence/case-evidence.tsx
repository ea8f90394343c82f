import type { CaseDetail, CaseView } from '@review-desk/contracts';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { ApiError } from '@/lib/api-client';
import { outageMessage, StaleEvidenceNotice } from './provider-outage';
import type { LastView } from './use-last-view';

type Props = {
  detail: CaseDetail;
  last: LastView | null;
  stale: boolean;
  /** The verification's sections; `stale`: read-only (no dispositions, acknowledgements or evidence records). */
  renderView: (view: CaseView, stale: boolean) => ReactNode;
  onReload: () => void;
};

/**
 * The verification of a case: live, or the last one loaded (marked with its time) while the provider is not
 * answering, with nothing to act on; an error only when the page never had it.
 */
export function CaseEvidence({ detail, last, stale, renderView, onReload }: Props) {
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
  if (!stale) return renderView(last.view, false);
  return (
    <>
      <StaleEvidenceNotice detail={detail} loadedAt={last.loadedAt} />
      {renderView(last.view, true)}
    </>
  );
}
