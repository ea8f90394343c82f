import { Readable } from 'node:stream';
import type { AuditEntry, AuditExportFormat } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import { toAuditEntry } from '../../../cases/audit-entries';
import type { DB } from '../../../db/schema';
import { type AuditFilters, filteredAudit } from './filters';

const pageSize = 1_000;

export const csvHeader = ['id', 'at', 'actor', 'action', 'case_id', 'subject', 'request_id', 'details'];

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) gets a leading apostrophe: usernames and details can carry text typed by anyone.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const subjectText = (entry: AuditEntry) =>
  entry.subject ? `${entry.subject.provider}:${entry.subject.id}` : '';

export function csvLine(entry: AuditEntry): string {
  const details = entry.details === null || entry.details === undefined ? '' : JSON.stringify(entry.details);
  return `${[
    String(entry.id),
    entry.at,
    entry.actor.username,
    entry.action,
    entry.caseId ?? '',
    subjectText(entry),
    entry.requestId ?? '',
    details === '{}' ? '' : details,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

/** The filtered rows, oldest first, read a page at a time so a large range never sits in memory at once. */
async function* exportLines(
  db: Kysely<DB>,
  filters: AuditFilters,
  format: AuditExportFormat,
  lastId: number,
) {
  if (format === 'csv') yield `${csvHeader.join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const rows = await filteredAudit(db.selectFrom('audit_events').selectAll(), filters)
      .where('id', '>', after)
      .where('id', '<=', lastId)
      .orderBy('id', 'asc')
      .limit(pageSize)
      .execute();
    const lines = rows
      .map(toAuditEntry)
      .map((entry) => (format === 'csv' ? csvLine(entry) : `${JSON.stringify(entry)}\n`));
    if (lines.length > 0) yield lines.join('');
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

export const exportStream = (
  db: Kysely<DB>,
  filters: AuditFilters,
  format: AuditExportFormat,
  lastId: number,
) => Readable.from(exportLines(db, filters, format, lastId));

/**
 * How many rows the filters select now, and the last of them: the export stops there, so rows appended while
 * it streams (its own audit row among them) stay out of it and the count it was audited with holds.
 */
export async function measureAudit(db: Kysely<DB>, filters: AuditFilters) {
  const row = await filteredAudit(
    db
      .selectFrom('audit_events')
      .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('id').as('last')]),
    filters,
  ).executeTakeFirstOrThrow();
  return { rows: Number(row.n), lastId: Number(row.last ?? 0) };
}
