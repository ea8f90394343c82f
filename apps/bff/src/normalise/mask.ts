const MASK = '•••••';

/**
 * A document number for headings and lists: a fixed mask (hiding the length too) and its last four characters,
 * fewer for short numbers so that most of it stays hidden.
 */
export function maskIdNumber(idNumber: string): string | null {
  const characters = Array.from(idNumber.trim());
  if (characters.length === 0) return null;
  const visible = characters.length >= 8 ? 4 : Math.floor(characters.length / 3);
  return MASK + characters.slice(characters.length - visible).join('');
}
