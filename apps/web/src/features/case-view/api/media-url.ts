import type { MediaKind, MediaSection, Provider } from '@review-desk/contracts';

/**
 * Whose media to show: media is always fetched through the BFF's proxy, never from an upstream URL. On a case
 * page the case is named too, so the audit row of the view (and the case's timeline) names it.
 */
export type MediaSource = { provider: Provider; subjectId: string; caseId?: string };

export const mediaUrl = ({ provider, subjectId, caseId }: MediaSource, kind: MediaKind) =>
  `/api/subjects/${provider}/${encodeURIComponent(subjectId)}/media/${kind}${
    caseId === undefined ? '' : `?caseId=${encodeURIComponent(caseId)}`
  }`;

export const isMediaAvailable = (media: MediaSection, kind: MediaKind) =>
  media.provided && media.files.some((file) => file.kind === kind && file.available);
