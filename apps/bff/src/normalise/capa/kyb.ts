import type {
  BeneficialOwner,
  BusinessSection,
  CaseView,
  EnumValue,
  VerificationSection,
} from '@review-desk/contracts';
import { AnomalyLog } from '../anomalies';
import { isObject, notProvided } from '../coerce';
import { jsonTypeOf, UnusableUpstreamPayload } from '../errors';
import { Fields } from '../fields';
import { maskIdNumber } from '../mask';
import { capaKybStatus } from '../vocabularies';
import { readCreatedAt } from './verification';

export interface CapaKybContext {
  /** The Capa userId the details were requested for. */
  userId: string;
  externalUserId?: string;
  now: Date;
}

/**
 * The `data` of Capa's Get KYB Details as a CaseView of a business: the verification (status, session, time)
 * and the business with its beneficial owners. Tolerates any shape inside the object like the KYC reader, and
 * throws UnusableUpstreamPayload only when `raw` is not an object.
 */
export function normaliseCapaKyb(raw: unknown, ctx: CapaKybContext): CaseView {
  if (!isObject(raw)) throw new UnusableUpstreamPayload('capa', jsonTypeOf(raw));
  const log = new AnomalyLog();
  const data = new Fields(raw, log, '');
  const status = data.enumOf('verificationStatus', capaKybStatus);
  const verification = readKybVerification(data, status);
  const business = readBusiness(data, status);
  const name = business.provided ? business.businessName : null;
  const taxId = business.provided ? business.taxId : null;
  return {
    provider: 'capa',
    asOf: ctx.now.toISOString(),
    subject: {
      provider: 'capa',
      id: ctx.userId,
      externalUserId: ctx.externalUserId ?? null,
      type: 'business',
      displayName: name !== null && name.trim() !== '' ? name : null,
      birthDate: null,
      idNumberMasked: taxId === null ? null : maskIdNumber(taxId),
    },
    verification,
    faceMatch: notProvided,
    liveness: notProvided,
    idInfo: notProvided,
    clientReference: notProvided,
    fraud: notProvided,
    aml: notProvided,
    media: notProvided,
    journey: notProvided,
    business,
    anomalies: log.entries,
  };
}

function readKybVerification(data: Fields, result: EnumValue | null): VerificationSection {
  const verificationSessionId = data.text('verificationSessionId');
  const createdAt = readCreatedAt(data);
  if (result === null && verificationSessionId === null && createdAt === null) return notProvided;
  return { provided: true, result, status: null, verificationSessionId, createdAt, subjectReference: null };
}

function readBusiness(data: Fields, verificationStatus: EnumValue | null): BusinessSection {
  const info = data.section('businessInfo');
  if (data.source.beneficialOwners === undefined)
    data.log.add(data.path, 'beneficialOwners', 'missing_section', 'Not in the payload');
  const beneficialOwners = data.objects('beneficialOwners', readOwner);
  if (info === null && beneficialOwners.length === 0 && verificationStatus === null) return notProvided;
  return {
    provided: true,
    verificationStatus,
    businessName: info?.text('businessName') ?? null,
    countryOfConstitution: info?.text('countryOfConstitution') ?? null,
    taxId: info?.text('taxId') ?? null,
    beneficialOwners,
  };
}

function readOwner(owner: Fields): BeneficialOwner {
  let ownershipPercent = owner.number('ownershipPercent');
  if (ownershipPercent !== null && (ownershipPercent < 0 || ownershipPercent > 100)) {
    owner.log.add(
      owner.path,
      'ownershipPercent',
      'unexpected_type',
      'Not a share between 0 and 100; set aside',
      ownershipPercent,
    );
    ownershipPercent = null;
  }
  return { ref: refOf(owner.path), fullName: owner.text('fullName'), ownershipPercent };
}

/**
 * "#<index>" from the owner's path in the payload ("beneficialOwners[2]"): its place in the list as sent, so an
 * item set aside does not renumber the owners after it.
 */
const refOf = (path: string) => `#${/\[(\d+)\]$/.exec(path)?.[1] ?? path}`;
