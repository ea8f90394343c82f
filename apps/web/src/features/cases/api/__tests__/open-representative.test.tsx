import type { Approval, CaseDetail } from '@review-desk/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { caseDetail } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { createTestQueryClient } from '@/testing/test-utils';
import { caseDetailQueryKey, useCase } from '../get-case';
import { useOpenRepresentative } from '../open-representative';

const representative = { entityId: 'rep-1', role: 'business_representative', status: null, outcome: null };
const unopened = (detail: CaseDetail): Approval => ({
  ...detail.approval,
  unmet: [
    { code: 'representative_unviewed', label: 'Representative rep-1 has not been opened', ref: 'rep-1' },
  ],
});

describe('opening a representative for review', () => {
  it('is not undone by a reload of the case that left before it was recorded', async () => {
    const base = caseDetail();
    const before: CaseDetail = {
      ...base,
      approval: unopened(base),
      entityApplications: [{ ...representative, viewed: false }],
    } as CaseDetail;
    const after: CaseDetail = {
      ...base,
      entityApplications: [{ ...representative, viewed: true }],
    } as CaseDetail;
    const caseId = base.case.id;
    let recorded = false;
    let answerStaleReload: () => void = () => {};
    const fetchMock = mockFetch().signedInAs('analyst');
    fetchMock.get(`/api/cases/${caseId}`, async () => {
      if (recorded) return { body: after };
      await new Promise<void>((resolve) => {
        answerStaleReload = resolve;
      });
      return { body: before };
    });
    fetchMock.get(`/api/cases/${caseId}/representatives/rep-1`, () => {
      recorded = true;
      return { body: { evidenceViewed: [], approval: after.approval } };
    });

    const queryClient = createTestQueryClient();
    queryClient.setQueryData(caseDetailQueryKey(caseId), before);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    // The case page: it shows the case and opens representatives (which records them).
    const { result } = renderHook(() => ({ page: useCase(caseId), open: useOpenRepresentative() }), {
      wrapper,
    });
    // A reload in flight (as after a claim), answered only once the opening has been recorded.
    void queryClient.refetchQueries({ queryKey: caseDetailQueryKey(caseId) });
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${caseId}`)).toHaveLength(1));
    await result.current.open.mutateAsync({ caseId, entityId: 'rep-1' });
    answerStaleReload();

    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${caseId}`)).toHaveLength(2));
    await waitFor(() => expect(result.current.page.data?.approval.unmet).toEqual([]));
    expect(result.current.page.data?.entityApplications).toEqual([{ ...representative, viewed: true }]);
  });
});
