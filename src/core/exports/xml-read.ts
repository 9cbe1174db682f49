import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { IMPORT_LIMITS, clip } from './imported-annotations';

/**
 * Reading untrusted XML into a plain tree, and reading that tree without assuming its shape.
 * Hostile files: no DOCTYPE is accepted (so no entity can be declared, and no entity bomb
 * expanded); the five XML entities and character references are decoded here, once, by
 * decodeEntities; the text length and the nesting are limited.
 */

/** Tags that may repeat, so the parser gives them as arrays even when there is one. */
const REPEATED = new Set([
  'label',
  'attribute',
  'track',
  'image',
  'segment',
  'tag',
  ...['box', 'ellipse', 'polygon', 'polyline', 'points', 'cuboid', 'mask', 'skeleton'],
]);

export type XmlObject = Record<string, unknown>;

/** The parsed tree: attributes under "@", text under "#text", REPEATED tags as arrays. */
export function parseXml(text: string): XmlObject {
  if (text.length > IMPORT_LIMITS.maxTextLength) {
    throw new Error(
      `The file is over ${IMPORT_LIMITS.maxTextLength / 1024 / 1024} MB; Framewise does not import files that large.`,
    );
  }
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    throw new Error(
      'The file declares a DOCTYPE or entities; CVAT files never do, and Framewise does not read them.',
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    attributesGroupName: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false, // decoded by decodeEntities, once, with no declared entities
    alwaysCreateTextNode: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 16, // CVAT nests 8 deep; a deeper file fails here, fast
    jPath: false, // no path strings built per tag: about 15% faster
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
  });
  let root: XmlObject;
  try {
    // The parser first: it stops at the nesting limit at once, where the validator would walk
    // a deep file to its end. Then the validator: the parser accepts truncated files.
    root = parser.parse(text) as XmlObject;
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`line ${valid.err.line}: ${valid.err.msg}`);
  } catch (error) {
    throw new Error(
      `The file is not well-formed XML (${clip200(String((error as Error).message))}).`,
      { cause: error },
    );
  }
  return root;
}

const clip200 = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

export function asOptionalObject(node: unknown, where: string): XmlObject | undefined {
  return node === undefined ? undefined : asObject(node, where);
}

export function asObject(node: unknown, where: string): XmlObject {
  if (node === '' || node === undefined) return {};
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw new Error(`${where} is not laid out as CVAT writes it.`);
  }
  return node as XmlObject;
}

export function listOf(node: unknown): unknown[] {
  return node === undefined ? [] : Array.isArray(node) ? node : [node];
}

/** An element's text, entities decoded; undefined when the element is absent. */
export function textOf(node: unknown, where: string): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return decodeEntities(node, where);
  const text = asObject(node, where)['#text'];
  if (text === undefined) return '';
  if (typeof text !== 'string') throw new Error(`${where} appears more than once.`);
  return decodeEntities(text, where);
}

export function requiredName(node: unknown, where: string): string {
  const name = textOf(node, `${where}: <name>`);
  if (!name) throw new Error(`${where} has no name.`);
  if (name.length > IMPORT_LIMITS.maxNameLength) throw new Error(`${where}: the name is too long.`);
  return name;
}

export function attributesOf(node: XmlObject): Record<string, string> {
  const attrs = asObject(node['@'], 'an element');
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs))
    decoded[name] = decodeEntities(String(value), name);
  return decoded;
}

const ENTITIES = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** The five XML entities and character references, decoded in one pass (never recursively). */
function decodeEntities(text: string, where: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|\w+)?(;?)/gi,
    (_match, body: string | undefined, end: string) => {
      if (!body || !end) throw new Error(`${where}: a bare "&" (XML writes it &amp;).`);
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
        if (!(code > 0 && code <= 0x10ffff))
          throw new Error(`${where}: "&${clip(body)};" is no character.`);
        return String.fromCodePoint(code);
      }
      const named = ENTITIES.get(body);
      if (named === undefined)
        throw new Error(`${where}: the entity "&${clip(body)};" is not XML's.`);
      return named;
    },
  );
}
