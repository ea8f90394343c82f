import { describe, expect, it } from 'vitest';
import { AnomalyLog } from '../../src/normalise/anomalies';
import { toArray, toBoolean, toEnum, toNumber, toStringArray, toText } from '../../src/normalise/coerce';
import { maskIdNumber } from '../../src/normalise/mask';
import { canonicalSpelling, Vocabulary } from '../../src/normalise/vocabularies';

const read = <T>(
  reader: (value: unknown, log: AnomalyLog, parent: string, key: string) => T,
  value: unknown,
) => {
  const log = new AnomalyLog();
  return { value: reader(value, log, 'section', 'field'), anomalies: log.entries };
};

describe('toNumber', () => {
  it('passes numbers and absence through silently', () => {
    expect(read(toNumber, 0.5)).toEqual({ value: 0.5, anomalies: [] });
    expect(read(toNumber, undefined)).toEqual({ value: null, anomalies: [] });
    expect(read(toNumber, null)).toEqual({ value: null, anomalies: [] });
  });

  it('parses decimal text and reports it', () => {
    for (const [text, number] of [
      ['0.83', 0.83],
      [' 12 ', 12],
      ['-1.5e2', -150],
    ] as const) {
      const { value, anomalies } = read(toNumber, text);
      expect(value).toBe(number);
      expect(anomalies).toEqual([
        {
          path: 'section.field',
          kind: 'coerced_number',
          detail: 'Number sent as a string; parsed',
          received: text,
        },
      ]);
    }
  });

  it('sets aside what is not a decimal number', () => {
    for (const raw of ['', 'abc', '0x1A', '0b11', 'Infinity', true, { n: 1 }]) {
      const { value, anomalies } = read(toNumber, raw);
      expect(value).toBeNull();
      expect(anomalies).toMatchObject([{ kind: 'unexpected_type', received: raw }]);
    }
  });
});

describe('toText and toBoolean', () => {
  it('shows numbers and booleans as text and sets objects aside', () => {
    expect(read(toText, 'a').value).toBe('a');
    expect(read(toText, 42).value).toBe('42');
    expect(read(toText, false).value).toBe('false');
    expect(read(toText, ['a'])).toMatchObject({
      value: null,
      anomalies: [{ kind: 'unexpected_type', received: ['a'] }],
    });
  });

  it('reads booleans and their text', () => {
    expect(read(toBoolean, true)).toEqual({ value: true, anomalies: [] });
    expect(read(toBoolean, ' TRUE ').value).toBe(true);
    expect(read(toBoolean, 'yes')).toMatchObject({ value: null, anomalies: [{ received: 'yes' }] });
  });
});

describe('toEnum', () => {
  const colours = new Vocabulary('colour', ['RED', 'light-blue']);

  it('normalises spelling of known values and reuses one frozen object per spelling', () => {
    const first = read((value, log, parent, key) => toEnum(value, colours, log, parent, key), 'Light Blue');
    expect(first).toEqual({
      value: { value: 'Light Blue', known: true, normalised: 'light_blue' },
      anomalies: [],
    });
    const again = toEnum('Light Blue', colours, new AnomalyLog(), '', 'x');
    expect(again).toBe(first.value);
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('keeps an unknown value verbatim and reports it', () => {
    const { value, anomalies } = read(
      (raw, log, parent, key) => toEnum(raw, colours, log, parent, key),
      'GREEN',
    );
    expect(value).toEqual({ value: 'GREEN', known: false });
    expect(anomalies).toEqual([
      { path: 'section.field', kind: 'unknown_enum', detail: 'Not a documented colour; kept as sent' },
    ]);
  });

  it('maps aliases', () => {
    const sex = new Vocabulary('sex', { M: 'male', MALE: 'male' });
    expect(sex.lookup('m')?.normalised).toBe('male');
    expect(sex.lookup('Male')?.normalised).toBe('male');
    expect(canonicalSpelling(' Review-Needed ')).toBe('review_needed');
  });
});

describe('lists', () => {
  it('reuses a well-formed list as is', () => {
    const list = ['a', 'b'];
    expect(read(toArray, list).value).toBe(list);
    expect(read(toStringArray, list).value).toBe(list);
  });

  it('reads the values of an object standing in for a list', () => {
    expect(read(toArray, { 1: 'x', 0: 'y' })).toMatchObject({
      value: ['y', 'x'],
      anomalies: [{ kind: 'unexpected_type' }],
    });
  });

  it('reports each unusable item of a string list with its index', () => {
    const { value, anomalies } = read(toStringArray, ['a', null, { b: 1 }]);
    expect(value).toEqual(['a']);
    expect(anomalies).toEqual([
      {
        path: 'section.field[2]',
        kind: 'unexpected_type',
        detail: 'Expected a string, got object; set aside',
        received: { b: 1 },
      },
    ]);
  });
});

describe('maskIdNumber', () => {
  it('hides all but the last characters, and the length', () => {
    expect(maskIdNumber('X12345678')).toBe('•••••5678');
    expect(maskIdNumber('ABC123')).toBe('•••••23');
    expect(maskIdNumber('12')).toBe('•••••');
    expect(maskIdNumber('   ')).toBeNull();
  });
});
