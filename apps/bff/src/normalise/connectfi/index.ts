import type { CaseView, Subject } from '@review-desk/contracts';
import { AnomalyLog } from '../anomalies';
import { isObject, notProvided } from '../coerce';
import { jsonTypeOf, UnusableUpstreamPayload } from '../errors';
import { Fields } from '../fields';
import { akepaOutcome, akepaStatus } from '../vocabularies';
import { customerKycStatus } from './customer-kyc-status';
import { readEntityApplications } from './entity-applications';

export interface ConnectfiStatusContext {
  /** The connectFi customerId the status was requested for. */
  customerId: string;
  now: Date;
}

/**
 * The `data` of connectFi's /akepa/status as a CaseView: the journey, its entities and the derived customer
 * kycStatus. connectFi sends no document, biometric, AML or media data, so those sections are not provided.
 * Throws UnusableUpstreamPayload only when `raw` is not an object.
 */
export function normaliseConnectfiStatus(raw: unknown, ctx: ConnectfiStatusContext): CaseView {
  if (!isObject(raw)) throw new UnusableUpstreamPayload('connectfi', jsonTypeOf(raw));
  const log = new AnomalyLog();
  const journey = new Fields(raw, log, '');
  const applicationId = journey.text('applicationId');
  const customerId = journey.text('customerId');
  if (customerId !== null && customerId !== ctx.customerId)
    log.add(
      '',
      'customerId',
      'subject_mismatch',
      'The payload names another connectFi customer than the one requested',
    );
  const status = journey.enumOf('status', akepaStatus);
  const outcome = journey.enumOf('outcome', akepaOutcome);
  const { subjectType, entityApplications } = readEntityApplications(journey, ctx.customerId);
  const subject: Subject = {
    provider: 'connectfi',
    id: ctx.customerId,
    externalUserId: null,
    type: subjectType,
    displayName: null,
    birthDate: null,
    idNumberMasked: null,
  };
  return {
    provider: 'connectfi',
    asOf: ctx.now.toISOString(),
    subject,
    verification: {
      provided: true,
      result: outcome,
      status,
      verificationSessionId: applicationId,
      createdAt: null,
      subjectReference: customerId,
    },
    faceMatch: notProvided,
    liveness: notProvided,
    idInfo: notProvided,
    clientReference: notProvided,
    fraud: notProvided,
    aml: notProvided,
    media: notProvided,
    journey: {
      provided: true,
      applicationId,
      aggregatorId: journey.text('aggregatorId'),
      reference: journey.text('reference'),
      status,
      outcome,
      customerKycStatus: customerKycStatus(status, outcome),
      entityApplications,
    },
    anomalies: log.entries,
  };
}
