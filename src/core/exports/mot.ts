import { frameIndex } from '../ids';
import { positionAt } from '../annotations/interpolation';
import type { RectangleShape, Track } from '../annotations/model';
import { exportableTracks, type ExportInput, type TrackNotice } from './cvat-xml';
import {
  IMPORT_LIMITS,
  readCoordinate,
  readInteger,
  type ImportedAnnotations,
  type ImportedKeyframe,
  type ImportedTrack,
} from './imported-annotations';

/**
 * MOT 1.1 as CVAT exports it (datumaro's mot_seq_gt): gt/gt.txt with one line per box per frame,
 * "frame,track_id,x,y,w,h,not_ignored,class_id,visibility", frames counted from 1, and
 * gt/labels.txt with one label name a line (class_id = line number). Boxes only.
 *
 * Decisions: a rotated box is written as its upright bounding box (MOT has no rotation, and the
 * bounding box still encloses the object; CVAT would drop the rotation and write a box that
 * misses it); such tracks are reported in `boundingBoxes`. Ellipses, polygons, polylines,
 * points, arrows and text are left out and reported in `skipped`. The track id is the track's
 * number, so "officer #2" is id 2. The generator is not written: MOT has nowhere to put it;
 * nor is how a box came about: a tracked box (issue 16) is a row like any other, and its
 * confidence and confirmation are in the native JSON export.
 */

export const MOT_GT_PATH = 'gt/gt.txt';
export const MOT_LABELS_PATH = 'gt/labels.txt';

export interface MotExport {
  /** gt/gt.txt: CRLF line ends, as Python's csv module writes them. */
  readonly gt: string;
  /** gt/labels.txt */
  readonly labels: string;
  readonly skipped: readonly TrackNotice[];
  /** Tracks with rotated boxes, written as upright bounding boxes on those frames. */
  readonly boundingBoxes: readonly TrackNotice[];
}

export function buildMot(input: ExportInput): MotExport {
  const { document, evidence } = input;
  const { kept, skipped } = exportableTracks(document);
  const boundingBoxes: TrackNotice[] = [];
  const rows: { frame: number; id: number; line: string }[] = [];
  for (const { track, label } of kept) {
    if (track.keyframes[0]!.shape.kind !== 'rectangle') {
      const kind = track.keyframes[0]!.shape.kind;
      skipped.push({
        track: track.number,
        label: label.name,
        reason: `MOT holds boxes only, not ${kind}s.`,
      });
      continue;
    }
    const classId = document.labels.indexOf(label) + 1;
    let rotated = 0;
    for (const { frame, box, occluded } of boxesInView(track, evidence.frameCount - 1)) {
      const upright = uprightBounds(box);
      if (upright !== box) rotated += 1;
      const numbers = [upright.x, upright.y, upright.width, upright.height].map(pythonFloat);
      const line = [frame + 1, track.number, ...numbers, 1, classId, occluded ? '0.0' : '1.0'];
      rows.push({ frame, id: track.number, line: line.join(',') });
    }
    if (rotated > 0) {
      const reason = `rotated on ${rotated} frames: written as its upright bounding box there.`;
      boundingBoxes.push({ track: track.number, label: label.name, reason });
    }
  }
  // Frame by frame, as CVAT writes them (it walks the frames).
  rows.sort((a, b) => a.frame - b.frame || a.id - b.id);
  return {
    gt: rows.map((row) => `${row.line}\r\n`).join(''),
    // One name a line: a line break inside a name would make two labels of it.
    labels: document.labels.map((l) => l.name.replace(/[\r\n]+/g, ' ')).join('\n'),
    skipped: skipped.sort((a, b) => a.track - b.track),
    boundingBoxes,
  };
}

/** Every frame the track's box is in view: from the first keyframe, held to the clip's end. */
function* boxesInView(track: Track, lastFrame: number) {
  const last = track.keyframes.at(-1)!;
  const end = last.outside ? last.frame : Math.max(last.frame, lastFrame);
  for (let frame = track.keyframes[0]!.frame as number; frame <= end; frame++) {
    const position = positionAt(track, frameIndex(frame));
    if (position?.shape.kind !== 'rectangle') continue;
    yield { frame, box: position.shape, occluded: position.occluded };
  }
}

/** The box itself when upright; else the upright box around its four turned corners. */
function uprightBounds(box: RectangleShape): RectangleShape {
  const turn = (((box.rotation % 360) + 360) % 360) * (Math.PI / 180);
  if (turn === 0) return box;
  // Rounded, so a quarter turn gives exactly 0 and 1 rather than 6e-17.
  const [cos, sin] = [Math.cos(turn), Math.sin(turn)].map((v) =>
    Math.abs(Math.round(v * 1e12) / 1e12),
  ) as [number, number];
  const width = box.width * cos + box.height * sin;
  const height = box.width * sin + box.height * cos;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { kind: 'rectangle', x: cx - width / 2, y: cy - height / 2, width, height, rotation: 0 };
}

/** A number as Python's repr writes a float ("10.0", "12.5"), as datumaro's csv writer does. */
function pythonFloat(n: number): string {
  return Number.isInteger(n) ? `${n === 0 ? 0 : n}.0` : String(n);
}

/** datumaro's labels when a sequence comes without labels.txt (the MOT challenge's classes). */
export const MOT_DEFAULT_LABELS = [
  'pedestrian',
  'person on vehicle',
  'car',
  'bicycle',
  'motorbike',
  'non motorized vehicle',
  'static person',
  'distractor',
  'occluder',
  'occluder on the ground',
  'occluder full',
  'reflection',
];

/** A box on a frame, as one line of gt.txt gives it. */
interface MotBox {
  readonly frame: number;
  readonly box: RectangleShape;
  readonly occluded: boolean;
}

/**
 * Reads gt/gt.txt (and gt/labels.txt, or datumaro's default labels when null) into
 * ImportedAnnotations. `frameCount` is the video's: a line past its end is refused, and a track
 * in view on the last frame gets no closing outside keyframe.
 *
 * MOT gives a box on every frame; the keyframes are recovered: a keyframe wherever linear
 * interpolation from the previous keyframe would miss a box by more than KEYFRAME_TOLERANCE
 * pixels, where occlusion changes, and an outside keyframe after each run of frames that stops
 * before the clip's end (its box is the last one seen, so the frames before it stay put). So
 * every frame's box comes back within the tolerance; keyframes that sat on a straight line
 * between their neighbours are not needed to say that, and do not come back.
 */
export function importMot(input: {
  gt: string;
  labels: string | null;
  frameCount: number;
}): ImportedAnnotations {
  for (const [name, text] of [
    ['gt.txt', input.gt],
    ['labels.txt', input.labels ?? ''],
  ] as const) {
    if (text.length > IMPORT_LIMITS.maxTextLength)
      throw new Error(`${name} is too large to import.`);
  }
  const labels = input.labels === null ? MOT_DEFAULT_LABELS : readLabels(input.labels);
  const tracks = new Map<number, { classId: number; boxes: MotBox[] }>();
  if (countLines(input.gt) > IMPORT_LIMITS.maxLines) {
    throw new Error(`gt.txt has over ${IMPORT_LIMITS.maxLines} lines.`);
  }
  const lines = input.gt.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return; // blank lines are skipped, as Python's csv reader does
    const row = readLine(line, `gt.txt line ${index + 1}`, labels.length, input.frameCount);
    const track = tracks.get(row.trackId) ?? { classId: row.classId, boxes: [] };
    if (track.classId !== row.classId) {
      throw new Error(
        `gt.txt line ${index + 1}: track ${row.trackId} changes class; a track has one label.`,
      );
    }
    track.boxes.push(row);
    tracks.set(row.trackId, track);
  });
  if (tracks.size > IMPORT_LIMITS.maxTracks)
    throw new Error(`gt.txt has over ${IMPORT_LIMITS.maxTracks} tracks.`);
  const imported: ImportedTrack[] = [...tracks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([sourceId, { classId, boxes }]) => ({
      sourceId,
      label: labels[classId - 1]!,
      attributes: {},
      keyframes: keyframesOf(sourceId, boxes, input.frameCount),
    }));
  return {
    format: 'mot-1.1',
    source: { fileName: null, width: null, height: null, frameCount: null },
    labels: labels.map((name) => ({ name, color: null, attributes: [] })),
    tracks: imported,
  };
}

/** Counted before splitting, so an oversized file is refused without building its lines. */
function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    count += 1;
    if (count > IMPORT_LIMITS.maxLines) break;
  }
  return count;
}

function readLabels(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > IMPORT_LIMITS.maxLabels)
    throw new Error(`labels.txt has over ${IMPORT_LIMITS.maxLabels} lines.`);
  const names = lines.map((line, i) => {
    const name = line.trim(); // datumaro strips each line
    if (!name) throw new Error(`labels.txt line ${i + 1} is empty; every line names a label.`);
    if (name.length > IMPORT_LIMITS.maxNameLength)
      throw new Error(`labels.txt line ${i + 1} is too long.`);
    return name;
  });
  if (new Set(names).size !== names.length) throw new Error('labels.txt names a label twice.');
  if (names.length === 0) throw new Error('labels.txt names no label.');
  return names;
}

function readLine(line: string, where: string, labelCount: number, frameCount: number) {
  const fields = line.split(',').map((field) => field.trim());
  if (fields.length !== 9) {
    throw new Error(
      `${where} has ${fields.length} values; MOT 1.1 lines have 9 (frame, track id, x, y, width, height, not ignored, class id, visibility).`,
    );
  }
  const [frame, trackId, x, y, w, h, notIgnored, classId, visibility] = fields as [
    string,
    ...string[],
  ];
  if (/^-|^0+$/.test(trackId!))
    throw new Error(`${where}: track id ${trackId} is not a track; Framewise imports tracks only.`);
  const box = { x: readCoordinate(x, where, 'x'), y: readCoordinate(y, where, 'y') };
  const width = readCoordinate(w, where, 'width');
  const height = readCoordinate(h, where, 'height');
  if (width < 0 || height < 0) throw new Error(`${where}: the box has a negative size.`);
  readCoordinate(notIgnored, where, 'not ignored'); // checked, not kept: Framewise has no "ignored"
  return {
    frame: readInteger(frame, where, 'frame', 1, frameCount) - 1,
    trackId: readInteger(trackId, where, 'track id', 1, 1e12),
    classId: readInteger(classId, where, 'class id', 1, labelCount),
    box: { kind: 'rectangle', ...box, width, height, rotation: 0 } as RectangleShape,
    // datumaro: occluded when visibility <= 0 (its default occlusion threshold).
    occluded: readCoordinate(visibility, where, 'visibility') <= 0,
  };
}

/** How far (frame pixels) a recovered keyframe's interpolation may miss a box in the file. */
export const KEYFRAME_TOLERANCE = 0.005;

/** The keyframes that reproduce one track's boxes (see importMot). */
function keyframesOf(trackId: number, boxes: MotBox[], frameCount: number): ImportedKeyframe[] {
  boxes.sort((a, b) => a.frame - b.frame);
  const keyframes: ImportedKeyframe[] = [];
  const keep = (b: MotBox, outside = false) =>
    keyframes.push({
      frame: b.frame + (outside ? 1 : 0),
      shape: b.box,
      outside,
      occluded: b.occluded,
      attributes: {},
    });
  let start = 0;
  for (let i = 0; i < boxes.length; i++) {
    if (i > 0 && boxes[i]!.frame === boxes[i - 1]!.frame) {
      throw new Error(`gt.txt: track ${trackId} has two boxes on frame ${boxes[i]!.frame + 1}.`);
    }
    const runEnds = i === boxes.length - 1 || boxes[i + 1]!.frame !== boxes[i]!.frame + 1;
    if (!runEnds) continue;
    reduceRun(boxes.slice(start, i + 1), keep);
    if (boxes[i]!.frame + 1 < frameCount) keep(boxes[i]!, true);
    start = i + 1;
  }
  return keyframes;
}

const coordinates = (b: MotBox) => [b.box.x, b.box.y, b.box.width, b.box.height];

/**
 * One run of consecutive frames, by the "swing door": from the last keyframe (the anchor), the
 * line to a later box must pass within the tolerance of every box in between. For each
 * coordinate the slopes that do so form an interval, narrowed box by box; the first box whose
 * slope falls outside it ends the segment, and the box before it becomes a keyframe. Linear
 * time, and every box is reproduced within the tolerance.
 */
function reduceRun(run: readonly MotBox[], keep: (b: MotBox) => void) {
  keep(run[0]!);
  let anchor = 0;
  let low = [-Infinity, -Infinity, -Infinity, -Infinity];
  let high = [Infinity, Infinity, Infinity, Infinity];
  const restart = (at: number) => {
    keep(run[at]!);
    anchor = at;
    low = low.map(() => -Infinity);
    high = high.map(() => Infinity);
  };
  for (let j = 1; j < run.length; j++) {
    const from = coordinates(run[anchor]!);
    const to = coordinates(run[j]!);
    const fits = to.every((v, c) => {
      const slope = (v - from[c]!) / (j - anchor);
      return slope >= low[c]! && slope <= high[c]!;
    });
    if (!fits) restart(j - 1);
    if (run[j]!.occluded !== run[j - 1]!.occluded) {
      restart(j);
      continue;
    }
    const base = coordinates(run[anchor]!);
    to.forEach((v, c) => {
      low[c] = Math.max(low[c]!, (v - KEYFRAME_TOLERANCE - base[c]!) / (j - anchor));
      high[c] = Math.min(high[c]!, (v + KEYFRAME_TOLERANCE - base[c]!) / (j - anchor));
    });
  }
  // The last box: a keyframe unless the track simply holds still since the anchor.
  const last = run.length - 1;
  const same = coordinates(run[anchor]!).every((v, c) => v === coordinates(run[last]!)[c]);
  if (anchor !== last && !same) keep(run[last]!);
}
