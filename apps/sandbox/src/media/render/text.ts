/**
 * Text as the 5×7 font can draw it: accents dropped (José → JOSE) and upper-cased. Characters the font still
 * lacks are left in place and drawn as blocks.
 */
export function printable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/** Cuts text to at most maxChars characters (code points), marking the cut with a trailing full stop. */
export function truncate(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}.`;
}
