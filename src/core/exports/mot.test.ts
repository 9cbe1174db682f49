import { describe, expect, it } from 'vitest';
import { buildDocument } from '../annotations/history';
import { frameIndex, type TrackId } from '../ids';
import { positionAt } from '../annotations/interpolation';
import { DEFAULT_LABELS, type Keyframe, type Label, type Track } from '../annotations/model';
import { TEST_CASE, TEST_EVIDENCE, TEST_NOW, box, deepFreeze, key, trackOf } from '../test-support';
import type { ExportInput } from './cvat-xml';
import type { ImportedTrack } from './imported-annotations';
import { IMPORT_LIMITS } from './imported-annotations';
import { KEYFRAME_TOLERANCE, buildMot, importMot } from './mot';

const [OFFICER, VEHICLE] = DEFAULT_LABELS as [Label, Label, Label];
const FRAMES = TEST_EVIDENCE.frameCount; // 300

const track = (number: number, label: Label, ...keyframes: Keyframe[]): Track => ({
  ...trackOf(...keyframes),
  id: `track_${number}` as TrackId,
  number,
  labelId: label.id,
});

const input = (...tracks: Track[]): ExportInput =>
  deepFreeze({
    evidence: TEST_EVIDENCE,
    caseRecord: TEST_CASE,
    document: buildDocument({ tracks, labels: DEFAULT_LABELS }),
    generator: { name: 'Framewise', version: '0.1.0' },
    now: TEST_NOW,
  });

/** Boxes that turn corners (so every keyframe is needed), hide, leave and come back. */
const TRACKS = [
  track(
    2,
    VEHICLE,
    key(10, box(10, 20, 100, 50)),
    key(20, box(40, 25, 110, 55)),
    key(25, box(42, 40, 90, 55), { origin: 'computed', occluded: true }),
    key(31, box(42.5, 41.25, 90, 55), { occluded: false }),
    key(40, box(60, 30, 120, 60), { outside: true }),
    key(50, box(0, 0, 10, 10)),
    key(60, box(5, 5, 10, 10)),
  ),
  track(5, OFFICER, key(0, box(1, 2, 3, 4)), key(4, box(9, 2, 3, 4), { outside: true })),
  track(7, OFFICER, key(200, box(7.125, 8, 30, 60))),
];

/** The track an import gives, as positionAt reads it. */
const asTrack = (t: ImportedTrack): Track =>
  trackOf(
    ...t.keyframes.map((k) => key(k.frame, k.shape, { outside: k.outside, occluded: k.occluded })),
  );

/** Where two tracks differ on any frame of the clip (position, occlusion or being in view). */
function differences(a: Track, b: Track): string[] {
  const found: string[] = [];
  for (let frame = 0; frame < FRAMES; frame++) {
    const [p, q] = [positionAt(a, frameIndex(frame)), positionAt(b, frameIndex(frame))];
    if (!p || !q) {
      if (p !== q) found.push(`frame ${frame}: in view in one only`);
      continue;
    }
    if (p.occluded !== q.occluded) found.push(`frame ${frame}: occluded differs`);
    if (p.shape.kind !== 'rectangle' || q.shape.kind !== 'rectangle') continue;
    const [r, s] = [p.shape, q.shape];
    const miss = Math.max(
      ...(['x', 'y', 'width', 'height'] as const).map((c) => Math.abs(r[c] - s[c])),
    );
    if (miss > KEYFRAME_TOLERANCE) found.push(`frame ${frame}: off by ${miss}`);
  }
  return found;
}

describe('buildMot', () => {
  it('writes one CRLF line per box per frame, frames from 1, and labels.txt', () => {
    const { gt, labels } = buildMot(input(TRACKS[1]!));
    expect(gt).toBe(
      [
        '1,5,1.0,2.0,3.0,4.0,1,1,1.0',
        '2,5,3.0,2.0,3.0,4.0,1,1,1.0',
        '3,5,5.0,2.0,3.0,4.0,1,1,1.0',
        '4,5,7.0,2.0,3.0,4.0,1,1,1.0',
        '',
      ].join('\r\n'),
    );
    expect(labels).toBe('officer\nvehicle\nwindow frame');
  });

  it('writes every frame in view, occluded as visibility 0.0, held to the clip’s end', () => {
    const { gt } = buildMot(input(...TRACKS));
    const lines = gt.trimEnd().split('\r\n');
    const of = (id: number) => lines.filter((l) => l.split(',')[1] === String(id));
    expect(of(2)).toHaveLength(30 + 250); // 10..39, then 50..299
    expect(of(7)).toHaveLength(100); // 200..299
    expect(
      of(2)
        .filter((l) => l.endsWith(',0.0'))
        .map((l) => l.split(',')[0]),
    ).toEqual(
      ['26', '27', '28', '29', '30', '31'], // frames 25..30, counted from 1
    );
    expect(lines.map((l) => Number(l.split(',')[0]))).toEqual(
      [...lines.map((l) => Number(l.split(',')[0]))].sort((a, b) => a - b),
    );
  });

  it('skips kinds MOT cannot hold and writes rotated boxes as upright bounding boxes', () => {
    const ellipse = track(
      3,
      VEHICLE,
      key(0, { kind: 'ellipse', cx: 5, cy: 5, rx: 2, ry: 1, rotation: 0 }),
    );
    const arrow = track(
      4,
      VEHICLE,
      key(0, { kind: 'arrow', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }),
    );
    const turned = track(
      6,
      OFFICER,
      key(0, { ...box(10, 20, 40, 10), rotation: 90 }),
      key(2, box(0, 0, 1, 1), { outside: true }),
    );
    const { gt, skipped, boundingBoxes } = buildMot(input(ellipse, arrow, turned));
    expect(skipped).toEqual([
      { track: 3, label: 'vehicle', reason: 'MOT holds boxes only, not ellipses.' },
      { track: 4, label: 'vehicle', reason: 'arrows have no equivalent in this format.' },
    ]);
    expect(boundingBoxes).toEqual([
      {
        track: 6,
        label: 'officer',
        reason: 'rotated on 2 frames: written as its upright bounding box there.',
      },
    ]);
    // A 40 × 10 box turned a quarter about its centre (30, 25) stands 10 wide and 40 high.
    expect(gt.split('\r\n')[0]).toBe('1,6,25.0,5.0,10.0,40.0,1,1,1.0');
  });
});

describe('importMot', () => {
  it('gives back the same boxes on every frame, and the keyframes that turn corners', () => {
    const { gt, labels } = buildMot(input(...TRACKS));
    const imported = importMot({ gt, labels, frameCount: FRAMES });
    expect(imported.labels.map((l) => l.name)).toEqual(['officer', 'vehicle', 'window frame']);
    expect(imported.tracks.map((t) => [t.sourceId, t.label])).toEqual([
      [2, 'vehicle'],
      [5, 'officer'],
      [7, 'officer'],
    ]);
    imported.tracks.forEach((t, i) => expect(differences(asTrack(t), TRACKS[i]!)).toEqual([]));
    const frames = imported.tracks.map((t) =>
      t.keyframes.map((k) => [k.frame, k.outside, k.occluded]),
    );
    expect(frames[0]).toEqual([
      [10, false, false],
      [20, false, false],
      [25, false, true],
      [31, false, false],
      [39, false, false],
      [40, true, false],
      [50, false, false],
      [60, false, false],
    ]);
    // Toward an outside keyframe the box moves; MOT keeps only the frames in view.
    expect(frames[1]).toEqual([
      [0, false, false],
      [3, false, false],
      [4, true, false],
    ]);
    expect(frames[2]).toEqual([[200, false, false]]); // held to the end: no outside keyframe
  });

  it('writes a row for every tracked position, which comes back as a keyframe', () => {
    const tracking = {
      runId: 'run_1',
      confidence: 0.82,
      algorithm: 'NCC',
      confirmedBy: null,
      confirmedAt: null,
    };
    const tracked = track(
      3,
      VEHICLE,
      key(10, box(10, 20, 100, 50)),
      key(11, box(30, 20, 100, 50), { origin: 'tracked', tracking }),
      key(12, box(30, 45, 100, 50), {
        origin: 'tracked',
        tracking: { ...tracking, confirmedBy: 'A. Examiner', confirmedAt: TEST_NOW },
      }),
      key(13, box(30, 45, 100, 50), { outside: true }),
    );
    const { gt } = buildMot(input(tracked));
    expect(gt).toBe(
      [
        '11,3,10.0,20.0,100.0,50.0,1,2,1.0',
        '12,3,30.0,20.0,100.0,50.0,1,2,1.0',
        '13,3,30.0,45.0,100.0,50.0,1,2,1.0',
        '',
      ].join('\r\n'),
    );
    // Each tracked box turns a corner, so the import keeps it as a keyframe.
    const [back] = importMot({ gt, labels: null, frameCount: FRAMES }).tracks;
    expect(back!.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [10, false],
      [11, false],
      [12, false],
      [13, true],
    ]);
  });

  it('reproduces noisy, rounded third-party boxes within the tolerance', () => {
    const lines = Array.from({ length: FRAMES }, (_, f) => {
      const x = Math.round(100 + 40 * Math.sin(f / 17));
      return `${f + 1},1,${x},${Math.round(f / 3)},50,${60 + (f % 2)},1,1,${f > 150 ? 0.4 : 1}`;
    });
    const imported = importMot({ gt: lines.join('\n'), labels: null, frameCount: FRAMES });
    expect(imported.tracks[0]!.label).toBe('pedestrian');
    const expected = trackOf(
      ...lines.map((_, f) => {
        const [, , x, y, w, h] = lines[f]!.split(',').map(Number) as number[];
        return key(f, box(x!, y!, w!, h!));
      }),
    );
    expect(differences(asTrack(imported.tracks[0]!), expected)).toEqual([]);
  });

  // Linear time: about 0.5 s here; a quadratic pass over 200 000 frames would take hours and
  // meet the 60 s limit (a limit, not a speed test: a loaded machine must not fail it).
  it('reduces a long straight track to its ends, in linear time', { timeout: 60_000 }, () => {
    const frames = 200_000;
    const gt = Array.from(
      { length: frames },
      (_, f) => `${f + 1},9,${f * 0.5},10,20,30,1,1,1`,
    ).join('\n');
    const imported = importMot({ gt, labels: 'person', frameCount: frames });
    expect(imported.tracks[0]!.keyframes.map((k) => k.frame)).toEqual([0, frames - 1]);
  });
});

describe('importMot refuses malformed and hostile text', () => {
  const ok = '1,1,10,20,30,40,1,1,1';
  it.each([
    ['1,1,10,20,30,40,1,1', 'gt.txt line 1 has 8 values; MOT 1.1 lines have 9'],
    [`${ok},7`, 'gt.txt line 1 has 10 values'],
    ['1,1,ten,20,30,40,1,1,1', 'gt.txt line 1: x is not a number ("ten").'],
    ['1,1,NaN,20,30,40,1,1,1', 'gt.txt line 1: x is not a number ("NaN").'],
    ['1,1,10,1e300,30,40,1,1,1', 'gt.txt line 1: y (1e300) is too large for a frame position.'],
    ['0,1,10,20,30,40,1,1,1', 'gt.txt line 1: frame 0 is out of range (1 to 300).'],
    ['301,1,10,20,30,40,1,1,1', 'gt.txt line 1: frame 301 is out of range (1 to 300).'],
    ['1.5,1,10,20,30,40,1,1,1', 'gt.txt line 1: frame is not a whole number ("1.5").'],
    ['1,1,10,20,-30,40,1,1,1', 'gt.txt line 1: the box has a negative size.'],
    [
      '1,-1,10,20,30,40,1,1,1',
      'gt.txt line 1: track id -1 is not a track; Framewise imports tracks only.',
    ],
    ['1,1,10,20,30,40,1,3,1', 'gt.txt line 1: class id 3 is out of range (1 to 2).'],
    [`${ok}\n${ok}`, 'gt.txt: track 1 has two boxes on frame 1.'],
    [
      `${ok}\n2,1,10,20,30,40,1,2,1`,
      'gt.txt line 2: track 1 changes class; a track has one label.',
    ],
  ])('%s', (gt, message) => {
    expect(() => importMot({ gt, labels: 'a\nb\n', frameCount: FRAMES })).toThrow(message);
  });

  it.each([
    ['a\n\nb', 'labels.txt line 2 is empty; every line names a label.'],
    ['a\na', 'labels.txt names a label twice.'],
    ['', 'labels.txt names no label.'],
  ])('labels.txt %j', (labels, message) => {
    expect(() => importMot({ gt: ok, labels, frameCount: FRAMES })).toThrow(message);
  });

  it('refuses more lines than the limit, quickly', () => {
    const gt = '\n'.repeat(IMPORT_LIMITS.maxLines);
    expect(() => importMot({ gt, labels: null, frameCount: FRAMES })).toThrow('gt.txt has over');
  });
});
