import { Alert, Stack } from '@mui/material';
import type { CaseDetail, SessionUser } from '@review-desk/contracts';
import { memo } from 'react';
import { CaseViewSections } from '@/features/case-view/components/case-view-sections';
import { EarlierSessions } from '@/features/cases/components/case/case-lifecycle';
import { CaseTimeline } from '@/features/cases/components/case/case-timeline';
import { MutationError } from '@/features/cases/components/case/conflict-message';
import { DocumentsSection } from '@/features/cases/components/case/documents/documents-section';
import { CaseEvidence } from '@/features/cases/components/case/evidence/case-evidence';
import type { LastView } from '@/features/cases/components/case/evidence/use-last-view';
import { RelatedCases } from '@/features/cases/components/case/related-cases';
import type { Acknowledgements } from '@/features/cases/components/case/warnings/use-acknowledgements';
import { documentsApply } from '@/features/cases/utils/case-permissions';
import { RawPayload } from '@/features/subjects/components/raw-payload';
import { permissions } from '@/lib/authorization';
import { PageSection } from './page-section';
import { pageSections } from './rail-items';
import { useCaseViewContext } from './use-case-view-context';

type Props = {
  detail: CaseDetail;
  user: SessionUser;
  acknowledgements: Acknowledgements;
  shown: { last: LastView | null; stale: boolean };
  onReloadView: () => void;
};

/**
 * Everything the reviewer reads: the verification's sections, documents, related cases and the timeline. The
 * largest part of the page, memoised: it redraws when its case, view or acknowledgements change, not when the
 * page around it does.
 */
export const EvidenceColumn = memo(function EvidenceColumn({
  detail,
  user,
  acknowledgements,
  shown,
  onReloadView,
}: Props) {
  const summary = detail.case;
  const reviewer = permissions.decide(user.role);
  const { context, dispose } = useCaseViewContext(detail, user, acknowledgements);
  return (
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
      {reviewer && documentsApply(summary) && (
        <PageSection id={pageSections.documents.id}>
          <DocumentsSection detail={detail} />
        </PageSection>
      )}
      {permissions.viewRawPayload(user.role) && (
        <RawPayload provider={summary.provider} id={summary.subjectId} caseId={summary.id} />
      )}
      <PageSection id={pageSections.related.id}>
        <Stack spacing={2}>
          <RelatedCases related={detail.related} conflict={detail.relatedConflict} />
          <EarlierSessions sessions={detail.earlierSessions} />
        </Stack>
      </PageSection>
      <PageSection id={pageSections.timeline.id}>
        <CaseTimeline detail={detail} canAddNote={reviewer} />
      </PageSection>
      {!reviewer && (
        <Alert severity="info" variant="outlined" role="note">
          You can read this case; decisions are made by analysts and senior analysts.
        </Alert>
      )}
    </Stack>
  );
});
