/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one exact text for a JSON value, so the same
 * record always hashes the same, whichever order its keys were built in and on whichever
 * machine. The audit log hashes this text; a different byte means a different hash.
 *
 * JCS strings and numbers are ECMAScript's JSON.stringify (ES2019 and later), so this leans on
 * it for leaves and does the rest: key order, refusing what is not JSON.
 *
 * Choices beyond the RFC, for values JSON.stringify would quietly change or drop:
 * - an object member whose value is `undefined` is omitted, as JSON.stringify does, so an
 *   optional field left unset and one never written give the same text (and the same hash);
 * - `undefined` anywhere else (top level, array element, array hole) is refused: JSON.stringify
 *   would write `null`, which is a different statement;
 * - NaN, ±Infinity, bigint, functions, symbols, lone surrogates (RFC 8785 requires valid
 *   Unicode), circular references and objects that are not plain (Map, Set, Date, class
 *   instances: JSON.stringify turns a Map into `{}`, losing its contents) are refused with a
 *   TypeError naming the JSON path, e.g. `$.tracks[3].x`;
 * - symbol-keyed and non-enumerable properties are ignored, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// With the u flag a well-formed pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

const member = (path: string, key: string): string =>
  IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function refuse(path: string, what: string): never {
  throw new TypeError(`${what} at ${path} is not JSON`);
}

function string(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) refuse(path, 'a string with a lone surrogate');
  return JSON.stringify(text);
}

function write(value: unknown, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return string(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) refuse(path, String(value));
      // Number.prototype.toString, as JCS requires; JSON.stringify also turns -0 into 0.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      // undefined, bigint, function, symbol.
      return refuse(path, typeof value);
  }
  if (value === null) return 'null';
  if (open.has(value)) refuse(path, 'a circular reference');
  open.add(value);
  let text: string;
  if (Array.isArray(value)) {
    // Index loop, not map(): map skips holes, which must be refused like undefined.
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(write(value[i], `${path}[${i}]`, open));
    text = `[${items.join(',')}]`;
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      refuse(path, `an object of class ${value.constructor?.name ?? 'unknown'}`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order JCS specifies.
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const child = member(path, key);
      if (record[key] === undefined) continue;
      members.push(`${string(key, child)}:${write(record[key], child, open)}`);
    }
    text = `{${members.join(',')}}`;
  }
  // Only ancestors count as circular: the same object twice side by side is fine.
  open.delete(value);
  return text;
}
