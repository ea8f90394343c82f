import type { CaseView } from '@review-desk/contracts';
import { AnomalyLog } from '../anomalies';
import { isObject, notProvided } from '../coerce';
import { jsonTypeOf, UnusableUpstreamPayload } from '../errors';
import { Fields } from '../fields';
import { readAml } from './aml';
import { readClientReference } from './client-reference';
import { readFaceMatch } from './face-match';
import { readFraud } from './fraud';
import { readIdInfo } from './id-info';
import { readLiveness } from './liveness';
import { readMedia } from './media';
import { capaSubject } from './subject';
import { readVerification } from './verification';

export interface CapaKycContext {
  /** The Capa userId the details were requested for. */
  userId: string;
  externalUserId?: string;
  /** Reference time for document expiry. */
  now: Date;
}

/**
 * The `data` of Capa's Get KYC Details as a CaseView. Tolerates any shape inside the object (recording what
 * it tolerated in `anomalies`); throws UnusableUpstreamPayload only when `raw` is not an object.
 */
export function normaliseCapaKyc(raw: unknown, ctx: CapaKycContext): CaseView {
  if (!isObject(raw)) throw new UnusableUpstreamPayload('capa', jsonTypeOf(raw));
  const log = new AnomalyLog();
  const data = new Fields(raw, log, '');
  const verification = readVerification(data, ctx.userId);
  const faceMatch = readFaceMatch(data);
  const liveness = readLiveness(data);
  const idInfo = readIdInfo(data, ctx.now);
  const clientReference = readClientReference(data);
  const fraud = readFraud(data);
  const aml = readAml(data);
  const media = readMedia(data);
  return {
    provider: 'capa',
    asOf: ctx.now.toISOString(),
    subject: capaSubject(ctx.userId, ctx.externalUserId, idInfo),
    verification,
    faceMatch,
    liveness,
    idInfo,
    clientReference,
    fraud,
    aml,
    media,
    journey: notProvided,
    anomalies: log.entries,
  };
}

export { type CapaKybContext, normaliseCapaKyb } from './kyb';
export { capaMediaFields, capaMediaUrl, sameCapaMediaView } from './media';
