import type { AuditEntry, CaseDetail, CaseSummary, Decision, Role } from '@review-desk/contracts';
import { withholdsScreening } from '../subjects/pii';

/**
 * What support staff, who talk to customers, may be served about a case: everything but the screening. The
 * view's AML section goes in viewForRole; here the rest of the case loses what would betray it (triage
 * factors of AML hits, dispositions, AML reasons of decisions, the conditions and four-eyes reasons about
 * hits, and audit details that name them).
 */

/** Codes that exist only because of screening: AML reasons, and the policy's sanctions, PEP and adverse-media rules. */
const isScreeningCode = (code: string) => /^(aml_|sanctions_|pep_|adverse_media)/.test(code);

/** Audit rows that exist only because of screening; support sees none of them. */
const screeningActions = new Set(['case.disposition_recorded', 'case.dispositions_premarked']);

const WITHHELD_REASON = { reasonCode: 'withheld', reasonLabel: 'Reason not shown to your role' } as const;

export function summaryForRole(summary: CaseSummary, role: Role): CaseSummary {
  if (!withholdsScreening(role)) return summary;
  const factors = summary.triage.factors.filter((factor) => !isScreeningCode(factor.code));
  // The score is the sum of its factors: leaving the full score beside fewer factors would betray the rest.
  const score = Math.min(
    100,
    factors.reduce((sum, factor) => sum + factor.points, 0),
  );
  return { ...summary, triage: { score, factors }, hitTypes: [] };
}

function decisionForRole(decision: Decision): Decision {
  return {
    ...decision,
    ...(isScreeningCode(decision.reasonCode) ? WITHHELD_REASON : {}),
    comment: null,
    fourEyesReasons: decision.fourEyesReasons.filter((reason) => !isScreeningCode(reason)),
    dispositions: [],
  };
}

const timelineForRole = (timeline: AuditEntry[]): AuditEntry[] =>
  timeline
    .filter((entry) => !screeningActions.has(entry.action))
    .map((entry) => ({ ...entry, details: null }));

function fourEyesForRole(fourEyes: CaseDetail['approval']['fourEyes']): CaseDetail['approval']['fourEyes'] {
  const reasons = fourEyes.reasons.filter((reason) => !isScreeningCode(reason));
  return { required: reasons.length > 0, reasons };
}

/** The case detail as this role may see it (its view is already shaped by viewForRole). */
export function detailForRole(detail: CaseDetail, role: Role): CaseDetail {
  if (!withholdsScreening(role)) return detail;
  return {
    ...detail,
    case: summaryForRole(detail.case, role),
    dispositions: [],
    earlierSessions: detail.earlierSessions.map((session) => ({ ...session, dispositions: [] })),
    decisions: detail.decisions.map(decisionForRole),
    timeline: timelineForRole(detail.timeline),
    approval: {
      ...detail.approval,
      unmet: detail.approval.unmet.filter((condition) => !isScreeningCode(condition.code)),
      amlHits: [],
      // Support decides nothing, and which outcomes the policy allows would betray a true match.
      outcomes: [],
      fourEyes: fourEyesForRole(detail.approval.fourEyes),
    },
    review: detail.review && {
      ...detail.review,
      evidenceChanges: detail.review.evidenceChanges.filter((change) => !/aml|screening/i.test(change)),
    },
  };
}
