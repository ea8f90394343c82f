import type { AuditEntry } from '@review-desk/contracts';

/** Audit actions that record someone looking at the case's evidence (not changing anything). */
export const readActions: ReadonlySet<string> = new Set([
  'case.viewed',
  'case.evidence_viewed',
  'media.viewed',
  'subject.viewed',
]);

/** One person's views of the evidence within one clock hour, shown as one line. */
export type ViewsLine = {
  kind: 'views';
  /** The newest view's time. */
  at: string;
  username: string;
  count: number;
  /** The oldest view's time. */
  since: string;
  /** What was opened: "case", "media front", "aml hit 3"… in first-seen order. */
  opened: string[];
};

export type AuditLine = { kind: 'audit'; at: string; entry: AuditEntry } | ViewsLine;

const hourOf = (at: string) => at.slice(0, 13);

function openedOf(entry: AuditEntry): string {
  const details = (entry.details ?? {}) as { kind?: unknown; ref?: unknown };
  if (entry.action === 'case.viewed') return 'case';
  if (entry.action === 'subject.viewed') return 'verification';
  if (entry.action === 'media.viewed') return `media ${String(details.kind ?? '')}`.trim();
  return [details.kind, details.ref]
    .filter((part) => typeof part === 'string')
    .join(' ')
    .replaceAll('_', ' ');
}

/**
 * The case's audit rows (newest first) with repeated views folded: one line per person per hour, placed where
 * their newest view of that hour was, saying how many views and what was opened. Everything else stays a line.
 */
export function collapseReads(entries: readonly AuditEntry[]): AuditLine[] {
  const lines: AuditLine[] = [];
  const views = new Map<string, ViewsLine>();
  for (const entry of entries) {
    if (!readActions.has(entry.action)) {
      lines.push({ kind: 'audit', at: entry.at, entry });
      continue;
    }
    const key = `${entry.actor.username}\u0000${hourOf(entry.at)}`;
    const opened = openedOf(entry);
    const line = views.get(key);
    if (line) {
      line.count++;
      if (entry.at < line.since) line.since = entry.at;
      if (entry.at > line.at) line.at = entry.at;
      if (opened && !line.opened.includes(opened)) line.opened.push(opened);
      continue;
    }
    const created: ViewsLine = {
      kind: 'views',
      at: entry.at,
      since: entry.at,
      username: entry.actor.username,
      count: 1,
      opened: opened ? [opened] : [],
    };
    views.set(key, created);
    lines.push(created);
  }
  return lines;
}
