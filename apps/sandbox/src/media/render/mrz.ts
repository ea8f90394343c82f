import type { MediaSubject } from './index';
import { printable } from './text';

// The three 30-character lines of a TD1 (ID card) machine readable zone, ICAO Doc 9303 part 5, with real check
// digits so the back of the card reads like the real thing.

const LINE_LENGTH = 30;
const ISSUER = 'SBX';

export function mrzLines(subject: MediaSubject): [string, string, string] {
  const documentNumber = mrzField(subject.idNumber ?? '', 9);
  const birth = mrzDate(subject.birthDate);
  const expiry = mrzDate(subject.expiryDate);
  const line1 = `I<${ISSUER}${documentNumber}${checkDigit(documentNumber)}`.padEnd(LINE_LENGTH, '<');
  const line2Body = `${birth}${checkDigit(birth)}<${expiry}${checkDigit(expiry)}${ISSUER}`.padEnd(29, '<');
  const composite = `${line1.slice(5, 30)}${line2Body.slice(0, 7)}${line2Body.slice(8, 15)}${line2Body.slice(18, 29)}`;
  const line2 = `${line2Body}${checkDigit(composite)}`;
  return [line1, line2, mrzName(subject.fullName)];
}

function mrzField(text: string, length: number): string {
  return printable(text)
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, length)
    .padEnd(length, '<');
}

/** YYMMDD from an ISO date (YYYY-MM-DD); unknown dates are filled with '<'. */
function mrzDate(date: string | undefined): string {
  const match = /^\d{2}(\d{2})-(\d{2})-(\d{2})/.exec(date ?? '');
  return match ? `${match[1]}${match[2]}${match[3]}` : '<<<<<<';
}

/** SURNAME<<GIVEN<NAMES, taking the last word of the full name as the surname; other characters become '<'. */
function mrzName(fullName: string): string {
  const words = printable(fullName)
    .split(/\s+/)
    .map((word) => word.replace(/[^A-Z]+/g, '<').replace(/^<+|<+$/g, ''))
    .filter((word) => word.length > 0);
  const surname = words.pop() ?? '';
  return `${surname}<<${words.join('<')}`.slice(0, LINE_LENGTH).padEnd(LINE_LENGTH, '<');
}

/** The 7-3-1 weighted check digit: digits count as themselves, A–Z as 10–35 and '<' as zero. */
function checkDigit(field: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const char = field[i]!;
    const value = /[0-9]/.test(char) ? Number(char) : /[A-Z]/.test(char) ? char.charCodeAt(0) - 55 : 0;
    sum += value * weights[i % 3]!;
  }
  return sum % 10;
}
