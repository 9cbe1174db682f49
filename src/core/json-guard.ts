/**
 * The checks every Framewise JSON file read from outside passes before it is trusted (the
 * backup, the annotations export): its size, how deep it nests (found by a scan before
 * JSON.parse, so 50 MB of "[" is refused at the first bracket too deep, never reaching a
 * recursive parser or validator), JSON syntax, and JSON Schema errors turned into plain words
 * naming the JSON path (`tracks[3].keyframes[0].frame must be a whole number ≥ 0…`).
 *
 * Messages name the kind of file ("a Framewise backup"), so a person knows what was expected.
 * Text from the file is quoted short and as JSON, never interpreted.
 *
 * The schemas' validators are generated at build time (scripts/build-validators.mjs writes
 * schemas/generated/, Ajv's standalone code, with the options in schemas/ajv-options.json:
 * `verbose`, so errors carry their schema, whose description words the problem): the app
 * never compiles a schema, as Ajv does with `new Function`, which its Content-Security-Policy
 * forbids.
 */
import type { ErrorObject } from 'ajv';

/** The most problems listed for one file. */
export const MAX_PROBLEMS = 20;

/** What a file was expected to be, as messages say it. */
export interface FileKind {
  /** With its article, e.g. "a Framewise backup". */
  readonly name: string;
  /** Short, with its article, e.g. "a backup". */
  readonly short: string;
}

export interface TextLimits {
  /** Longest text read, in characters. */
  readonly maxChars: number;
  /** Deepest nesting of lists and objects. */
  readonly maxDepth: number;
}

export type JsonRead =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problem: string };

/** Size, nesting and JSON syntax, in that order; the parsed value when all pass. */
export function readJson(text: string, limits: TextLimits, kind: FileKind): JsonRead {
  const fail = (problem: string): JsonRead => ({ ok: false, problem });
  if (text.length > limits.maxChars) {
    return fail(
      `The file is too large to be ${kind.name}: ${words(text.length)} characters, ` +
        `and ${kind.short} is at most ${words(limits.maxChars)}.`,
    );
  }
  // A byte-order mark is not JSON, but editors write one.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('The file is empty.');

  const scan = scanNesting(body, limits.maxDepth);
  if (scan.tooDeepAt !== null) {
    return fail(
      `The file nests lists or objects more than ${limits.maxDepth} levels deep ` +
        `(at character ${words(scan.tooDeepAt + 1)}). ${capitalized(kind.name)} never does: ` +
        `the file is damaged or is not ${kind.short}.`,
    );
  }
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return fail(jsonProblem(body, scan, error, kind));
  }
}

interface NestingScan {
  /** Index of the bracket that went one level too deep; null if none. */
  readonly tooDeepAt: number | null;
  /**
   * Whether the text ends inside a string, or with lists or objects open, every bracket
   * before having closed the one it should: text cut short, not garbled.
   */
  readonly cutShort: boolean;
}

/**
 * Follows the nesting of [ and { outside strings, without parsing: linear, no recursion, and
 * it stops at the first bracket too deep.
 */
function scanNesting(text: string, maxDepth: number): NestingScan {
  const open: number[] = []; // the closing bracket each open list or object expects
  let inString = false;
  let mismatched = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (open.length === maxDepth) return { tooDeepAt: i, cutShort: false };
      open.push(c + 2); // [ → ], { → }
    } else if (c === 0x5d || c === 0x7d) {
      if (open.pop() !== c) mismatched = true;
    }
  }
  return { tooDeepAt: null, cutShort: !mismatched && (inString || open.length > 0) };
}

/** Line and column (1-based) of a character index. */
function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${words(line)}, column ${words(index - lineStart + 1)}`;
}

function jsonProblem(text: string, scan: NestingScan, error: unknown, kind: FileKind): string {
  if (scan.cutShort) {
    return (
      `The file is not complete JSON (it ends at character ${words(text.length)}). ` +
      'It was probably cut short while being saved, copied or downloaded.'
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // V8 says "… at position N"; other engines word it differently, or give no place.
  const position = /position (\d+)/.exec(message);
  const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : '';
  return `The file is not valid JSON${where}, so it is not ${kind.name} (the reader said: ${clip(message, 200)}).`;
}

/** Problems, kept in order without repeats; stops taking them past `max`. */
export class Problems {
  readonly #seen = new Set<string>();
  readonly #list: string[] = [];

  constructor(private readonly max = MAX_PROBLEMS) {}

  add(problem: string | null): void {
    if (problem === null || this.full || this.#seen.has(problem)) return;
    this.#seen.add(problem);
    this.#list.push(problem);
  }

  get any(): boolean {
    return this.#list.length > 0;
  }

  /** One past the limit, so there is a way to know that more were left out. */
  get full(): boolean {
    return this.#list.length > this.max;
  }

  list(): string[] {
    if (!this.full) return [...this.#list];
    const shown = this.#list.slice(0, this.max - 1);
    return [...shown, `…and more problems; the first ${shown.length} are listed.`];
  }
}

interface SchemaNode {
  readonly description?: string;
  readonly oneOf?: readonly { readonly properties?: Record<string, { const?: unknown }> }[];
}

/** Keywords about the value itself: the schema's description says what it must be. */
const VALUE_KEYWORDS = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'minLength',
  'maxLength',
  'enum',
  'const',
]);

/**
 * One schema error in plain words, its path under `base` (the path of the value validated);
 * null for errors that only repeat their sub-errors. Needs errors made with `verbose`.
 */
export function describeError(error: ErrorObject, base: string, kind: FileKind): string | null {
  // if/then, oneOf and allOf report their failing branch's errors too; propertyNames the key.
  if (['if', 'oneOf', 'anyOf', 'allOf', 'not'].includes(error.keyword)) return null;
  if (error.schemaPath.includes('/propertyNames/')) return null;
  const path = pathOf(base, error.instancePath);
  const where = path || 'The file';
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  const limit = typeof params.limit === 'number' ? words(params.limit) : '';
  switch (error.keyword) {
    case 'required':
      return `${member(path, String(params.missingProperty))} is missing.`;
    case 'additionalProperties':
      return `${where} has a field ${quoteKey(String(params.additionalProperty))}, which ${kind.name} does not have.`;
    case 'propertyNames':
      return `${where} has a key that is not allowed: ${quoteKey(String(params.propertyName))}.`;
    case 'discriminator': {
      const tag = String(params.tag);
      const kinds = (parent.oneOf ?? []).map((s) => s.properties?.[tag]?.const).join(', ');
      const value = (error.data as Record<string, unknown> | null)?.[tag];
      const is = value === undefined ? '; it is missing' : `; it is ${preview(value)}`;
      return `${member(path, tag)} must be one of ${kinds}${is}.`;
    }
    case 'maxItems':
      return `${where} has more than ${limit} items.`;
    case 'minItems':
      return `${where} must have at least ${limit} items; it has ${words((error.data as unknown[]).length)}.`;
    case 'maxProperties':
      return `${where} has more than ${limit} entries.`;
  }
  if (VALUE_KEYWORDS.has(error.keyword) && parent.description) {
    return `${where} must be ${parent.description}; it is ${preview(error.data)}.`;
  }
  return `${where} ${error.message ?? 'is wrong'}; it is ${preview(error.data)}.`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `records.tracks[3]` + `.frame`, or `["odd key"]`. */
export function member(path: string, key: string): string {
  if (/^(0|[1-9]\d*)$/.test(key)) return `${path}[${key}]`;
  const step = IDENTIFIER.test(key) ? key : `[${quoteKey(key)}]`;
  if (!path) return step.startsWith('[') ? `the file${step}` : step;
  return step.startsWith('[') ? `${path}${step}` : `${path}.${step}`;
}

/** A JSON Pointer (`/records/tracks/3/frame`) as a path (`records.tracks[3].frame`); '' at the top. */
export function pathOf(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    path = member(path, raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  return path;
}

// --- words --------------------------------------------------------------------------------

/** 1234567 → "1,234,567". */
export function words(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export const plural = (n: number, one: string, many: string) =>
  `${words(n)} ${n === 1 ? one : many}`;

export const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max)}…` : text;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A name as quoted in a message: shown as text, a long one cut short. */
export const quoteName = (name: string) => JSON.stringify(clip(name, 40));

export const quoteKey = (key: string) => JSON.stringify(clip(key, 40));

export const quoteId = (id: string) => JSON.stringify(clip(id, 80));

export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'an object';
  }
}

/** A short, safe rendering of a value for a message. */
export function preview(value: unknown): string {
  if (typeof value === 'string') {
    return value.length <= 40 ? JSON.stringify(value) : `text of ${words(value.length)} characters`;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : 'a number too large to hold';
  }
  if (typeof value === 'boolean') return String(value);
  if (value === undefined) return 'missing';
  return kindOf(value);
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
