// Capa's two other ways into a KYC session, besides POST /users/{id}/kyc/verification-link:
//   POST /kyc/verification-link   the legacy direct link (capa-kyc-link-personal-info.txt and the OpenAPI
//                                 document's CreatePartnerDirectLinkBodyV2): userId in the body, personalInfo
//                                 required for Mexico; 201 {"status":"ok","data":{"kycLink"}}.
//   POST /kyc/send-verification   Option B, KYC data sent directly (the integration flow's "Send KYC Information
//                                 Directly", and the OpenAPI document's UploadPartnerOwnKYCBody): the files are
//                                 pre-signed URLs that Capa downloads. Verification is asynchronous: the answer
//                                 only acknowledges the submission, the result comes by webhook.
// Both start a pending session that the customer (in the sandbox, the control API's complete route) finishes.

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { kycCountries, requestOrigin } from './countries';
import { capaErrors } from './errors';
import type { InjectedErrors } from './injected-errors';
import { type DownloadedFile, type FileRule, fetchPresignedFile, fileRules } from './presigned-files';
import type { CapaUserRecord, CapaUsers } from './users';

/** The personal-info page's SupportedUserProfessions. */
export const legacyProfessions = [
  'Employee',
  'Public Servant',
  'Entrepreneur or Contractor',
  'Student',
  'Other',
];

/** RFC, Mexico's tax id, in the format the integration flow gives (CURP is not accepted). */
const rfc = '^[A-Z]{4}\\d{6}[A-Z0-9]{3}$';
const countryCode = '^[A-Z]{2}$';
const redirectUri = { type: 'string', maxLength: 2048, pattern: '^[A-Za-z][A-Za-z0-9+.-]*://\\S+$' } as const;
const fileUrl = { type: 'string', maxLength: 4096, pattern: '^https?://\\S+$' } as const;
const userId = { type: 'string', minLength: 1, maxLength: 255 } as const;

const personalInfo = {
  type: 'object',
  required: ['profession', 'phoneNumber', 'birthCountry'],
  properties: {
    profession: { type: 'string', enum: legacyProfessions },
    // "The user's phone number in international format."
    phoneNumber: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' },
    birthCountry: { type: 'string', pattern: countryCode },
    taxId: { type: 'string', pattern: rfc },
  },
} as const;

const legacyLinkBody = {
  type: 'object',
  required: ['userId', 'country'],
  properties: {
    userId,
    country: { type: 'string', enum: kycCountries },
    partnerRedirectUri: redirectUri,
    personalInfo,
  },
} as const;

const mxOnly = ['pep', 'beneficiaryOwner', 'resourceProvider', 'realOwner'] as const;

/** The integration flow's layout (files by URL). */
const directKycBody = {
  type: 'object',
  required: ['userId', 'country', 'profession', 'countryOfBirth', 'selfieUrl', 'identity'],
  properties: {
    userId,
    country: { type: 'string', enum: kycCountries },
    profession: { type: 'string', minLength: 1, maxLength: 100 },
    countryOfBirth: { type: 'string', pattern: countryCode },
    selfieUrl: fileUrl,
    identity: {
      type: 'object',
      required: ['type', 'frontIdUrl', 'backIdUrl'],
      properties: {
        type: { type: 'string', enum: ['GOVERNMENT_ID', 'RESIDENT_CARD', 'TAX_ID'] },
        frontIdUrl: fileUrl,
        backIdUrl: fileUrl,
      },
    },
    phoneNumber: { type: 'string', pattern: '^\\+?[0-9 ()-]{7,20}$' },
    taxId: { type: 'string', minLength: 1, maxLength: 64 },
    economicActivity: { type: 'string', minLength: 1, maxLength: 200 },
    documents: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        required: ['type', 'fileUrl'],
        properties: { type: { type: 'string', enum: ['ADDRESS_PROOF'] }, fileUrl },
      },
    },
    address: {
      type: 'object',
      required: ['street', 'city', 'state', 'zipCode', 'country'],
      properties: {
        street: { type: 'string', minLength: 1, maxLength: 200 },
        city: { type: 'string', minLength: 1, maxLength: 100 },
        state: { type: 'string', minLength: 1, maxLength: 100 },
        zipCode: { type: 'string', minLength: 1, maxLength: 20 },
        country: { type: 'string', pattern: countryCode },
      },
    },
    ...Object.fromEntries(mxOnly.map((key) => [key, { type: 'object' }])),
  },
} as const;

/** The OpenAPI document's UploadPartnerOwnKYCBody (no files: the documents are sent to Capa's provider). */
const uploadOwnKycBody = {
  type: 'object',
  required: ['userId', 'country', 'documentType'],
  properties: {
    userId,
    country: { type: 'string', enum: ['MX', 'DO'] },
    documentType: { type: 'string', enum: ['NATIONAL_ID', 'VOTER_ID', 'PASSPORT'] },
    personalInfo,
  },
} as const;

const sendVerificationBody = { anyOf: [directKycBody, uploadOwnKycBody] } as const;

interface PersonalInfo {
  profession: string;
  phoneNumber: string;
  birthCountry: string;
  taxId?: string;
}

interface LegacyLinkBody {
  userId: string;
  country: string;
  partnerRedirectUri?: string;
  personalInfo?: PersonalInfo;
}

interface DirectKycBody {
  userId: string;
  country: string;
  profession: string;
  countryOfBirth: string;
  selfieUrl: string;
  identity: { type: string; frontIdUrl: string; backIdUrl: string };
  phoneNumber?: string;
  taxId?: string;
  economicActivity?: string;
  documents?: { type: 'ADDRESS_PROOF'; fileUrl: string }[];
  address?: Record<string, string>;
  pep?: object;
  beneficiaryOwner?: object;
  resourceProvider?: object;
  realOwner?: object;
}

interface UploadOwnKycBody {
  userId: string;
  country: string;
  documentType: string;
  personalInfo?: PersonalInfo;
}

type SendVerificationBody = DirectKycBody | UploadOwnKycBody;

export interface KycSubmissionOptions {
  users: CapaUsers;
  now: () => Date;
  injectedErrors: InjectedErrors;
}

const newSessionId = () => `vs_${randomBytes(8).toString('hex')}`;

/** Mexico's extra requirements, which a JSON schema cannot say per country. */
function checkDirectKyc(body: DirectKycBody): void {
  if (body.country !== 'MX') {
    const extra = mxOnly.filter((key) => body[key] !== undefined);
    if (extra.length > 0) throw capaErrors.invalidInput(`${extra.join(', ')}: only for users in Mexico (MX)`);
    return;
  }
  const missing = (['taxId', 'economicActivity', 'address'] as const).filter(
    (key) => body[key] === undefined,
  );
  if (missing.length > 0) throw capaErrors.invalidInput(`Required for Mexico (MX): ${missing.join(', ')}`);
  if (!new RegExp(rfc).test(body.taxId ?? ''))
    throw capaErrors.invalidInput('taxId must be an RFC (e.g. LOZG7802117B9); CURP is not accepted');
  // An INE (GOVERNMENT_ID in Mexico) carries the address; any other ID needs a proof of address.
  if (body.identity.type !== 'GOVERNMENT_ID' && !body.documents?.some((d) => d.type === 'ADDRESS_PROOF'))
    throw capaErrors.invalidInput('documents must include an ADDRESS_PROOF when the ID is not an INE');
}

function filesOf(body: DirectKycBody): { url: string; rule: FileRule }[] {
  return [
    { url: body.selfieUrl, rule: { field: 'selfieUrl', ...fileRules.selfie } },
    { url: body.identity.frontIdUrl, rule: { field: 'identity.frontIdUrl', ...fileRules.idImage } },
    { url: body.identity.backIdUrl, rule: { field: 'identity.backIdUrl', ...fileRules.idImage } },
    ...(body.documents ?? []).map((d, i) => ({
      url: d.fileUrl,
      rule: { field: `documents[${i}].fileUrl`, ...fileRules.document },
    })),
  ];
}

export function kycSubmissionRoutes(partner: FastifyInstance, options: KycSubmissionOptions): void {
  const { users, now, injectedErrors } = options;

  function individualUser(id: string, country: string): CapaUserRecord {
    const record = users.get(id);
    if (!record) throw capaErrors.userNotFound();
    if (record.type === 'BUSINESS') throw capaErrors.kycForBusiness();
    injectedErrors.check('kyc-session', { userId: id, country });
    return record;
  }

  partner.post<{ Body: LegacyLinkBody }>(
    '/kyc/verification-link',
    { schema: { body: legacyLinkBody } },
    async (request, reply) => {
      const body = request.body;
      if (body.country === 'MX' && body.personalInfo === undefined)
        throw capaErrors.invalidInput('personalInfo is required for users in Mexico (country MX)');
      const record = individualUser(body.userId, body.country);
      const verificationSessionId = newSessionId();
      users.startSession(record, {
        verificationSessionId,
        flow: 'legacy-link',
        country: body.country,
        partnerRedirectUri: body.partnerRedirectUri ?? null,
        createdAt: now().toISOString(),
        ...(body.personalInfo === undefined ? {} : { personalInfo: { ...body.personalInfo } }),
      });
      const kycLink = `${requestOrigin(request)}/verify/${verificationSessionId}`;
      return reply.code(201).send({ status: 'ok', data: { kycLink } });
    },
  );

  partner.post<{ Body: SendVerificationBody }>(
    '/kyc/send-verification',
    { schema: { body: sendVerificationBody } },
    async (request, reply) => {
      const body = request.body;
      const files: DownloadedFile[] = [];
      if ('selfieUrl' in body) {
        checkDirectKyc(body);
        const record = individualUser(body.userId, body.country);
        // One after the other: the first failure is the answer, as a partner fixing them in turn would see.
        for (const { url, rule } of filesOf(body)) files.push(await fetchPresignedFile(url, rule));
        users.startSession(record, {
          verificationSessionId: newSessionId(),
          flow: 'direct',
          country: body.country,
          partnerRedirectUri: null,
          createdAt: now().toISOString(),
        });
      } else {
        if (body.country === 'MX' && body.personalInfo === undefined)
          throw capaErrors.invalidInput('personalInfo is required for users in Mexico (country MX)');
        const record = individualUser(body.userId, body.country);
        users.startSession(record, {
          verificationSessionId: newSessionId(),
          flow: 'direct',
          country: body.country,
          partnerRedirectUri: null,
          createdAt: now().toISOString(),
          ...(body.personalInfo === undefined ? {} : { personalInfo: { ...body.personalInfo } }),
        });
      }
      const session = users.get(body.userId)?.pendingSession;
      return reply.code(201).send({
        success: true,
        data: {
          userId: body.userId,
          verificationSessionId: session?.verificationSessionId,
          status: 'SUBMITTED',
          files: files.map(({ field, format, size }) => ({ field, format, size })),
        },
      });
    },
  );
}
