import type { AuditEntry } from '@review-desk/contracts';
import { describe, expect, it } from 'vitest';
import { collapseReads } from '../timeline-reads';

let id = 100;
const entry = (at: string, username: string, action: string, details: unknown = {}): AuditEntry => ({
  id: id--,
  at,
  actor: { id: null, username },
  action,
  caseId: 'case-1',
  subject: { provider: 'capa', id: 'user-1' },
  details,
  requestId: null,
});

describe('collapseReads', () => {
  it('folds one person’s views within an hour into one line, and keeps every change as its own line', () => {
    const lines = collapseReads([
      entry('2026-12-07T10:50:00.000Z', 'analyst', 'media.viewed', { kind: 'front' }),
      entry('2026-12-07T10:40:00.000Z', 'senior', 'case.viewed'),
      entry('2026-12-07T10:30:00.000Z', 'analyst', 'case.claimed'),
      entry('2026-12-07T10:20:00.000Z', 'analyst', 'case.evidence_viewed', { kind: 'aml_hit', ref: 'hit-1' }),
      entry('2026-12-07T10:10:00.000Z', 'analyst', 'case.viewed'),
      entry('2026-12-07T10:05:00.000Z', 'analyst', 'case.viewed'),
      entry('2026-12-07T09:59:00.000Z', 'analyst', 'case.viewed'),
    ]);
    expect(
      lines.map((line) =>
        line.kind === 'views'
          ? ['views', line.username, line.count, line.opened.join(', '), line.since, line.at]
          : [line.entry.action, line.entry.actor.username],
      ),
    ).toEqual([
      [
        'views',
        'analyst',
        4,
        'media front, aml hit hit-1, case',
        '2026-12-07T10:05:00.000Z',
        '2026-12-07T10:50:00.000Z',
      ],
      ['views', 'senior', 1, 'case', '2026-12-07T10:40:00.000Z', '2026-12-07T10:40:00.000Z'],
      ['case.claimed', 'analyst'],
      ['views', 'analyst', 1, 'case', '2026-12-07T09:59:00.000Z', '2026-12-07T09:59:00.000Z'],
    ]);
  });

  it('keeps reveals and raw reads as lines of their own', () => {
    const lines = collapseReads([
      entry('2026-12-07T10:50:00.000Z', 'senior', 'subject.raw_viewed'),
      entry('2026-12-07T10:49:00.000Z', 'senior', 'case.pii_revealed', { field: 'idNumber' }),
      entry('2026-12-07T10:48:00.000Z', 'senior', 'case.viewed'),
    ]);
    expect(lines.map((line) => line.kind)).toEqual(['audit', 'audit', 'views']);
  });
});
