import type { CaseDetail, CaseView } from '@review-desk/contracts';
import { useRef } from 'react';

export interface LastView {
  view: CaseView;
  /** When it was loaded (epoch ms). */
  loadedAt: number;
}

/**
 * The verification to show: the live one, or, while the provider is not answering, the last one this page
 * loaded for the case (then `stale`), so a failing provider never wipes the evidence mid-review.
 */
export function useLastView(detail: CaseDetail): { last: LastView | null; stale: boolean } {
  const kept = useRef<{ caseId: string; last: LastView } | null>(null);
  if (detail.view) {
    if (kept.current?.caseId !== detail.case.id || kept.current.last.view !== detail.view) {
      kept.current = { caseId: detail.case.id, last: { view: detail.view, loadedAt: Date.now() } };
    }
    return { last: kept.current.last, stale: false };
  }
  const last = kept.current?.caseId === detail.case.id ? kept.current.last : null;
  return { last, stale: last !== null };
}
