import type { CustomerKycStatus, EnumValue } from '@review-desk/contracts';

/**
 * connectFi's cross-reference from an Akepa journey to the customer kycStatus of /customer/status. A final
 * outcome decides first; otherwise the status: documents or data expected, under review, or anything else
 * (running, completed without outcome, an undocumented status) pending.
 */
export function customerKycStatus(status: EnumValue | null, outcome: EnumValue | null): CustomerKycStatus {
  if (outcome?.normalised === 'approved') return 'APPROVED';
  if (outcome?.normalised === 'denied') return 'DECLINED';
  switch (status?.normalised) {
    case 'data_request':
    case 'pending_documents':
    case 'pending_step_up':
      return 'WAITING_DATA';
    case 'waiting_review':
    case 'pending_journey_application_review':
      return 'WAITING_REVIEW';
    default:
      return 'PENDING';
  }
}
