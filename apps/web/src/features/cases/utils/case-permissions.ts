import type { CaseSummary, SessionUser } from '@review-desk/contracts';
import { permissions, roleLabels } from '@/lib/authorization';

/** Whether the user may act on the case now; when not, the reason is shown beside the disabled control. */
export type Availability = { allowed: true } | { allowed: false; reason: string };

const allowed: Availability = { allowed: true };
const refused = (reason: string): Availability => ({ allowed: false, reason });

/** Rules that hold whoever holds the claim: role, resolution, four-eyes and escalation. */
function workflowRule(user: SessionUser, summary: CaseSummary): Availability {
  if (summary.state === 'resolved') return refused('This case is resolved.');
  if (summary.state === 'superseded')
    return refused('A newer verification session replaced this case; work on the newer case.');
  if (summary.state === 'awaiting_second_review') {
    if (summary.firstReviewer?.id === user.id) {
      return refused(
        'Four-eyes rule: you made the first decision, so a different reviewer must make the second.',
      );
    }
    if (!permissions.secondApproval(user.role)) return refused('The second review needs a senior analyst.');
  }
  if (summary.state === 'escalated' && !permissions.secondApproval(user.role)) {
    return refused('Escalated cases are decided by a senior analyst.');
  }
  return allowed;
}

/** May the user record a decision (or an AML disposition) on this case? */
export function decisionAvailability(user: SessionUser, summary: CaseSummary): Availability {
  if (!permissions.decide(user.role))
    return refused(`Your role (${roleLabels[user.role]}) cannot make decisions.`);
  const rule = workflowRule(user, summary);
  if (!rule.allowed) return rule;
  if (summary.assignee === null) return refused('Claim the case before deciding.');
  if (summary.assignee.id !== user.id)
    return refused(`Claimed by ${summary.assignee.displayName}; only they can decide.`);
  return allowed;
}

/** May the user claim the case now? */
export function claimAvailability(user: SessionUser, summary: CaseSummary): Availability {
  if (!permissions.claim(user.role))
    return refused(`Your role (${roleLabels[user.role]}) cannot claim cases.`);
  const rule = workflowRule(user, summary);
  if (!rule.allowed) return rule;
  if (summary.assignee?.id === user.id) return refused('You hold the claim.');
  if (summary.assignee !== null) return refused(`Claimed by ${summary.assignee.displayName}.`);
  return allowed;
}

export const holdsClaim = (user: SessionUser, summary: CaseSummary) => summary.assignee?.id === user.id;

/** Documents go to connectFi for a connectFi case that is still open (the desk refuses the rest with 409). */
export const documentsApply = (summary: CaseSummary) =>
  summary.provider === 'connectfi' && summary.state !== 'resolved' && summary.state !== 'superseded';
