import type { Generator } from './export-json-format';
import type { AnnotationDocument } from '../annotations/history';
import { frameIndex } from '../ids';
import { positionAt } from '../annotations/interpolation';
import { readValue } from '../annotations/labels';
import type {
  AttributeSpec,
  AttributeValue,
  AttributeValues,
  Case,
  Evidence,
  Keyframe,
  Label,
  Shape,
  Track,
} from '../annotations/model';
import { labelOf } from '../annotations/tracks';
import { uprightSize } from '../annotations/shapes';
import { comment, XmlLines, type MetaTree } from './xml-write';

/**
 * CVAT for video 1.1 XML, laid out as CVAT's own dumper writes it
 * (cvat/apps/dataset_manager/formats/cvat.py, dump_as_cvat_interpolation): a <meta><task> with
 * the labels, then one <track> per object with an element on EVERY frame from its first keyframe
 * on, keyframe="1" where a keyframe is, keyframe="0" where the position is computed.
 *
 * Keyframe policy: every Framewise keyframe is written keyframe="1", computed ones included.
 * CVAT reads outside, occluded and attributes only from keyframe="1" elements, so a computed
 * keyframe (made to carry a flag or attribute change) written as "0" would lose that change.
 * CVAT has no notion of who set a keyframe: drawn, propagated, computed and tracked (issue 16,
 * confirmed or not) all look alike there; a tracked keyframe stays keyframe="1", and its
 * confidence and confirmation are in the native JSON export, not invented here.
 */

export interface ExportInput {
  readonly evidence: Evidence;
  readonly caseRecord: Case;
  readonly document: AnnotationDocument;
  readonly generator: Generator;
  readonly now: string;
}

/** A track left out of (or changed in) an export, and why, in words a person can act on. */
export interface TrackNotice {
  /** The track's number, as in "officer #2". */
  readonly track: number;
  readonly label: string;
  readonly reason: string;
}

export interface CvatXmlExport {
  readonly xml: string;
  /** Tracks CVAT has no equivalent for (arrows, text callouts, mixed kinds): not in the file. */
  readonly skipped: readonly TrackNotice[];
}

/** Our shape kinds as CVAT names its elements; arrow and text have no CVAT equivalent. */
const CVAT_ELEMENT: Partial<Record<Shape['kind'], string>> = {
  rectangle: 'box',
  ellipse: 'ellipse',
  polygon: 'polygon',
  polyline: 'polyline',
  points: 'points',
};

export function buildCvatXml(input: ExportInput): CvatXmlExport {
  const { document, evidence } = input;
  const lastFrame = evidence.frameCount - 1;
  const out = new XmlLines();
  out.raw('<?xml version="1.0" encoding="utf-8"?>');
  out.raw(`<!-- ${comment(`${input.generator.name} ${input.generator.version}`)} -->`);
  out.open('annotations');
  out.leaf('version', '1.1');
  out.tree('meta', metaTree(input));
  const { kept, skipped } = exportableTracks(document);
  kept.forEach(({ track, label }, index) => writeTrack(out, index, track, label, lastFrame));
  out.close('annotations');
  return { xml: out.text(), skipped };
}

/** The tracks in number order, split into those a box-and-polygon format can hold and the rest. */
export function exportableTracks(document: AnnotationDocument): {
  kept: { track: Track; label: Label }[];
  skipped: TrackNotice[];
} {
  const kept: { track: Track; label: Label }[] = [];
  const skipped: TrackNotice[] = [];
  const tracks = [...document.tracks.values()].sort((a, b) => a.number - b.number);
  for (const track of tracks) {
    const label = labelOf(document.labels, track);
    const reason = unexportableReason(track, label);
    if (label && reason === null) kept.push({ track, label });
    else skipped.push({ track: track.number, label: label?.name ?? '', reason: reason ?? '' });
  }
  return { kept, skipped };
}

function unexportableReason(track: Track, label: Label | undefined): string | null {
  if (!label) return 'its label no longer exists.';
  const kinds = new Set(track.keyframes.map((k) => k.shape.kind));
  if (kinds.has('arrow')) return 'arrows have no equivalent in this format.';
  if (kinds.has('text')) return 'text callouts have no equivalent in this format.';
  if (kinds.size === 0) return 'it has no keyframes.';
  if (kinds.size > 1)
    return `it mixes shape kinds (${[...kinds].join(', ')}); a track here has one.`;
  return null;
}

/** The <meta> block, field for field in the order CVAT's TaskData writes it. */
function metaTree(input: ExportInput): MetaTree {
  const { evidence, caseRecord, document } = input;
  const lastFrame = String(Math.max(0, evidence.frameCount - 1));
  const size = uprightSize(evidence);
  const task: MetaTree = [
    ['id', '0'],
    ['name', caseRecord.name],
    ['size', String(evidence.frameCount)],
    ['mode', 'interpolation'],
    ['overlap', '0'],
    ['bugtracker', ''],
    ['created', caseRecord.createdAt],
    ['updated', caseRecord.modifiedAt],
    ['subset', 'default'],
    ['start_frame', '0'],
    ['stop_frame', lastFrame],
    ['frame_filter', ''],
    [
      'segments',
      [
        [
          'segment',
          [
            ['id', '0'],
            ['start', '0'],
            ['stop', lastFrame],
            ['url', ''],
          ],
        ],
      ],
    ],
    ['owner', ''],
    ['assignee', ''],
    ['labels', document.labels.map((label) => ['label', labelTree(label, document)] as const)],
    [
      'original_size',
      [
        ['width', String(size.width)],
        ['height', String(size.height)],
      ],
    ],
    ['source', evidence.fileName],
  ];
  return [
    ['task', task],
    ['dumped', input.now],
  ];
}

function labelTree(label: Label, document: AnnotationDocument): MetaTree {
  const attributes = label.attributes.map((spec) => {
    const attribute: MetaTree = [
      ['name', spec.name],
      // Python's str(bool), as CVAT writes it.
      ['mutable', spec.scope === 'frame' ? 'True' : 'False'],
      ['input_type', spec.type],
      ['default_value', attributeText(spec.defaultValue)],
      ['values', attributeChoices(spec, document)],
    ];
    return ['attribute', attribute] as const;
  });
  return [
    ['name', label.name],
    ['color', label.color],
    ['type', 'any'],
    ['attributes', attributes],
  ];
}

/**
 * CVAT's `values` line: the options of a select (one a line), the default of text and
 * checkbox, and "min\nmax\nstep" of a number: we keep no range, so the whole numbers around
 * every value the tracks use (and 0), in steps of 1, or of 0.01 where a value has a fraction.
 */
function attributeChoices(spec: AttributeSpec, document: AnnotationDocument): string {
  if (spec.type === 'select') return spec.options.join('\n');
  if (spec.type !== 'number') return attributeText(spec.defaultValue);
  let [min, max, whole] = [0, 0, true];
  const see = (value: AttributeValue | undefined) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    [min, max, whole] = [
      Math.min(min, value),
      Math.max(max, value),
      whole && Number.isInteger(value),
    ];
  };
  see(spec.defaultValue);
  for (const track of document.tracks.values()) {
    see(track.attributes[spec.id]);
    for (const keyframe of track.keyframes) see(keyframe.attributes[spec.id]);
  }
  return `${Math.floor(min)}\n${Math.ceil(max)}\n${whole ? '1' : '0.01'}`;
}

/** Attribute values as CVAT writes them: checkboxes "true"/"false", numbers as plain text. */
function attributeText(value: AttributeValue): string {
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/**
 * One <track>: an element on every frame from the first keyframe to the last, and on to the
 * clip's last frame when the track is still in view there (CVAT interpolates to the end).
 * Frames while the track is outside get no element, as in CVAT.
 */
function writeTrack(out: XmlLines, index: number, track: Track, label: Label, lastFrame: number) {
  out.open('track', [
    ['id', String(index)],
    ['label', label.name],
    ['source', 'manual'],
  ]);
  const keyframes = new Map(track.keyframes.map((k) => [k.frame as number, k]));
  const last = track.keyframes.at(-1)!;
  const end = last.outside ? last.frame : Math.max(last.frame, lastFrame);
  const trackValues = scoped(label, 'track', track.attributes);
  for (let frame = track.keyframes[0]!.frame as number; frame <= end; frame++) {
    const keyframe = keyframes.get(frame);
    if (keyframe) {
      writeShape(out, frame, keyframe, true, [...frameValues(label, keyframe), ...trackValues]);
      continue;
    }
    const position = positionAt(track, frameIndex(frame));
    if (!position) continue;
    const state = { shape: position.shape, outside: false, occluded: position.occluded };
    writeShape(out, frame, state, false, [
      ...frameValues(label, position.keyframe),
      ...trackValues,
    ]);
  }
  out.close('track');
}

const frameValues = (label: Label, keyframe: Keyframe) =>
  scoped(label, 'frame', keyframe.attributes);

/** name/value pairs of one scope's attributes, read as the screen shows them. */
function scoped(label: Label, scope: AttributeSpec['scope'], values: AttributeValues) {
  return label.attributes
    .filter((spec) => spec.scope === scope)
    .map((spec) => [spec.name, attributeText(readValue(spec, values[spec.id]))] as const);
}

function writeShape(
  out: XmlLines,
  frame: number,
  state: { shape: Shape; outside: boolean; occluded: boolean },
  keyframe: boolean,
  attributes: readonly (readonly [string, string])[],
) {
  const element = CVAT_ELEMENT[state.shape.kind]!;
  out.open(element, [
    ['frame', String(frame)],
    ['keyframe', keyframe ? '1' : '0'],
    ['outside', state.outside ? '1' : '0'],
    ['occluded', state.occluded ? '1' : '0'],
    ...geometry(state.shape),
    ['z_order', '0'],
  ]);
  for (const [name, value] of attributes) out.leaf('attribute', value, [['name', name]]);
  out.close(element);
}

/** "%.2f", as CVAT writes every coordinate. */
const f2 = (n: number) => n.toFixed(2);

/** Coordinates as CVAT's attributes; rotation only when there is one, as CVAT does. */
function geometry(shape: Shape): [string, string][] {
  switch (shape.kind) {
    case 'rectangle':
      return [
        ['xtl', f2(shape.x)],
        ['ytl', f2(shape.y)],
        ['xbr', f2(shape.x + shape.width)],
        ['ybr', f2(shape.y + shape.height)],
        ...rotation(shape.rotation),
      ];
    case 'ellipse':
      return [
        ['cx', f2(shape.cx)],
        ['cy', f2(shape.cy)],
        ['rx', f2(shape.rx)],
        ['ry', f2(shape.ry)],
        ...rotation(shape.rotation),
      ];
    case 'polygon':
    case 'polyline':
    case 'points':
      return [['points', shape.points.map((p) => `${f2(p.x)},${f2(p.y)}`).join(';')]];
    default:
      return []; // arrow and text tracks are skipped before this
  }
}

/** Degrees in [0, 360), left out when zero. */
function rotation(degrees: number): [string, string][] {
  const text = f2(((degrees % 360) + 360) % 360);
  return text === '0.00' || text === '360.00' ? [] : [['rotation', text]];
}
