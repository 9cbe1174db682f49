import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import AJV_OPTIONS from './schemas/ajv-options.json';
import {
  MAX_PROBLEMS,
  Problems,
  describeError,
  pathOf,
  preview,
  readJson,
  type FileKind,
} from './json-guard';

const KIND: FileKind = { name: 'a Framewise thing', short: 'a thing' };
const LIMITS = { maxChars: 1000, maxDepth: 4 };

const problemOf = (text: string, limits = LIMITS) => {
  const read = readJson(text, limits, KIND);
  if (read.ok) throw new Error('expected the text to be refused');
  return read.problem;
};

describe('readJson', () => {
  it('parses JSON within the limits, a byte-order mark allowed', () => {
    expect(readJson('\ufeff{"a": [1, {"b": "[[[["}]}', LIMITS, KIND)).toEqual({
      ok: true,
      value: { a: [1, { b: '[[[[' }] },
    });
  });

  it('names the kind of file in what it refuses', () => {
    expect(problemOf('x'.repeat(1001))).toBe(
      'The file is too large to be a Framewise thing: 1,001 characters, and a thing is at most 1,000.',
    );
    expect(problemOf('[[[[[1]]]]]')).toBe(
      'The file nests lists or objects more than 4 levels deep (at character 5). A Framewise thing never does: the file is damaged or is not a thing.',
    );
    expect(problemOf('{"a": "b')).toBe(
      'The file is not complete JSON (it ends at character 8). It was probably cut short while being saved, copied or downloaded.',
    );
    expect(problemOf('{"a": 1,\n "b" 2}')).toMatch(
      /^The file is not valid JSON at line 2, column 6, so it is not a Framewise thing \(the reader said: /,
    );
    expect(problemOf(' ')).toBe('The file is empty.');
  });

  it('refuses deep nesting without parsing, fast', () => {
    const started = performance.now();
    expect(problemOf('{"a":'.repeat(10_000_000), { maxChars: 1e9, maxDepth: 64 })).toMatch(
      /more than 64 levels deep \(at character 321\)/,
    );
    expect(performance.now() - started).toBeLessThan(2500);
  });
});

describe('describeError', () => {
  const validate = new Ajv(AJV_OPTIONS).compile({
    type: 'object',
    additionalProperties: false,
    required: ['frame', 'name'],
    properties: {
      frame: { description: 'a whole number ≥ 0', type: 'integer', minimum: 0 },
      name: { type: 'string', maxLength: 3 },
      'odd key': { type: 'array', maxItems: 1 },
    },
  });
  const problems = (data: unknown, base = 'tracks[3]') => {
    validate(data);
    return (validate.errors ?? []).map((e) => describeError(e, base, KIND));
  };

  it('says what a value must be, by its path, in the schema’s words', () => {
    expect(problems({ frame: -1.5, name: 'abcd', 'odd key': [1, 2], extra: 1 })).toEqual([
      'tracks[3] has a field "extra", which a Framewise thing does not have.',
      'tracks[3].frame must be a whole number ≥ 0; it is -1.5.',
      'tracks[3].frame must be a whole number ≥ 0; it is -1.5.',
      'tracks[3].name must NOT have more than 3 characters; it is "abcd".',
      'tracks[3]["odd key"] has more than 1 items.',
    ]);
    expect(problems({}, '')).toEqual(['frame is missing.', 'name is missing.']);
  });

  it('turns JSON Pointers into paths', () => {
    expect(pathOf('', '/tracks/3/keyframes/0/frame')).toBe('tracks[3].keyframes[0].frame');
    expect(pathOf('audit', '/a~1b/x~0y')).toBe('audit["a/b"]["x~y"]');
  });

  it('previews values short and safe', () => {
    expect(preview('<script>')).toBe('"<script>"');
    expect(preview('x'.repeat(41))).toBe('text of 41 characters');
    expect(preview(Infinity)).toBe('a number too large to hold');
    expect(preview([1])).toBe('a list');
  });
});

describe('Problems', () => {
  it('keeps problems once each, in order, and says when more were left out', () => {
    const problems = new Problems();
    for (let i = 0; i < 100; i++) problems.add(`problem ${i % 50}`);
    problems.add(null);
    const list = problems.list();
    expect(list).toHaveLength(MAX_PROBLEMS);
    expect(list[0]).toBe('problem 0');
    expect(list.at(-1)).toBe(`…and more problems; the first ${MAX_PROBLEMS - 1} are listed.`);
  });
});
