/** The audit trail in words: each action's label, and its details as label and value pairs. */

const actionLabels: Record<string, string> = {
  'audit.exported': 'Exported the audit trail',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Failed sign-in',
  'auth.logout': 'Signed out',
  'auth.session_ended': 'Session ended',
  'auth.sso_refused': 'Single sign-on refused',
  'case.assigned': 'Assigned the case',
  'case.claimed': 'Claimed the case',
  'case.decided': 'Decided',
  'case.directory_record_viewed': 'Opened the directory record',
  'case.disposition_recorded': 'Recorded a screening disposition',
  'case.dispositions_premarked': 'Screening dispositions pre-marked',
  'case.document_generated': 'Generated a document',
  'case.document_upload_failed': 'Document upload failed',
  'case.document_uploaded': 'Uploaded a document',
  'case.documents_attach_failed': 'Attaching documents failed',
  'case.documents_attached': 'Attached documents',
  'case.escalated': 'Escalated',
  'case.evidence_pack_exported': 'Exported the evidence pack',
  'case.evidence_pack_unmasked': 'Exported the evidence pack unmasked',
  'case.evidence_viewed': 'Viewed the evidence',
  'case.first_decision_superseded': 'First decision superseded',
  'case.flagged': 'Flagged for review',
  'case.kyc_link_requested': 'Requested a new verification link',
  'case.note_added': 'Added a note',
  'case.opened': 'Case opened',
  'case.pii_revealed': 'Revealed an identifier',
  'case.provider_disagreement': "The provider contradicted the desk's decision",
  'case.provider_disagreement_acknowledged': 'Acknowledged the provider disagreeing',
  'case.provider_disagreement_cleared': 'The provider came round to the decision',
  'case.released': 'Released the case',
  'case.reopened': 'Case reopened',
  'case.resolved_upstream': 'Resolved at the provider',
  'case.second_review_disagreed': 'Second reviewer disagreed',
  'case.superseded': 'Case superseded',
  'case.upstream_updated': 'Updated at the provider',
  'case.viewed': 'Viewed the case',
  'delivery.requeued': 'Retried a provider delivery',
  'delivery.retried': 'Retried a decision delivery',
  'flag.handled': 'Handled a flag',
  'media.viewed': 'Viewed media',
  'pii.revealed': 'Revealed an identifier',
  'subject.flagged': 'Flagged a customer for review',
  'subject.raw_viewed': 'Viewed the raw provider payload',
  'subject.viewed': 'Viewed the customer',
  'user.created': 'Added a user',
  'user.disabled': 'Disabled a user',
  'user.enabled': 'Enabled a user',
  'user.password_set': 'Set a user’s password',
  'user.role_changed': 'Changed a user’s role',
  'webhook.received': 'Webhook received',
  'webhook.redelivered': 'Webhook received again',
};

const keyLabels: Record<string, string> = {
  ip: 'Address',
  deliveryId: 'Delivery',
  caseId: 'Case',
  requestId: 'Request',
  contentHash: 'Content hash',
  from: 'From',
  to: 'To',
};

/** `case.pii_revealed` → "Revealed an identifier"; an action the desk does not know yet reads as its words. */
export function actionLabel(action: string): string {
  const known = actionLabels[action];
  if (known) return known;
  const words = action.replace(/^[a-z]+\./, '').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `previousStatus` → "Previous status". */
export function keyLabel(key: string): string {
  const known = keyLabels[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${keyLabel(key)}: ${valueText(inner)}`)
      .join('; ');
  }
  return String(value);
}

/** The details of a row as label and value pairs, in the order they were recorded. */
export function detailPairs(details: unknown): [string, string][] {
  if (details === null || details === undefined) return [];
  if (typeof details !== 'object' || Array.isArray(details)) return [['Details', valueText(details)]];
  return Object.entries(details as Record<string, unknown>).map(([key, value]) => [
    keyLabel(key),
    valueText(value),
  ]);
}
