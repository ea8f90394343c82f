const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
const clockFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** A moment as a wall-clock time, "14:05". */
export const formatClock = (time: number): string => clockFormat.format(time);

/** A countdown to the second, "4:05" (minutes and seconds); "0:00" once it has passed. */
export function formatCountdown(dueIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((Date.parse(dueIso) - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** An ISO 8601 time for people; anything unparsable is shown as it came. */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormat.format(time);
}

export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateFormat.format(time);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of time in its two largest units: "2d 4h", "3h 12m", "45m", "under a minute". */
export function formatDuration(milliseconds: number): string {
  const ms = Math.abs(milliseconds);
  if (ms < MINUTE) return 'under a minute';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  return `${minutes}m`;
}

/** Time left until `dueIso` ("4h 10m left") or how long ago it passed ("overdue by 2h"). */
export function formatTimeLeft(dueIso: string, now: number): string {
  const left = Date.parse(dueIso) - now;
  if (Number.isNaN(left)) return dueIso;
  return left >= 0 ? `${formatDuration(left)} left` : `overdue by ${formatDuration(left)}`;
}

export const formatScore = (score: number | null) => (score === null ? null : score.toFixed(2));
