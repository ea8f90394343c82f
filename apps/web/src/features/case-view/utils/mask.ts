const MASK = '•••••';

/** Whether the server already masked the value (it does for every role but senior). */
const isMasked = (value: string) => value.includes('•');

/**
 * The same masking the server applies: a fixed mask that hides the length, then the last four characters
 * (fewer for short values, so most of it stays hidden).
 */
export function maskIdentifier(value: string): string {
  if (isMasked(value)) return value;
  const characters = Array.from(value.trim());
  if (characters.length === 0) return '';
  const visible = characters.length >= 8 ? 4 : Math.floor(characters.length / 3);
  return MASK + characters.slice(characters.length - visible).join('');
}
