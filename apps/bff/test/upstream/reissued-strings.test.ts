import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freshStrings, layoutOf } from '../../src/upstream/reissued-strings';

const where = { path: ['data', 'media'], fields: ['frontIdImageUrl', 'selfieVideoUrl'] };

/** An answer with other content around the links, some of it named like them or full of quotes. */
const answer = (links: Record<string, unknown>, around: unknown) => ({
  status: 'ok',
  data: {
    before: around,
    note: 'a "frontIdImageUrl":"x" in a string, and a \\ backslash',
    'odd "frontIdImageUrl': 'a key that ends like the field',
    media: links,
    idInfo: { frontIdImageUrl: 'the same name, elsewhere' },
    after: [around, { media: { frontIdImageUrl: 'in an array' } }],
  },
});

const link = fc.oneof(fc.string(), fc.webUrl(), fc.constant('https://cdn.example/a?sig="q"\\n'));

describe('answers compared apart from their reissued strings', () => {
  it('find the fresh strings of any answer that differs only there, however it is spaced', () => {
    fc.assert(
      fc.property(
        link,
        link,
        link,
        link,
        fc.jsonValue(),
        fc.constantFrom(0, 2),
        (a, b, c, d, around, spaces) => {
          const before = answer({ frontIdImageUrl: a, selfieVideoUrl: b }, around);
          const text = JSON.stringify(before, null, spaces);
          const layout = layoutOf(text, where, JSON.parse(text));
          expect(layout?.fields).toEqual(['frontIdImageUrl', 'selfieVideoUrl']);
          if (layout === undefined) return;
          const next = JSON.stringify(
            answer({ frontIdImageUrl: c, selfieVideoUrl: d }, around),
            null,
            spaces,
          );
          expect(freshStrings(layout, next)).toEqual([c, d]);
        },
      ),
    );
  });

  it('find none when anything else changed', () => {
    fc.assert(
      fc.property(link, fc.jsonValue(), fc.jsonValue(), (a, around, other) => {
        const text = JSON.stringify(answer({ frontIdImageUrl: a, selfieVideoUrl: a }, around));
        const layout = layoutOf(text, where, JSON.parse(text));
        const next = JSON.stringify(answer({ frontIdImageUrl: 'x', selfieVideoUrl: 'y' }, other));
        const same = JSON.stringify(around) === JSON.stringify(other);
        expect(layout && freshStrings(layout, next)).toEqual(same ? ['x', 'y'] : undefined);
      }),
    );
  });

  it('find none when a link stops being a string, or text follows the answer', () => {
    const text = JSON.stringify(answer({ frontIdImageUrl: 'a', selfieVideoUrl: 'b' }, null));
    const layout = layoutOf(text, where, JSON.parse(text));
    if (layout === undefined) throw new Error('no layout');
    expect(
      freshStrings(layout, text.replace('"media":{"frontIdImageUrl":"a"', '"media":{"frontIdImageUrl":1')),
    ).toBe(undefined);
    expect(freshStrings(layout, `${text} `)).toBe(undefined);
    expect(freshStrings(layout, text.slice(0, -1))).toBe(undefined);
    expect(freshStrings(layout, text.replace('"a"', '"\\u0000"'))).toEqual(['\u0000', 'b']);
    expect(freshStrings(layout, text.replace('"a"', '"\u0001"'))).toBe(undefined);
  });

  it('lay out nothing when the text does not say what its parse says (a repeated key)', () => {
    const text = '{"data":{"media":{"frontIdImageUrl":"a"},"media":{"selfieVideoUrl":"b"}}}';
    expect(layoutOf(text, where, JSON.parse(text))).toBe(undefined);
    const repeatedField = '{"data":{"media":{"frontIdImageUrl":"a","frontIdImageUrl":"b"}}}';
    const layout = layoutOf(repeatedField, where, JSON.parse(repeatedField));
    expect(layout?.fields).toEqual(['frontIdImageUrl']);
    if (layout) expect(freshStrings(layout, repeatedField.replace('"b"', '"c"'))).toEqual(['c']);
    expect(layoutOf('{"data":{"media":{}}}', where, { data: { media: {} } })).toBe(undefined);
  });
});
