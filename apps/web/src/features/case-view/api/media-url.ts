import type { MediaKind, MediaSection, Provider } from '@review-desk/contracts';

/** Whose media to show: media is always fetched through the BFF's proxy, never from an upstream URL. */
export type MediaSource = { provider: Provider; subjectId: string };

export const mediaUrl = ({ provider, subjectId }: MediaSource, kind: MediaKind) =>
  `/api/subjects/${provider}/${encodeURIComponent(subjectId)}/media/${kind}`;

export const isMediaAvailable = (media: MediaSection, kind: MediaKind) =>
  media.provided && media.files.some((file) => file.kind === kind && file.available);
