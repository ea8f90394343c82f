import type { DocumentExpiry } from '@review-desk/contracts';

const DAY_MS = 86_400_000;
/** A document this close to its expiry date is flagged, since onboarding on it buys little time. */
export const NEAR_EXPIRY_DAYS = 90;

const isoDatePrefix = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/;
const yearOnly = /^\d{4}$/;

/** Day number (days since 1970-01-01 UTC) of a document date, or null when it is not a date. */
export function documentDay(text: string): number | null {
  const trimmed = text.trim();
  // Some documents (the Mexican INE among them) print only a year: valid through its last day.
  if (yearOnly.test(trimmed)) return utcDay(Number(trimmed), 12, 31);
  const match = isoDatePrefix.exec(trimmed);
  if (match === null) return null;
  return utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

const utcDay = (year: number, month: number, day: number): number | null => {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // setUTCFullYear rolls 2030-02-31 over into March: such a date is not a date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.getTime() / DAY_MS;
};

/** Whether a document with this expiry date is expired, near expiry or valid on the day of `now`. */
export function documentExpiry(expiryDate: string | null, now: Date): DocumentExpiry {
  if (expiryDate === null) return 'unknown';
  const expiryDay = documentDay(expiryDate);
  const today = Math.floor(now.getTime() / DAY_MS);
  if (expiryDay === null || Number.isNaN(today)) return 'unknown';
  if (expiryDay < today) return 'expired';
  return expiryDay - today <= NEAR_EXPIRY_DAYS ? 'near_expiry' : 'valid';
}
