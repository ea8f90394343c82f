// Get KYC Details as served: the stored session with pre-signed media URLs pointing at this server, valid for
// mediaUrlTtlSeconds from the moment of the request.

import { type MediaKind, signMediaPath } from '../media/links';
import type { KycDetailsPayload, KycMedia } from '../population/types';
import type { CapaUserRecord } from './users';

const mediaFields: Record<MediaKind, keyof KycMedia> = {
  front: 'frontIdImageUrl',
  back: 'backIdImageUrl',
  selfie: 'selfieImageUrl',
  'selfie-video': 'selfieVideoUrl',
};

export interface MediaSigning {
  baseUrl: string;
  signingKey: string;
  expiresAt: number;
}

/** null when the user has not completed a session. `media` sits after idInfo, as in Capa's schema. */
export function kycDetailsPayload(record: CapaUserRecord, signing: MediaSigning): KycDetailsPayload | null {
  const details = record.kycDetails;
  if (!details) return null;
  const { clientReferenceId, createdAt, verificationSessionId, ...sections } = details;
  const payload: KycDetailsPayload = { ...sections };
  if (record.media.length > 0) {
    const media: KycMedia = {};
    for (const kind of record.media) {
      media[mediaFields[kind]] =
        signing.baseUrl + signMediaPath(signing.signingKey, record.userId, kind, signing.expiresAt);
    }
    payload.media = media;
  }
  if (clientReferenceId !== undefined) payload.clientReferenceId = clientReferenceId;
  if (createdAt !== undefined) payload.createdAt = createdAt;
  if (verificationSessionId !== undefined) payload.verificationSessionId = verificationSessionId;
  return payload;
}
