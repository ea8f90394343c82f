import type {
  AuditEntry,
  CaseSummary,
  CustomerFacingEvent,
  CustomerSummary,
  Decision,
} from '@review-desk/contracts';
import { reasonCodes } from '@review-desk/contracts';

/**
 * The case in words for support, who talk to the customer. Built from the workflow state, the decisions and
 * the audit trail; it never names screening, watch lists or the reason a review was needed (tipping off).
 */

const neverTell = [
  'Anything about sanctions, PEP or other watch-list screening, or that a screening took place',
  'Why the verification needed a manual review, or what a reviewer found',
  'Internal notes, reviewer names, escalations or second reviews',
];

/** Provider statuses that mean the verification is still under way at the provider, not waiting for us. */
const providerBusy = new Set(['pending', 'in_progress', 'processing', 'submitted', 'initiated', 'started']);

const normalised = (status: string) => status.trim().toLowerCase().replaceAll(' ', '_').replaceAll('-', '_');

const requestLabels: Record<string, string> = reasonCodes.request_information;

/** What the customer saw happen: submissions, requests, links sent, final answers. */
function customerEvents(timeline: AuditEntry[], decisions: Decision[]): CustomerFacingEvent[] {
  // Oldest first, so that of two events at the same instant the later one recorded wins.
  const events: CustomerFacingEvent[] = [];
  for (const entry of [...timeline].reverse()) {
    if (entry.action === 'case.opened') events.push({ at: entry.at, label: 'Verification submitted' });
    else if (entry.action === 'case.kyc_link_requested')
      events.push({ at: entry.at, label: 'A new verification link was requested for the customer' });
    else if (entry.action === 'case.reopened' || entry.action === 'case.upstream_updated')
      events.push({ at: entry.at, label: 'The verification was updated at the provider' });
    else if (entry.action === 'case.resolved_upstream')
      events.push({ at: entry.at, label: 'The provider completed the verification' });
  }
  for (const decision of decisions) {
    if (decision.outcome === 'request_information') {
      events.push({
        at: decision.decidedAt,
        label: `Information requested: ${requestLabels[decision.reasonCode] ?? 'more information'}`,
      });
    } else if (decision.stage !== 'first_of_two' && decision.outcome !== 'escalate') {
      events.push({
        at: decision.decidedAt,
        label: decision.outcome === 'approve' ? 'Verification approved' : 'Verification not approved',
      });
    }
  }
  return events
    .map((event, order) => ({ event, order }))
    .sort((a, b) => b.event.at.localeCompare(a.event.at) || b.order - a.order)
    .map(({ event }) => event);
}

export function customerSummary(
  summary: CaseSummary,
  decisions: Decision[],
  timeline: AuditEntry[],
): CustomerSummary {
  const lastCustomerEvent = customerEvents(timeline, decisions)[0] ?? null;
  const base = { lastCustomerEvent, mustNotTell: neverTell };

  if (summary.state === 'resolved') {
    if (summary.resolution === 'approved')
      return {
        ...base,
        status: 'Verified',
        pendingOn: 'nobody',
        pending: 'Nothing: the verification was approved.',
        mayTell: ['The verification is complete and approved.'],
      };
    if (summary.resolution === 'rejected')
      return {
        ...base,
        status: 'Not verified',
        pendingOn: 'nobody',
        pending: 'Nothing: the verification was not approved.',
        mayTell: [
          'We could not complete the verification with the information provided.',
          'An analyst can send a new verification link if the customer wants to try again.',
        ],
      };
    return {
      ...base,
      status: 'Completed at the provider',
      pendingOn: 'nobody',
      pending: 'Nothing: the provider closed the verification.',
      mayTell: ['The verification has been completed.'],
    };
  }

  if (summary.state === 'info_requested') {
    const request = [...decisions].reverse().find((decision) => decision.outcome === 'request_information');
    const what = request ? (requestLabels[request.reasonCode] ?? 'More information') : 'More information';
    return {
      ...base,
      status: 'Waiting for the customer',
      pendingOn: 'customer',
      pending: `${what}: the customer must send it before the review can continue.`,
      mayTell: [
        `We need more information to finish the verification: ${what.toLowerCase()}.`,
        'The review continues as soon as it arrives.',
      ],
    };
  }

  if (providerBusy.has(normalised(summary.upstreamStatus))) {
    return {
      ...base,
      status: 'Verification in progress',
      pendingOn: 'provider',
      pending: 'The verification is not finished at the provider yet.',
      mayTell: ['The verification is still in progress; no action is needed from the customer yet.'],
    };
  }

  return {
    ...base,
    status: 'Under review',
    pendingOn: 'desk',
    pending: 'Our compliance team is reviewing the verification.',
    mayTell: [
      'The verification is being reviewed by our team.',
      'We will contact the customer if we need anything else.',
    ],
  };
}
