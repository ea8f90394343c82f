import type { AuditListQuery } from '@review-desk/contracts';

/** The audit page's filters as the URL holds them: text, and dates as YYYY-MM-DD (the end date included). */
export const auditSearchKeys = ['caseId', 'subject', 'actor', 'action', 'from', 'to'] as const;
export type AuditSearchKey = (typeof auditSearchKeys)[number];
export type AuditSearch = Partial<Record<AuditSearchKey, string>>;

export const subjectPattern = /^(capa|connectfi):[A-Za-z0-9_-]{1,128}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export const readAuditSearch = (params: URLSearchParams): AuditSearch =>
  Object.fromEntries(
    auditSearchKeys.flatMap((key) => {
      const value = params.get(key)?.trim();
      return value ? [[key, value.slice(0, 140)]] : [];
    }),
  );

/** Local midnight of a YYYY-MM-DD day, `days` later, as an instant. */
function startOfDay(date: string, days = 0): string | undefined {
  if (!datePattern.test(date)) return undefined;
  const [year, month, day] = date.split('-').map(Number);
  const instant = new Date(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/**
 * The filters the API is asked for: the days of the user's own time zone as instants (the end day whole),
 * and a person only when it reads as `provider:id`.
 */
export function toAuditFilters(search: AuditSearch): Omit<AuditListQuery, 'cursor' | 'limit'> {
  const from = search.from ? startOfDay(search.from) : undefined;
  const to = search.to ? startOfDay(search.to, 1) : undefined;
  return {
    ...(search.caseId ? { caseId: search.caseId.slice(0, 64) } : {}),
    ...(search.subject && subjectPattern.test(search.subject) ? { subject: search.subject } : {}),
    ...(search.actor ? { actor: search.actor.slice(0, 64) } : {}),
    ...(search.action ? { action: search.action.slice(0, 64) } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
