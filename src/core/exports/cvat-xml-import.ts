import type { AttributeValue, Shape } from '../annotations/model';
import {
  DECIMAL,
  IMPORT_LIMITS,
  clip,
  readCoordinate,
  readInteger,
  type ImportedAnnotations,
  type ImportedAttributeSpec,
  type ImportedKeyframe,
  type ImportedLabel,
  type ImportedTrack,
} from './imported-annotations';
import {
  asObject,
  asOptionalObject,
  attributesOf,
  listOf,
  parseXml,
  requiredName,
  textOf,
  type XmlObject,
} from './xml-read';

/**
 * Reads CVAT for video 1.1 XML (tracks) into ImportedAnnotations. Only CVAT's keyframes
 * (keyframe="1") are kept, plus any frame where outside or occluded changes: the elements in
 * between are CVAT's own interpolation and say nothing new. Every failure throws an Error in
 * plain words naming where ("track 3, frame 12: xtl is not a number").
 * Hostile files: see xml-read.ts; besides, the counts and every number are limited
 * (IMPORT_LIMITS).
 */
export function importCvatXml(text: string): ImportedAnnotations {
  const root = parseXml(text);
  if (root['annotations'] === undefined) {
    throw new Error('This is not a CVAT XML file: it has no <annotations>.');
  }
  const annotations = asObject(root['annotations'], '<annotations>');
  const version = textOf(annotations['version'], '<version>');
  if (version !== '1.1') {
    throw new Error(
      `Framewise reads CVAT XML version 1.1; this file says "${clip(version ?? 'none')}".`,
    );
  }
  if (annotations['image'] !== undefined) {
    throw new Error(
      'This is "CVAT for images" XML; export the task from CVAT as "CVAT for video 1.1".',
    );
  }
  const meta = asObject(annotations['meta'], '<meta>');
  if (meta['project'] !== undefined) {
    throw new Error(
      'This file was exported from a CVAT project; export the task or the job instead.',
    );
  }
  const task = asObject(meta['task'] ?? meta['job'], '<meta>: <task> or <job>');
  const labels = readLabels(asObject(task['labels'], '<meta>: <labels>'));
  const size = asOptionalObject(task['original_size'] ?? meta['original_size'], '<original_size>');
  const dimension = (name: string) => {
    const value = textOf(size?.[name], `<original_size>: <${name}>`);
    return value === undefined ? null : readInteger(value, '<original_size>', name, 1, 100_000);
  };
  const frameCount = textOf(task['size'], '<meta>: <size>');
  const tracks = listOf(annotations['track']);
  if (tracks.length > IMPORT_LIMITS.maxTracks)
    throw new Error(`The file has over ${IMPORT_LIMITS.maxTracks} tracks.`);
  return {
    format: 'cvat-video-1.1',
    source: {
      fileName: textOf(task['source'] ?? meta['source'], '<source>') ?? null,
      width: dimension('width'),
      height: dimension('height'),
      frameCount:
        frameCount === undefined
          ? null
          : readInteger(frameCount, '<meta>', 'size', 0, IMPORT_LIMITS.maxFrame),
    },
    labels: [...labels.values()],
    tracks: tracks.map((node, index) =>
      readTrack(asObject(node, `track ${index + 1}`), index, labels),
    ),
  };
}

function readLabels(node: XmlObject): Map<string, ImportedLabel> {
  const labels = new Map<string, ImportedLabel>();
  const list = listOf(node['label']);
  if (list.length > IMPORT_LIMITS.maxLabels)
    throw new Error(`The file has over ${IMPORT_LIMITS.maxLabels} labels.`);
  for (const [index, item] of list.entries()) {
    const label = asObject(item, `label ${index + 1}`);
    if (label['parent'] !== undefined) continue; // a skeleton's point label, not a label of its own
    const name = requiredName(label['name'], `label ${index + 1}`);
    if (labels.has(name)) throw new Error(`The label "${clip(name)}" is listed twice.`);
    const color = textOf(label['color'], `label "${clip(name)}": <color>`) ?? '';
    const attributes = listOf(
      asOptionalObject(label['attributes'], `label "${clip(name)}"`)?.['attribute'],
    );
    if (attributes.length > IMPORT_LIMITS.maxAttributesPerLabel) {
      throw new Error(
        `The label "${clip(name)}" has over ${IMPORT_LIMITS.maxAttributesPerLabel} attributes.`,
      );
    }
    const specs = attributes.map((a, i) =>
      readSpec(asObject(a, `label "${clip(name)}", attribute ${i + 1}`), name),
    );
    if (new Set(specs.map((s) => s.name)).size !== specs.length) {
      throw new Error(`The label "${clip(name)}" lists an attribute twice.`);
    }
    labels.set(name, {
      name,
      color: /^#[0-9a-f]{6}$/i.test(color) ? color : null,
      attributes: specs,
    });
  }
  return labels;
}

/** CVAT's input types as ours: radio buttons are a select shown differently. */
const INPUT_TYPES: Record<string, ImportedAttributeSpec['type']> = {
  text: 'text',
  number: 'number',
  checkbox: 'checkbox',
  select: 'select',
  radio: 'select',
};

function readSpec(node: XmlObject, label: string): ImportedAttributeSpec {
  const name = requiredName(node['name'], `label "${clip(label)}", an attribute`);
  const where = `label "${clip(label)}", attribute "${clip(name)}"`;
  const inputType = textOf(node['input_type'], where) ?? '';
  const type = Object.hasOwn(INPUT_TYPES, inputType) ? INPUT_TYPES[inputType]! : null;
  if (!type)
    throw new Error(`${where}: the input type "${clip(inputType)}" is not one Framewise knows.`);
  const values = textOf(node['values'], where) ?? '';
  const options = type === 'select' ? values.split('\n').filter((o) => o !== '') : [];
  const base = { name, type, options, scope: 'track' as const, defaultValue: '' };
  const defaultValue = readValue(
    base,
    textOf(node['default_value'], where) ?? '',
    `${where}: default`,
  );
  const mutable = (textOf(node['mutable'], where) ?? '').toLowerCase() === 'true';
  return { ...base, scope: mutable ? 'frame' : 'track', defaultValue };
}

/** An attribute's text as its type reads it; throws naming where when it does not fit. */
function readValue(spec: ImportedAttributeSpec, text: string, where: string): AttributeValue {
  switch (spec.type) {
    case 'text':
      return text;
    case 'number': {
      const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
      if (!Number.isFinite(value)) throw new Error(`${where}: "${clip(text)}" is not a number.`);
      return value;
    }
    case 'checkbox':
      if (!['true', 'false'].includes(text.toLowerCase())) {
        throw new Error(`${where}: "${clip(text)}" is neither true nor false.`);
      }
      return text.toLowerCase() === 'true';
    case 'select':
      if (!spec.options.includes(text))
        throw new Error(`${where}: "${clip(text)}" is not one of its options.`);
      return text;
  }
}

/** Shape elements we read, and the kinds CVAT has that Framewise has no equivalent for. */
const SHAPE_TAGS = ['box', 'ellipse', 'polygon', 'polyline', 'points'] as const;
const OTHER_TAGS = ['cuboid', 'mask', 'skeleton'];

interface Row {
  frame: number;
  keyframe: boolean;
  outside: boolean;
  occluded: boolean;
  shape: Shape;
  values: Map<string, string>;
}

function readTrack(
  node: XmlObject,
  index: number,
  labels: Map<string, ImportedLabel>,
): ImportedTrack {
  const attrs = attributesOf(node);
  const sourceId =
    attrs['id'] === undefined
      ? index
      : readInteger(attrs['id'], `track ${index + 1}`, 'id', 0, 1e12);
  const where = `track ${sourceId}`;
  const label = labels.get(attrs['label'] ?? '');
  if (!label)
    throw new Error(
      `${where}: its label "${clip(attrs['label'] ?? '')}" is not among the file's labels.`,
    );
  const other = OTHER_TAGS.find((tag) => node[tag] !== undefined);
  if (other) throw new Error(`${where} is a ${other}; Framewise has no equivalent.`);
  const tags = SHAPE_TAGS.filter((tag) => node[tag] !== undefined);
  if (tags.length === 0) throw new Error(`${where} has no shapes.`);
  if (tags.length > 1)
    throw new Error(`${where} mixes ${tags.join(' and ')}; a track has one kind.`);
  const tag = tags[0]!;
  const rows = listOf(node[tag])
    .map((element) => readRow(asObject(element, where), tag, where))
    .sort((a, b) => a.frame - b.frame);
  rows.forEach((row, i) => {
    if (i > 0 && rows[i - 1]!.frame === row.frame)
      throw new Error(`${where}: frame ${row.frame} is given twice.`);
  });
  return {
    sourceId,
    label: label.name,
    attributes: trackAttributes(label, rows, where),
    keyframes: keyframesOf(label, rows, where),
  };
}

/** CVAT's keyframes, and the frames where a flag changes; the rest is CVAT's interpolation. */
function keyframesOf(
  label: ImportedLabel,
  rows: readonly Row[],
  where: string,
): ImportedKeyframe[] {
  const specs = label.attributes.filter((s) => s.scope === 'frame');
  const keyframes: ImportedKeyframe[] = [];
  rows.forEach((row, i) => {
    const before = rows[i - 1];
    const changes = !before || before.outside !== row.outside || before.occluded !== row.occluded;
    if (!row.keyframe && !changes) return;
    const previous = keyframes.at(-1)?.attributes;
    const attributes: Record<string, AttributeValue> = {};
    for (const spec of specs) {
      const text = row.values.get(spec.name);
      attributes[spec.name] =
        text !== undefined
          ? readValue(spec, text, `${where}, frame ${row.frame}: attribute "${clip(spec.name)}"`)
          : (previous?.[spec.name] ?? spec.defaultValue); // CVAT carries mutable values on
    }
    const { frame, shape, outside, occluded } = row;
    keyframes.push({ frame, shape, outside, occluded, attributes });
  });
  return keyframes;
}

/** CVAT writes per-track attributes on every element; the first one found is taken. */
function trackAttributes(label: ImportedLabel, rows: readonly Row[], where: string) {
  const values: Record<string, AttributeValue> = {};
  for (const spec of label.attributes.filter((s) => s.scope === 'track')) {
    const text = rows.find((row) => row.values.has(spec.name))?.values.get(spec.name);
    values[spec.name] =
      text === undefined
        ? spec.defaultValue
        : readValue(spec, text, `${where}: attribute "${clip(spec.name)}"`);
  }
  for (const row of rows) {
    for (const name of row.values.keys()) {
      if (!label.attributes.some((s) => s.name === name)) {
        throw new Error(
          `${where}, frame ${row.frame}: "${clip(name)}" is not an attribute of "${clip(label.name)}".`,
        );
      }
    }
  }
  return values;
}

function readRow(node: XmlObject, tag: (typeof SHAPE_TAGS)[number], track: string): Row {
  const attrs = attributesOf(node);
  const frame = readInteger(attrs['frame'], track, 'frame', 0, IMPORT_LIMITS.maxFrame);
  const where = `${track}, frame ${frame}`;
  const flag = (name: string, fallback?: string) => {
    const value = attrs[name] ?? fallback;
    if (value !== '0' && value !== '1') throw new Error(`${where}: ${name} should be 0 or 1.`);
    return value === '1';
  };
  const values = new Map<string, string>();
  for (const [i, item] of listOf(node['attribute']).entries()) {
    const attribute = asObject(item, `${where}, attribute ${i + 1}`);
    const name = attributesOf(attribute)['name'];
    if (name === undefined) throw new Error(`${where}: an <attribute> has no name.`);
    values.set(name, textOf(attribute, where) ?? '');
  }
  return {
    frame,
    keyframe: flag('keyframe'),
    outside: flag('outside', '0'),
    occluded: flag('occluded', '0'),
    shape: readShape(tag, attrs, where),
    values,
  };
}

function readShape(tag: string, attrs: Record<string, string>, where: string): Shape {
  const n = (name: string) => readCoordinate(attrs[name], where, name);
  const rotation = attrs['rotation'] === undefined ? 0 : n('rotation');
  switch (tag) {
    case 'box': {
      const [x, y, right, bottom] = [n('xtl'), n('ytl'), n('xbr'), n('ybr')];
      if (right < x || bottom < y) throw new Error(`${where}: the box has a negative size.`);
      return { kind: 'rectangle', x, y, width: right - x, height: bottom - y, rotation };
    }
    case 'ellipse': {
      const [cx, cy, rx, ry] = [n('cx'), n('cy'), n('rx'), n('ry')];
      if (rx < 0 || ry < 0) throw new Error(`${where}: the ellipse has a negative radius.`);
      return { kind: 'ellipse', cx, cy, rx, ry, rotation };
    }
    default:
      return {
        kind: tag as 'polygon' | 'polyline' | 'points',
        points: readPoints(attrs['points'], tag, where),
      };
  }
}

/** "x,y;x,y", with as many vertices as the kind needs. */
function readPoints(text: string | undefined, tag: string, where: string) {
  if (text === undefined) throw new Error(`${where}: points are missing.`);
  const pairs = text.split(';');
  if (pairs.length > IMPORT_LIMITS.maxPointsPerShape)
    throw new Error(`${where}: over ${IMPORT_LIMITS.maxPointsPerShape} points.`);
  const points = pairs.map((pair, i) => {
    const [x, y, extra] = pair.split(',');
    if (extra !== undefined) throw new Error(`${where}: point ${i + 1} has more than x and y.`);
    return {
      x: readCoordinate(x, where, `x of point ${i + 1}`),
      y: readCoordinate(y, where, `y of point ${i + 1}`),
    };
  });
  const least = tag === 'polygon' ? 3 : tag === 'polyline' ? 2 : 1;
  if (points.length < least) throw new Error(`${where}: a ${tag} needs at least ${least} points.`);
  return points;
}
