/**
 * Keys that say two cases are about the same person or company, whichever provider they came from. Names
 * compare without case, accents, punctuation or word order; identifiers without case, spaces or separators.
 */

/** Lower case, accents removed, anything but letters and digits turned into spaces, split into words. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
}

/** An identifier (document number, tax id) without case, spaces or separators; null when nothing is left. */
export function identifierKey(value: string | null | undefined): string | null {
  if (!value) return null;
  const key = words(value).join('');
  return key.length > 0 ? key : null;
}

/** A date of birth as YYYY-MM-DD, when it starts with one. */
export function birthDateKey(value: string | null | undefined): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** Sorted words of a name, so "Pérez Juan" and "JUAN PEREZ" agree. */
export function nameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = words(name).sort().join(' ');
  return key.length > 0 ? key : null;
}

const companySuffixes = new Set([
  'sa',
  'de',
  'cv',
  'sapi',
  'srl',
  'sas',
  'inc',
  'llc',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'plc',
]);

/** A company name without legal-form words ("S.A. de C.V.", "Inc."), case, accents and punctuation. */
export function companyNameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  // Dots join abbreviations ("S.A." is "SA"), they don't separate words.
  const key = words(name.replaceAll('.', ''))
    .filter((word) => !companySuffixes.has(word))
    .join(' ');
  return key.length > 0 ? key : null;
}

export interface LinkingSubject {
  subjectType: 'individual' | 'business';
  displayName: string | null;
  birthDate: string | null;
  idNumber: string | null;
  taxId: string | null;
}

export interface LinkingKeys {
  person_id_key: string | null;
  person_name_key: string | null;
  company_tax_key: string | null;
  company_name_key: string | null;
}

export function linkingKeys(subject: LinkingSubject): LinkingKeys {
  if (subject.subjectType === 'business') {
    return {
      person_id_key: null,
      person_name_key: null,
      company_tax_key: identifierKey(subject.taxId),
      company_name_key: companyNameKey(subject.displayName),
    };
  }
  const name = nameKey(subject.displayName);
  const birthDate = birthDateKey(subject.birthDate);
  return {
    person_id_key: identifierKey(subject.idNumber),
    person_name_key: name && birthDate ? `${name}|${birthDate}` : null,
    company_tax_key: null,
    company_name_key: null,
  };
}

/**
 * Search terms of masked identifiers (document number, tax id) are kept apart with this mark and only match
 * whole: a prefix search would let anyone read a masked number character by character without a reveal.
 */
const wholeOnly = '=';

/**
 * The search terms of a case: each word of the name and each id, lower-cased, matched by prefix; and the
 * masked identifiers, normalised, matched only whole.
 */
export function searchTerms(
  name: string | null,
  identifiers: ReadonlyArray<string | null>,
  maskedIdentifiers: ReadonlyArray<string | null> = [],
): string[] {
  const terms = new Set<string>(name ? words(name) : []);
  for (const identifier of identifiers) {
    const term = identifier?.trim().toLowerCase();
    if (term) terms.add(term);
  }
  for (const identifier of maskedIdentifiers) {
    const key = identifierKey(identifier);
    if (key) terms.add(`${wholeOnly}${key}`);
  }
  return [...terms];
}

export interface QueryTerm {
  /** LIKE pattern for the name words and ids. */
  prefix: string;
  /** The term a whole masked identifier would have; null when the word cannot be one. */
  whole: string | null;
}

/** The words of a search box entry: prefixes of names and ids, or a whole masked identifier. */
export function queryTerms(q: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  for (const part of q.trim().toLowerCase().split(/\s+/)) {
    const text = part.replace(/^=+/, '');
    if (text.length === 0) continue;
    // An identifier keeps its separators ("cstap_24fy"); a name word loses its accents.
    const candidates = /^[\p{L}\p{M}]+$/u.test(text) ? words(text) : [text];
    for (const candidate of candidates) {
      const key = identifierKey(candidate);
      terms.set(candidate, { prefix: prefixPattern(candidate), whole: key ? `${wholeOnly}${key}` : null });
    }
  }
  return [...terms.values()].slice(0, 8);
}

/** `value` as a LIKE pattern that matches strings starting with it. */
export function prefixPattern(value: string): string {
  return `${value.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}
