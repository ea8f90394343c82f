import type { CaseEvent, CaseListResponse, CaseSummary } from '@review-desk/contracts';
import { type InfiniteData, type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { decideCaseMutationKey } from './decide-case';
import { mergeCaseSummary } from './get-case';
import { caseListsQueryKey } from './get-cases';

const EVENTS_URL = '/api/events';
const LIST_REFRESH_DELAY_MS = 1_000;

type CachedList = CaseListResponse | InfiniteData<CaseListResponse, string | null>;

const replaceIn = (page: CaseListResponse, summary: CaseSummary): CaseListResponse => ({
  ...page,
  items: page.items.map((item) =>
    item.id === summary.id && item.version < summary.version ? summary : item,
  ),
});

/** Shows a case's new state in every cached list and its detail, keeping the higher version. */
export function applyCaseEvent(queryClient: QueryClient, event: CaseEvent): void {
  mergeCaseSummary(queryClient, event.case);
  queryClient.setQueriesData<CachedList>({ queryKey: caseListsQueryKey }, (data) => {
    if (data === undefined) return data;
    if ('pages' in data) return { ...data, pages: data.pages.map((page) => replaceIn(page, event.case)) };
    return replaceIn(data, event.case);
  });
}

/**
 * A decision on the case is under way in this tab: its answer brings the same change. Shown before the answer,
 * the event would redraw the decided case just before the page moves on to the next one; it waits for the
 * decision to settle instead (whatever the outcome) and is applied then.
 */
function afterDecisionOn(queryClient: QueryClient, caseId: string, apply: () => void): (() => void) | null {
  const cache = queryClient.getMutationCache();
  const deciding = cache.find<unknown, unknown, { caseId: string }>({
    mutationKey: decideCaseMutationKey,
    predicate: (mutation) =>
      mutation.state.status === 'pending' &&
      (mutation.state.variables as { caseId?: string } | undefined)?.caseId === caseId,
  });
  if (!deciding) return null;
  const unsubscribe = cache.subscribe((event) => {
    if (event.mutation !== deciding || deciding.state.status === 'pending') return;
    unsubscribe();
    apply();
  });
  return unsubscribe;
}

const isCaseEvent = (value: unknown): value is CaseEvent =>
  typeof value === 'object' &&
  value !== null &&
  'type' in value &&
  'caseId' in value &&
  'case' in value &&
  typeof value.case === 'object' &&
  value.case !== null;

/**
 * Live case changes from the BFF's event stream: changed cases update in place (a claim shows its claimer
 * at once), and new cases (or new disagreements) refetch the lists, batched so a burst of events costs one request.
 */
export function useCaseEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(EVENTS_URL);
    let refreshTimer: number | undefined;
    // Events waiting for a decision's answer (afterDecisionOn): dropped with the stream.
    const held = new Set<() => void>();

    const onCase = (message: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!isCaseEvent(parsed)) return;
      const event = parsed;
      const waiting = afterDecisionOn(queryClient, event.caseId, () => {
        if (waiting) held.delete(waiting);
        applyCaseEvent(queryClient, event);
      });
      if (waiting) held.add(waiting);
      else applyCaseEvent(queryClient, event);
      // A new case, or a resolved one the provider now contradicts: the lists and their counts change.
      const listsChanged = parsed.type === 'created' || parsed.type === 'disagreement';
      if (listsChanged && refreshTimer === undefined) {
        refreshTimer = window.setTimeout(() => {
          refreshTimer = undefined;
          void queryClient.invalidateQueries({ queryKey: caseListsQueryKey });
        }, LIST_REFRESH_DELAY_MS);
      }
    };

    source.addEventListener('case', onCase);
    return () => {
      source.removeEventListener('case', onCase);
      source.close();
      window.clearTimeout(refreshTimer);
      for (const unsubscribe of held) unsubscribe();
    };
  }, [queryClient]);
}
