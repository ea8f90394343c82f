import type {
  AmlDisposition,
  CaseDetail,
  EvidenceKind,
  RevealableField,
  SessionUser,
} from '@review-desk/contracts';
import { useRef } from 'react';
import type { CaseViewContext } from '@/features/case-view/components/case-view-sections';
import { useDisposeAmlHit } from '@/features/cases/api/dispose-aml-hit';
import { useRecordEvidenceViewed } from '@/features/cases/api/record-evidence-viewed';
import { useRevealIdentifier } from '@/features/cases/api/reveal-identifier';
import { RepresentativeReview } from '@/features/cases/components/case/representatives/representative-review';
import { SectionWarnings } from '@/features/cases/components/case/warnings/section-warnings';
import type { Acknowledgements } from '@/features/cases/components/case/warnings/use-acknowledgements';
import { decisionAvailability } from '@/features/cases/utils/case-permissions';
import { permissions } from '@/lib/authorization';

/**
 * What the case adds to the verification's sections: audited reveal for everyone, and for a reviewer the AML
 * dispositions, evidence records and the warnings to acknowledge beside their sections.
 */
export function useCaseViewContext(
  detail: CaseDetail,
  user: SessionUser,
  acknowledgements: Acknowledgements,
) {
  const summary = detail.case;
  const reveal = useRevealIdentifier();
  const dispose = useDisposeAmlHit();
  const recordViewed = useRecordEvidenceViewed();
  const recorded = useRef(new Set<string>());
  const availability = decisionAvailability(user, summary);

  const context: CaseViewContext = {
    caseId: summary.id,
    onReveal: async (field: RevealableField) =>
      (await reveal.mutateAsync({ caseId: summary.id, field })).value,
    viewedEntityIds: new Set(
      detail.entityApplications.filter((entity) => entity.viewed).map((entity) => entity.entityId),
    ),
    // Approval counts the owners the approver opened, so the page shows the reader's own openings.
    viewedOwnerRefs: new Set(
      detail.evidenceViewed
        .filter((item) => item.kind === 'beneficial_owner' && item.viewedBy.id === user.id)
        .map((item) => item.ref),
    ),
  };
  if (permissions.decide(user.role)) {
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
    context.entityReview = (entityId: string) => (
      <RepresentativeReview caseId={summary.id} entityId={entityId} />
    );
    context.afterSection = (host) => (
      <SectionWarnings
        host={host}
        detail={detail}
        acknowledgements={acknowledgements}
        disabled={!availability.allowed}
      />
    );
  }
  return { context, dispose };
}
