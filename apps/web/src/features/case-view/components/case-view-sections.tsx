import { Box, Stack, Typography } from '@mui/material';
import type { CaseView, RevealableField } from '@review-desk/contracts';
import { isValidElement, type ReactNode } from 'react';
import { caseViewSectionId, caseViewSectionKeys } from '../utils/sections';
import type { AmlDispositionControl } from './aml-disposition-control';
import { AmlSection } from './aml-section';
import { AnomaliesSection } from './anomalies-section';
import { BusinessSection } from './business-section';
import { ClientReferenceSection } from './client-reference-section';
import { FaceMatchSection } from './face-match-section';
import { FraudSection } from './fraud-section';
import { HeaderSection } from './header-section';
import { IdDocumentSection } from './id-document-section';
import { JourneySection } from './journey-section';
import { LivenessSection } from './liveness-section';
import type { OnEvidenceViewed } from './media';
import { SectionCard } from './section-card';

/** What a case adds to the read-only view: audited reveal, AML dispositions and evidence tracking. */
export type CaseViewContext = {
  onReveal?: (field: RevealableField) => Promise<string | null>;
  amlDisposition?: AmlDispositionControl;
  viewedEntityIds?: ReadonlySet<string>;
  /** For reviewers: the review of an entity application opened in the journey (fetched, so recorded, on opening). */
  entityReview?: (entityId: string) => ReactNode;
  /** Beneficial owners (by ref) the reviewer has opened. */
  viewedOwnerRefs?: ReadonlySet<string>;
  onEvidenceViewed?: OnEvidenceViewed;
  /** The case the view is shown for: media reads are audited against it. */
  caseId?: string;
  /** What to show right after a section (by key: header, faceMatch, liveness, idInfo, fraud, aml). */
  afterSection?: (key: string) => ReactNode;
};

/** Every section of a verification, in reading order for its provider; used by the case and subject pages. */
export function CaseViewSections({ view, context = {} }: { view: CaseView; context?: CaseViewContext }) {
  const { provider } = view;
  const source = { provider, subjectId: view.subject.id, caseId: context.caseId };
  const { onReveal, onEvidenceViewed } = context;

  const journey = (
    <JourneySection
      key="journey"
      provider={provider}
      section={view.journey}
      viewedEntityIds={context.viewedEntityIds}
      entityReview={context.entityReview}
    />
  );
  const business = view.business && (
    <BusinessSection
      key="business"
      provider={provider}
      section={view.business}
      onRevealTaxId={onReveal && (() => onReveal('taxId'))}
      viewedOwnerRefs={context.viewedOwnerRefs}
      onEvidenceViewed={onEvidenceViewed}
    />
  );
  const checks: ReactNode[] = [
    <FaceMatchSection key="faceMatch" provider={provider} section={view.faceMatch} />,
    <LivenessSection
      key="liveness"
      provider={provider}
      section={view.liveness}
      media={view.media}
      source={source}
      onEvidenceViewed={onEvidenceViewed}
    />,
    <IdDocumentSection
      key="idInfo"
      provider={provider}
      section={view.idInfo}
      media={view.media}
      source={source}
      onRevealIdNumber={onReveal && (() => onReveal('idNumber'))}
      onEvidenceViewed={onEvidenceViewed}
    />,
    <FraudSection key="fraud" provider={provider} section={view.fraud} />,
    view.screeningWithheld ? (
      <SectionCard key="aml" title="Screening">
        <Typography variant="body2" color="text.secondary">
          Not shown to your role. Staff who talk to customers never see screening results, so they cannot be
          passed on.
        </Typography>
      </SectionCard>
    ) : (
      <AmlSection
        key="aml"
        provider={provider}
        section={view.aml}
        disposition={context.amlDisposition}
        onEvidenceViewed={onEvidenceViewed}
      />
    ),
    <ClientReferenceSection
      key="clientReference"
      provider={provider}
      section={view.clientReference}
      onRevealTaxId={onReveal && (() => onReveal('taxId'))}
    />,
  ];

  const byKey = new Map<string, ReactNode>(
    [journey, business, ...checks].flatMap((node) =>
      isValidElement(node) ? [[String(node.key), node]] : [],
    ),
  );
  const sections = caseViewSectionKeys(view).flatMap((key) => (byKey.has(key) ? [byKey.get(key)] : []));

  // Each section is an anchor (the section rail) and a stop for keyboard movement between sections.
  const withAfter = (node: ReactNode) => {
    if (!isValidElement(node)) return node;
    const key = String(node.key);
    return (
      <Box
        key={key}
        id={caseViewSectionId(key)}
        tabIndex={-1}
        data-review-stop="section"
        sx={{ scrollMarginTop: 8, display: 'flex', flexDirection: 'column', gap: 2, outlineOffset: 2 }}
      >
        {node}
        {context.afterSection?.(key)}
      </Box>
    );
  };
  return (
    <Stack spacing={2} sx={{ minWidth: 0 }}>
      {withAfter(
        <HeaderSection
          key="header"
          provider={provider}
          subject={view.subject}
          verification={view.verification}
        />,
      )}
      <AnomaliesSection provider={provider} anomalies={view.anomalies} />
      {sections.map(withAfter)}
    </Stack>
  );
}
