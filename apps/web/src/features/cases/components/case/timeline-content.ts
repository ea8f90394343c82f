import type { AuditEntry, CaseDetail, Decision } from '@review-desk/contracts';
import { dispositionLabels } from '@/components/disposition-badge';
import { outcomeLabels } from './decision/outcome-field';
import { warningLabel } from './decision/warning-labels';
import { documentTypeLabels } from './documents/document-labels';

/** What one timeline line says: its headline, and the content beneath it (reason, comment, what was acknowledged). */
export type TimelineContent = { title: string; lines: string[]; quote?: string | null };

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const labelOf = <T extends string>(labels: Record<T, string>, value: unknown) =>
  typeof value === 'string' && value in labels ? labels[value as T] : text(value);

/** "case.aml_disposition_recorded" reads as "Case aml disposition recorded". */
const describeAction = (action: string) => {
  const words = action.replaceAll('.', ' ').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Acknowledged warnings and evidence gaps in words, from what the case knows of them. */
function acknowledged(decision: Decision, detail: CaseDetail): string[] {
  const warnings = new Map(detail.approval.warnings.map((item) => [item.ref, warningLabel(item)]));
  const gaps = new Map(detail.approval.gaps.map((item) => [item.ref, item.label]));
  const all = [
    ...decision.acknowledgedWarnings.map((ref) => warnings.get(ref) ?? ref),
    ...decision.acknowledgedGaps.map((ref) => gaps.get(ref) ?? ref.replace(/^gap:/, '').replaceAll('_', ' ')),
  ];
  return all.length === 0 ? [] : [`Acknowledged: ${all.join('; ')}`];
}

function decided(details: Record<string, unknown>, detail: CaseDetail): TimelineContent {
  const decision = detail.decisions.find((item) => item.id === details.decisionId);
  const outcome = labelOf(outcomeLabels, details.outcome ?? decision?.outcome) ?? 'a decision';
  const stage = (details.stage ?? decision?.stage) === 'first_of_two' ? ' (first of two)' : '';
  if (!decision) return { title: `Decided: ${outcome}${stage}`, lines: [] };
  return {
    title: `Decided: ${outcome}${stage}`,
    lines: [`Reason: ${decision.reasonLabel}`, ...acknowledged(decision, detail)],
    quote: decision.comment,
  };
}

function disposed(details: Record<string, unknown>, detail: CaseDetail): TimelineContent {
  const ref = text(details.hitRef);
  const current = detail.dispositions.find((item) => item.hitRef === ref);
  const hit = detail.approval.amlHits.find((item) => item.ref === ref);
  const name = current?.hitName ?? hit?.name ?? ref ?? 'an AML hit';
  const label = labelOf(dispositionLabels, details.disposition) ?? 'a disposition';
  const previous = labelOf(dispositionLabels, details.previous);
  const confirming = details.confirmedRemembered === true ? ' (remembered, confirmed)' : '';
  // The comment is kept with the hit's current disposition; an older one's is in the audit trail.
  const isCurrent = current?.disposition === details.disposition;
  return {
    title: `${name}: ${label}${confirming}`,
    lines: previous ? [`Was ${previous}`] : [],
    quote: isCurrent ? current?.comment : null,
  };
}

function document(action: string, details: Record<string, unknown>): TimelineContent {
  const type = labelOf(documentTypeLabels, details.type) ?? 'Document';
  const view = text(details.view);
  const what = `${type}${view ? ` (${view})` : ''}`;
  if (action === 'case.document_uploaded')
    return { title: `Document uploaded to connectFi: ${what}`, lines: [] };
  if (action === 'case.document_generated')
    return { title: `Document prepared at connectFi: ${what}`, lines: [] };
  const reason = text(details.reason);
  return { title: 'A document upload failed', lines: reason ? [reason] : [] };
}

/** The timeline's words for one audit entry: what was done and its content, not only its name. */
export function describeEntry(entry: AuditEntry, detail: CaseDetail): TimelineContent {
  const details = (entry.details ?? {}) as Record<string, unknown>;
  switch (entry.action) {
    case 'case.decided':
      return decided(details, detail);
    case 'case.disposition_recorded':
      return disposed(details, detail);
    case 'case.document_uploaded':
    case 'case.document_generated':
    case 'case.document_upload_failed':
      return document(entry.action, details);
    case 'case.second_review_disagreed':
      return {
        title: `Disagreed with the first decision (${labelOf(outcomeLabels, details.firstOutcome) ?? 'unknown'})`,
        lines: [],
        quote: text(details.note),
      };
    case 'case.escalated':
      return { title: 'Escalated', lines: [], quote: text(details.comment) };
    default:
      return { title: describeAction(entry.action), lines: [] };
  }
}

/** Audit entries the timeline shows through their own content instead (a note is shown as the note). */
export const shownElsewhere = (entry: AuditEntry, detail: CaseDetail) =>
  entry.action === 'case.note_added' &&
  detail.notes.some((note) => note.id === (entry.details as { noteId?: unknown } | null)?.noteId);
