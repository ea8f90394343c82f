import type { AuditEntry, Decision } from '@review-desk/contracts';
import { bareView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analystRef, caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = caseSummary().id;
let nextId = 500;
const entry = (at: string, action: string, details: Record<string, unknown> = {}): AuditEntry => ({
  id: nextId--,
  at,
  actor: { id: analystRef.id, username: 'analyst' },
  action,
  caseId,
  subject: { provider: 'capa', id: 'capa-user-1' },
  details,
  requestId: null,
});

const decision: Decision = {
  id: 'decision-1',
  outcome: 'approve',
  reasonCode: 'pep_edd_completed',
  reasonLabel: 'PEP: enhanced due diligence completed',
  comment: 'Source of wealth: salary and a documented inheritance',
  decidedBy: analystRef,
  decidedAt: '2026-11-01T10:00:00.000Z',
  stage: 'first_of_two',
  fourEyesReasons: ['pep_true_match'],
  viewHash: 'a'.repeat(64),
  acknowledgedWarnings: ['faceMatch:w1'],
  acknowledgedGaps: ['gap:liveness_not_passed'],
  acknowledgementsConfirmedFrom: null,
  dispositions: [],
  reviewOf: null,
  agreesWithFirst: null,
  supersededAt: null,
  evidenceChanges: [],
  reviewedRepresentatives: [],
};

const detail = caseDetail({
  view: bareView('capa'),
  decisions: [decision],
  dispositions: [
    {
      hitRef: 'hit-1',
      hitName: 'LAYLA AL-HASSAN',
      hitDateOfBirth: '1951-06-23',
      disposition: 'true_match',
      comment: 'Same birth date and nationality',
      decidedBy: analystRef,
      decidedAt: '2026-11-01T09:55:00.000Z',
      confirmed: true,
      remembered: null,
    },
  ],
  notes: [
    { id: 'note-1', author: analystRef, text: 'Called the customer', createdAt: '2026-11-01T09:50:00.000Z' },
  ],
  approval: {
    ...caseDetail().approval,
    warnings: [
      { ref: 'faceMatch:w1', section: 'faceMatch', code: 'FACE_MATCH_LOW_CONFIDENCE', message: null },
    ],
    gaps: [
      {
        ref: 'gap:liveness_not_passed',
        code: 'liveness_not_passed',
        label: 'The liveness check did not pass',
        section: 'liveness',
      },
    ],
  },
  timeline: [
    entry('2026-11-01T10:00:00.000Z', 'case.decided', {
      decisionId: 'decision-1',
      outcome: 'approve',
      stage: 'first_of_two',
    }),
    entry('2026-11-01T09:58:00.000Z', 'case.document_uploaded', { type: 'passport', view: 'front' }),
    entry('2026-11-01T09:55:00.000Z', 'case.disposition_recorded', {
      hitRef: 'hit-1',
      disposition: 'true_match',
      previous: 'false_positive',
    }),
    entry('2026-11-01T09:50:00.000Z', 'case.note_added', { noteId: 'note-1' }),
  ],
});

describe('the case timeline', () => {
  it('tells what each step said: the decision with its reason, note and acknowledgements, the disposition, the document, the note', async () => {
    mockFetch().signedInAs('analyst').get(`/api/cases/${caseId}`, { body: detail });
    renderApp(`/cases/${caseId}`);
    const timeline = await screen.findByRole('region', { name: 'Timeline' });
    const items = within(timeline)
      .getAllByRole('listitem')
      .map((item) => item.textContent ?? '');
    expect(items).toHaveLength(4);
    expect(items[0]).toContain('Decided: Approve (first of two)');
    expect(items[0]).toContain('Reason: PEP: enhanced due diligence completed');
    expect(items[0]).toContain('Source of wealth: salary and a documented inheritance');
    expect(items[0]).toContain(
      'Acknowledged: Face match: the selfie and the document photo match with low confidence; The liveness check did not pass',
    );
    expect(items[1]).toContain('Document uploaded to connectFi: Passport (front)');
    expect(items[2]).toContain('LAYLA AL-HASSAN: True match');
    expect(items[2]).toContain('Was False positive');
    expect(items[2]).toContain('Same birth date and nationality');
    // The note is its own line with its text, not also a bare "note added".
    expect(items[3]).toContain('Note: Called the customer');
  });
});
