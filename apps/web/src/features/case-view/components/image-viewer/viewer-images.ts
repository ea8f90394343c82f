import type { MediaKind, MediaSection } from '@review-desk/contracts';
import { isMediaAvailable, type MediaSource, mediaUrl } from '../../api/media-url';

export const mediaLabels: Record<MediaKind, string> = {
  front: 'Front of the document',
  back: 'Back of the document',
  selfie: 'Selfie',
  'selfie-video': 'Selfie video',
};

/** The media a viewer shows as a picture; the selfie video keeps its own player and controls. */
export type ImageKind = Exclude<MediaKind, 'selfie-video'>;
const imageKinds: readonly ImageKind[] = ['front', 'back', 'selfie'];

export type ViewerImage = { kind: ImageKind; src: string; label: string };

/** The case's images the viewer steps through with [ and ], in the order the case page shows them. */
export const viewerImages = (media: MediaSection, source: MediaSource): ViewerImage[] =>
  imageKinds
    .filter((kind) => isMediaAvailable(media, kind))
    .map((kind) => ({ kind, src: mediaUrl(source, kind), label: mediaLabels[kind] }));

/** The selfie and the document's photo side: the pair the side-by-side mode compares. */
export function comparisonPair(images: ViewerImage[]): [ViewerImage, ViewerImage] | null {
  const selfie = images.find((image) => image.kind === 'selfie');
  const front = images.find((image) => image.kind === 'front');
  return selfie && front ? [selfie, front] : null;
}
