import type { Role } from '@review-desk/contracts';

/**
 * What each role may do in the interface. The BFF enforces the same rules; these only decide what to offer,
 * so that a control the user may not use is hidden or disabled with its reason instead of failing on click.
 */
export const permissions = {
  decide: (role: Role) => role === 'analyst' || role === 'senior',
  secondApproval: (role: Role) => role === 'senior',
  /** Acknowledging or reopening over a provider's contradicting verdict: seniors own decisions once made. */
  closeDisagreement: (role: Role) => role === 'senior',
  claim: (role: Role) => role === 'analyst' || role === 'senior',
  /** Opening a case by hand, from an investigation (support investigates but changes nothing). */
  openCase: (role: Role) => role === 'analyst' || role === 'senior',
  /** Support asks analysts to look at a customer instead of opening a case. */
  flagForReview: (role: Role) => role === 'support',
  /**
   * Screening results, and what they raise: the AML hit types and the triage score's order and range. Support
   * talks to customers and is never shown them (tipping off).
   */
  seeScreening: (role: Role) => role !== 'support',
  bulkActions: (role: Role) => role === 'senior' || role === 'admin',
  viewAudit: (role: Role) => role === 'senior' || role === 'admin',
  /** Users, deliveries and the directory: running the desk, never its cases. */
  manageDesk: (role: Role) => role === 'admin',
  /** The case and subject pages, and the search that leads to them (admins see no personal data). */
  openCasePage: (role: Role) => role !== 'admin',
  /** The unmasked provider payload: seniors only (admins see no personal data). */
  viewRawPayload: (role: Role) => role === 'senior',
  /** The evidence pack, offered on the case page (admins may export it too, but cannot open the case page). */
  exportEvidencePack: (role: Role) => role === 'senior',
} as const;

export const roleLabels: Record<Role, string> = {
  analyst: 'Analyst',
  senior: 'Senior analyst',
  support: 'Support',
  admin: 'Administrator',
};
