import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { deepFreeze } from '../test-support';

/** The double whose IEEE 754 bits are this hex, as RFC 8785 Appendix B lists them. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson: RFC 8785 examples', () => {
  it('sorts keys by UTF-16 code units (section 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes the section 3.2.2 sample exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('writes the double %s as %s (Appendix B)', (bits, text) => {
    expect(canonicalJson(double(bits))).toBe(text);
  });

  it.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [-0, '0'],
    [100, '100'],
    [1.5, '1.5'],
    [-12.25, '-12.25'],
  ])('writes %s as %s', (n, text) => {
    expect(canonicalJson(n)).toBe(text);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])(
    'refuses the non-finite double %s (Appendix B)',
    (bits) => {
      expect(() => canonicalJson(double(bits))).toThrow(TypeError);
    },
  );
});

describe('canonicalJson: structure', () => {
  it('writes literals and strings like JSON.stringify', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson('')).toBe('""');
    expect(canonicalJson('a"b\\c\n\t\b\f\r\u0000\u001f\u007f/é')).toBe(
      '"a\\"b\\\\c\\n\\t\\b\\f\\r\\u0000\\u001f\u007f/é"',
    );
  });

  it('has no whitespace and keeps arrays in order', () => {
    expect(canonicalJson([3, 1, 2, [], {}, [[]]])).toBe('[3,1,2,[],{},[[]]]');
    expect(canonicalJson({ a: [{ z: 1, y: 2 }], b: { d: null, c: 'x' } })).toBe(
      '{"a":[{"y":2,"z":1}],"b":{"c":"x","d":null}}',
    );
  });

  it('gives the same text whatever order the keys were built in', () => {
    const one = { caseId: 'c', seq: 2, after: { x: 1, y: [1, 2], label: { id: 'l', n: 0 } } };
    const two = { after: { label: { n: 0, id: 'l' }, y: [1, 2], x: 1 }, seq: 2, caseId: 'c' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe(
      '{"after":{"label":{"id":"l","n":0},"x":1,"y":[1,2]},"caseId":"c","seq":2}',
    );
  });

  it('sorts by code units, not by locale or code point', () => {
    // Code point order would put U+FB33 before U+1F600; UTF-16 code units put it after.
    expect(canonicalJson({ b: 1, B: 2, a: 3, '\ufb33': 4, '\ud83d\ude00': 5, '10': 6, '9': 7 }))
      // Integer-like keys too: JS enumerates them first, JCS sorts them as strings.
      .toBe('{"10":6,"9":7,"B":2,"a":3,"b":1,"\ud83d\ude00":5,"\ufb33":4}');
  });

  it('omits object members that are undefined, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: null })).toBe('{"a":1,"c":null}');
    expect(canonicalJson({ b: undefined })).toBe('{}');
  });

  it('accepts objects without a prototype, and the same object twice side by side', () => {
    const bare = Object.assign(Object.create(null) as object, { b: 1, a: 2 });
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
    const shared = { x: 1 };
    expect(canonicalJson([shared, { s: shared }])).toBe('[{"x":1},{"s":{"x":1}}]');
  });

  it('does not change its input', () => {
    const input = deepFreeze({ z: [3, 2, 1], a: { c: 1, b: 2 } });
    expect(canonicalJson(input)).toBe('{"a":{"b":2,"c":1},"z":[3,2,1]}');
    expect(Object.keys(input)).toEqual(['z', 'a']);
  });
});

describe('canonicalJson: refusals name the JSON path', () => {
  const refused = (value: unknown, message: string | RegExp) =>
    expect(() => canonicalJson(value)).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringMatching(message) }),
    );

  it('refuses NaN and Infinity where they are', () => {
    refused({ tracks: [{}, {}, {}, { x: NaN }] }, /NaN at \$\.tracks\[3\]\.x is not JSON/);
    refused([Infinity], /Infinity at \$\[0\]/);
    refused({ a: -Infinity }, /-Infinity at \$\.a/);
  });

  it('refuses undefined outside object members, and array holes', () => {
    refused(undefined, /undefined at \$ /);
    refused({ a: [1, undefined] }, /undefined at \$\.a\[1\]/);
    // eslint-disable-next-line no-sparse-arrays
    refused([1, , 3], /undefined at \$\[1\]/);
  });

  it('refuses functions, symbols and bigints, even as object members', () => {
    refused({ f: () => 1 }, /function at \$\.f/);
    refused({ s: Symbol('s') }, /symbol at \$\.s/);
    refused({ n: 10n }, /bigint at \$\.n/);
    refused({ toJSON: () => 'x' }, /function at \$\.toJSON/);
  });

  it('quotes keys that are not identifiers in the path', () => {
    refused({ 'a b': { '0': NaN } }, /at \$\["a b"\]\["0"\] is not JSON/);
  });

  it('refuses objects that are not plain', () => {
    refused({ m: new Map([[1, 2]]) }, /class Map at \$\.m/);
    refused({ s: new Set() }, /class Set at \$\.s/);
    refused({ d: new Date(0) }, /class Date at \$\.d/);
    refused(new (class Point {})(), /class Point at \$/);
    refused({ b: new Uint8Array(2) }, /class Uint8Array at \$\.b/);
  });

  it('refuses lone surrogates in values and keys, not pairs', () => {
    refused({ a: 'x\ud800' }, /lone surrogate at \$\.a/);
    refused({ a: '\udc00x' }, /lone surrogate at \$\.a/);
    refused({ ['k\ud83d']: 1 }, /lone surrogate at \$\["k\\ud83d"\]/);
    expect(canonicalJson('\ud83d\ude00')).toBe('"\ud83d\ude00"');
  });

  it('refuses circular references', () => {
    const loop: Record<string, unknown> = { a: {} };
    (loop.a as Record<string, unknown>).back = loop;
    refused(loop, /circular reference at \$\.a\.back/);
    const list: unknown[] = [];
    list.push(list);
    refused(list, /circular reference at \$\[0\]/);
  });
});
