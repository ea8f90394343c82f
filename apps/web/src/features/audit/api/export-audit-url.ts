import type { AuditExportFormat, AuditExportQuery } from '@review-desk/contracts';

export type AuditExportFilters = Omit<AuditExportQuery, 'format'>;

/**
 * The address of an export of the filtered range (`GET /api/audit/export`): a plain download link, as the
 * file is the answer; the session cookie goes with it and the export is audited on the server.
 */
export function exportAuditUrl(filters: AuditExportFilters, format: AuditExportFormat): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set('format', format);
  return `/api/audit/export?${params.toString()}`;
}
