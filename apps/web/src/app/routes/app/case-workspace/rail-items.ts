import type { CaseDetail, CaseView } from '@review-desk/contracts';
import {
  caseViewSectionId,
  caseViewSectionKeys,
  caseViewSectionTitle,
} from '@/features/case-view/utils/sections';
import { openItemsBySection } from '@/features/cases/components/case/workspace/open-items';
import type { RailItem } from '@/features/cases/components/case/workspace/section-rail';

/** The page's own sections after the verification's. */
export const pageSections = {
  documents: { id: 'section-documents', label: 'Documents' },
  timeline: { id: 'section-timeline', label: 'Timeline' },
  related: { id: 'section-related', label: 'Related cases' },
} as const;

/** The section rail: each verification section with what is still open there, then the page's own. */
export function railItems(
  detail: CaseDetail,
  view: CaseView | null,
  acknowledged: ReadonlySet<string>,
  withDocuments: boolean,
): RailItem[] {
  const open = openItemsBySection(detail, acknowledged);
  const sections: RailItem[] = view
    ? caseViewSectionKeys(view)
        .filter((key) => key !== 'journey' || view.journey.provided)
        .map((key) => {
          const items = open[key];
          return {
            id: caseViewSectionId(key),
            label: caseViewSectionTitle(key),
            ...(items ? { open: items.join(', ') } : {}),
          };
        })
    : [];
  return [
    ...sections,
    ...(withDocuments ? [pageSections.documents] : []),
    pageSections.related,
    pageSections.timeline,
  ];
}
