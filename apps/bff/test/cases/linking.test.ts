import { describe, expect, it } from 'vitest';
import { companyNameKey, linkingKeys, prefixPattern, queryTerms, searchTerms } from '../../src/cases/linking';

describe('linking keys', () => {
  it('matches a person across spellings: case, accents, punctuation and word order', () => {
    const capa = linkingKeys({
      subjectType: 'individual',
      displayName: 'José Ángel Núñez-Ortega',
      birthDate: '1984-07-09',
      idNumber: 'nuoj 840709-hdf',
      taxId: null,
    });
    const connectfi = linkingKeys({
      subjectType: 'individual',
      displayName: 'NUNEZ ORTEGA, Jose Angel',
      birthDate: '1984-07-09T00:00:00Z',
      idNumber: 'NUOJ840709HDF',
      taxId: null,
    });
    expect(capa.person_name_key).toBe(connectfi.person_name_key);
    expect(capa.person_id_key).toBe(connectfi.person_id_key);
    expect(capa.company_name_key).toBeNull();
  });

  it('needs a birth date to link on a name', () => {
    expect(
      linkingKeys({
        subjectType: 'individual',
        displayName: 'Ana',
        birthDate: null,
        idNumber: null,
        taxId: null,
      }).person_name_key,
    ).toBeNull();
  });

  it('matches a company on its tax id or its name without the legal form', () => {
    expect(companyNameKey('ACME, S.A. de C.V.')).toBe(companyNameKey('Acme SA de CV'));
    expect(companyNameKey('Acme Inc.')).toBe('acme');
    const keys = linkingKeys({
      subjectType: 'business',
      displayName: 'Acme SA',
      birthDate: null,
      idNumber: null,
      taxId: 'AAC-010101-AB1',
    });
    expect(keys).toEqual({
      person_id_key: null,
      person_name_key: null,
      company_tax_key: 'aac010101ab1',
      company_name_key: 'acme',
    });
  });
});

describe('search terms', () => {
  it('keeps name words without accents and ids whole, lower-cased, and masked identifiers apart', () => {
    expect(searchTerms('María José Núñez', ['cstap_24fyE3', null, 'VS_1'], ['NUOJ-840709', null])).toEqual([
      'maria',
      'jose',
      'nunez',
      'cstap_24fye3',
      'vs_1',
      '=nuoj840709',
    ]);
  });

  it('reads a query as name words and id prefixes, escaping LIKE wildcards, or as a whole masked identifier', () => {
    expect(queryTerms('  Núñez  cstap_2% ')).toEqual([
      { prefix: 'nunez%', whole: '=nunez' },
      { prefix: 'cstap\\_2\\%%', whole: '=cstap2' },
    ]);
    // Typing the mark does not turn a prefix search into a search of masked identifiers.
    expect(queryTerms('=nuoj')).toEqual([{ prefix: 'nuoj%', whole: '=nuoj' }]);
    expect(prefixPattern('a\\b')).toBe('a\\\\b%');
  });
});
