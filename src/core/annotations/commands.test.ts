import { describe, expect, it } from 'vitest';
import {
  createTrack,
  defaultAttributes,
  deleteKeyframe,
  deleteTrack,
  keyframeHere,
  propagate,
  relabelTrack,
  setFrameAttribute,
  setShapeAt,
  setTrackAttribute,
  toggleFlag,
  withKeyframe,
} from './commands';
import { applyCommand, emptyDocument, invert, type Command } from './history';
import { frameIndex, pts, type FrameIndex } from '../ids';
import { positionAt } from './interpolation';
import { DEFAULT_LABELS, type Track } from './model';
import {
  approx,
  at,
  box,
  deepFreeze,
  drawTrack,
  key,
  onlyTrack,
  TEST_CASE,
  TEST_SET,
  TEST_NOW,
  trackOf,
} from '../test-support';

const LATER = '2026-01-02T00:00:00.000Z';
const [OFFICER, VEHICLE, WINDOW] = DEFAULT_LABELS as [
  (typeof DEFAULT_LABELS)[number],
  (typeof DEFAULT_LABELS)[number],
  (typeof DEFAULT_LABELS)[number],
];
const MOTION = 'attr_vehicle_motion';
const PLATE = 'attr_vehicle_plate';

const f = frameIndex;
const ptsOf = (frame: FrameIndex) => pts(frame * 512);

/** The track a single-change track command leaves behind (null when deleted). */
function after(command: Command | null): Track {
  expect(command).not.toBeNull();
  const change = command!.changes[0]!;
  expect(command!.changes).toHaveLength(1);
  if (change.kind !== 'track' || !change.after) throw new Error('not a track edit');
  return change.after;
}

/** A vehicle track drawn on frame 10, as the app would create it. */
function vehicleTrack(frame = 10, shape = box(10, 20, 100, 50)): Track {
  const doc = emptyDocument(DEFAULT_LABELS);
  return deepFreeze(onlyTrack(applyCommand(doc, drawTrack(doc, frame, shape))));
}

describe('defaultAttributes', () => {
  it('takes the defaults of one scope', () => {
    expect(defaultAttributes(OFFICER, 'track')).toEqual({ attr_officer_agency: 'unknown' });
    expect(defaultAttributes(OFFICER, 'frame')).toEqual({
      attr_officer_holding: false,
      attr_officer_weapon: false,
    });
    expect(defaultAttributes(undefined, 'frame')).toEqual({});
  });
});

describe('createTrack', () => {
  it('makes a track with one drawn keyframe, at the label defaults', () => {
    const doc = emptyDocument(DEFAULT_LABELS);
    const command = createTrack(doc, {
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      label: VEHICLE,
      at: { frame: f(7), pts: pts(3584), frameMd5: 'd41d8cd98f00b204e9800998ecf8427e' },
      shape: box(1, 2, 3, 4),
      now: TEST_NOW,
    });
    expect(command.name).toBe('create track');
    expect(command.changes).toHaveLength(1);
    const change = command.changes[0]!;
    expect(change).toMatchObject({ kind: 'track', before: null });
    const track = after(command);
    expect(change.kind === 'track' && change.id).toBe(track.id);
    expect(track.id).toMatch(/^track_[0-9a-f-]{36}$/);
    expect(track).toMatchObject({
      caseId: TEST_CASE.id,
      number: 1,
      labelId: 'label_vehicle',
      attributes: { attr_vehicle_description: '', attr_vehicle_plate: '' },
      createdAt: TEST_NOW,
      modifiedAt: TEST_NOW,
    });
    expect(track.keyframes).toEqual([
      {
        frame: 7,
        pts: 3584,
        frameMd5: 'd41d8cd98f00b204e9800998ecf8427e',
        shape: box(1, 2, 3, 4),
        origin: 'drawn',
        outside: false,
        occluded: false,
        attributes: { [MOTION]: 'unknown' },
      },
    ]);
  });

  it('uses each label’s own defaults per scope', () => {
    const doc = emptyDocument(DEFAULT_LABELS);
    const officer = after(drawTrack(doc, 0, box(0, 0, 5, 5), 0));
    expect(officer.attributes).toEqual({ attr_officer_agency: 'unknown' });
    expect(officer.keyframes[0]!.attributes).toEqual({
      attr_officer_holding: false,
      attr_officer_weapon: false,
    });
    const window = after(drawTrack(doc, 0, box(0, 0, 5, 5), 2));
    expect(window.labelId).toBe(WINDOW.id);
    expect(window.attributes).toEqual({ attr_window_side: 'unknown' });
    expect(window.keyframes[0]!.attributes).toEqual({ attr_window_glass: 'unknown' });
  });

  it('numbers tracks one past the highest number in the case', () => {
    let doc = emptyDocument(DEFAULT_LABELS);
    for (let i = 0; i < 3; i++) doc = applyCommand(doc, drawTrack(doc, i));
    expect([...doc.tracks.values()].map((t) => t.number)).toEqual([1, 2, 3]);
    const first = [...doc.tracks.values()][0]!;
    doc = applyCommand(doc, deleteTrack(first));
    expect(after(drawTrack(doc, 0)).number).toBe(4);
    expect(new Set([...doc.tracks.keys(), after(drawTrack(doc, 0)).id]).size).toBe(3);
  });

  it('does not change the document it is given', () => {
    const doc = deepFreeze(emptyDocument(DEFAULT_LABELS));
    drawTrack(doc, 3);
    expect(doc.tracks.size).toBe(0);
  });
});

describe('setShapeAt', () => {
  it('adds a drawn keyframe in frame order and interpolates toward it', () => {
    const track = vehicleTrack(10);
    const command = setShapeAt(track, at(30), box(210, 20, 100, 50), LATER);
    expect(command.name).toBe('edit shape');
    const edited = after(command);
    expect(edited.keyframes.map((k) => [k.frame, k.origin])).toEqual([
      [10, 'drawn'],
      [30, 'drawn'],
    ]);
    expect(edited.keyframes[1]).toMatchObject({ pts: 30 * 512, outside: false, occluded: false });
    expect(edited.modifiedAt).toBe(LATER);
    expect(edited.createdAt).toBe(TEST_NOW);
    expect(positionAt(edited, f(20))).toMatchObject({
      source: 'interpolated',
      shape: box(110, 20, 100, 50),
    });
    const change = command.changes[0]!;
    expect(change.kind === 'track' && change.before).toBe(track);
  });

  it('replaces a keyframe on the same frame, propagated or drawn, with a drawn one', () => {
    const track = trackOf(
      key(0, box(0, 0, 10, 10)),
      key(1, box(0, 0, 10, 10), { origin: 'propagated' }),
      key(5, box(50, 0, 10, 10)),
    );
    const onPropagated = after(setShapeAt(track, at(1), box(3, 3, 10, 10), LATER));
    expect(onPropagated.keyframes.map((k) => [k.frame, k.origin])).toEqual([
      [0, 'drawn'],
      [1, 'drawn'],
      [5, 'drawn'],
    ]);
    expect(onPropagated.keyframes[1]!.shape).toEqual(box(3, 3, 10, 10));
    const onDrawn = after(setShapeAt(track, at(5), box(60, 0, 10, 10), LATER));
    expect(onDrawn.keyframes).toHaveLength(3);
    expect(onDrawn.keyframes[2]!.shape).toEqual(box(60, 0, 10, 10));
  });

  it('keeps the flags and attributes in force', () => {
    const track = trackOf(
      key(0, box(0, 0, 10, 10), { occluded: true, attributes: { [MOTION]: 'forward' } }),
    );
    const edited = after(setShapeAt(track, at(4), box(5, 5, 10, 10), LATER));
    expect(edited.keyframes[1]).toMatchObject({
      frame: 4,
      origin: 'drawn',
      outside: false,
      occluded: true,
      attributes: { [MOTION]: 'forward' },
      shape: box(5, 5, 10, 10),
    });
  });

  it('brings an outside track back in view where it is drawn', () => {
    const track = trackOf(
      key(0, box(0, 0, 10, 10), { attributes: { [MOTION]: 'reversing' } }),
      key(5, box(0, 0, 10, 10), { outside: true, attributes: { [MOTION]: 'reversing' } }),
    );
    expect(positionAt(track, f(8))).toBeNull();
    const edited = after(setShapeAt(track, at(8), box(70, 0, 10, 10), LATER));
    expect(edited.keyframes[2]).toMatchObject({
      frame: 8,
      outside: false,
      attributes: { [MOTION]: 'reversing' },
    });
    expect(positionAt(edited, f(6))).toBeNull();
    expect(positionAt(edited, f(9))).toMatchObject({ source: 'held', shape: box(70, 0, 10, 10) });
  });

  it('before the first keyframe starts the track there, in view', () => {
    const track = trackOf(
      key(10, box(0, 0, 10, 10), { occluded: true, attributes: { [MOTION]: 'forward' } }),
    );
    const edited = after(setShapeAt(track, { ...at(2), frameMd5: 'abc' }, box(1, 1, 5, 5), LATER));
    expect(edited.keyframes.map((k) => k.frame)).toEqual([2, 10]);
    expect(edited.keyframes[0]).toEqual({
      frame: 2,
      pts: 1024,
      frameMd5: 'abc',
      shape: box(1, 1, 5, 5),
      origin: 'drawn',
      outside: false,
      occluded: false,
      attributes: { [MOTION]: 'forward' },
    });
    expect(positionAt(edited, f(1))).toBeNull();
    expect(positionAt(edited, f(2))!.source).toBe('drawn');
  });
});

describe('keyframeHere and withKeyframe', () => {
  it('gives the position on a frame as a computed keyframe, null before the first', () => {
    const track = trackOf(key(0, box(0, 0, 10, 10)), key(10, box(100, 0, 10, 10)));
    expect(keyframeHere(track, at(5))).toMatchObject({
      frame: 5,
      origin: 'computed',
      shape: box(50, 0, 10, 10),
    });
    expect(keyframeHere(trackOf(key(3, box(0, 0, 1, 1))), at(2))).toBeNull();
  });

  it('keeps keyframes sorted by frame', () => {
    const track = trackOf(key(0, box(0, 0, 1, 1)), key(20, box(0, 0, 1, 1)));
    const added = withKeyframe(track, key(10, box(5, 5, 1, 1)), LATER);
    expect(added.keyframes.map((k) => k.frame)).toEqual([0, 10, 20]);
    expect(added.modifiedAt).toBe(LATER);
    expect(track.keyframes).toHaveLength(2);
  });
});

describe('toggleFlag', () => {
  it('marks a track outside from a frame on, and back in view later', () => {
    const track = vehicleTrack(10);
    const out = after(toggleFlag(track, at(40), 'outside', LATER));
    expect(out.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [10, false],
      [40, true],
    ]);
    // Frames before it keep their position: the outside keyframe holds the same box.
    expect(positionAt(out, f(39))).toMatchObject({
      source: 'interpolated',
      shape: box(10, 20, 100, 50),
    });
    expect(positionAt(out, f(40))).toBeNull();
    expect(positionAt(out, f(90))).toBeNull();

    const back = after(toggleFlag(out, at(60), 'outside', LATER));
    expect(back.keyframes.map((k) => [k.frame, k.outside])).toEqual([
      [10, false],
      [40, true],
      [60, false],
    ]);
    expect(positionAt(back, f(59))).toBeNull();
    expect(positionAt(back, f(60))).toMatchObject({ shape: box(10, 20, 100, 50) });
    expect(positionAt(back, f(61))).toMatchObject({ source: 'held' });
  });

  it('flips occluded on the current keyframe, keeping its shape', () => {
    const track = vehicleTrack(10);
    const command = toggleFlag(track, at(10), 'occluded', LATER);
    expect(command!.name).toBe('toggle occluded');
    const occluded = after(command);
    expect(occluded.keyframes).toHaveLength(1);
    expect(occluded.keyframes[0]).toMatchObject({
      occluded: true,
      outside: false,
      origin: 'drawn',
      shape: box(10, 20, 100, 50),
    });
    expect(positionAt(occluded, f(12))).toMatchObject({ occluded: true });
    const clear = after(toggleFlag(occluded, at(10), 'occluded', LATER));
    expect(clear.keyframes[0]!.occluded).toBe(false);
  });

  it('between keyframes keeps the interpolated shape, and the other flag', () => {
    const track = trackOf(
      key(0, box(0, 0, 10, 10), { occluded: true }),
      key(10, box(100, 0, 10, 10), { occluded: true }),
    );
    const edited = after(toggleFlag(track, at(4), 'occluded', LATER));
    expect(edited.keyframes[1]).toMatchObject({
      frame: 4,
      shape: box(40, 0, 10, 10),
      occluded: false,
      outside: false,
    });
    for (const frame of [0, 2, 4, 7, 10]) {
      expect(positionAt(edited, f(frame))!.shape).toEqual(
        approx(positionAt(track, f(frame))!.shape),
      );
    }
    expect(positionAt(edited, f(5))!.occluded).toBe(false);
  });

  it('keeps the origin and the frame MD5 of a keyframe already there', () => {
    const track = trackOf(
      key(0, box(0, 0, 10, 10)),
      key(1, box(0, 0, 10, 10), { origin: 'propagated', frameMd5: 'md5-of-frame-1' }),
    );
    expect(after(toggleFlag(track, at(1), 'occluded', LATER)).keyframes[1]).toMatchObject({
      origin: 'propagated',
      frameMd5: 'md5-of-frame-1',
      occluded: true,
    });
  });

  it('is null before the first keyframe', () => {
    const track = vehicleTrack(10);
    expect(toggleFlag(track, at(5), 'outside', LATER)).toBeNull();
    expect(toggleFlag(track, at(9), 'occluded', LATER)).toBeNull();
  });
});

describe('propagate', () => {
  it('copies the shape onto the next frames as propagated keyframes', () => {
    const track = trackOf(
      key(10, box(1, 2, 3, 4), {
        occluded: true,
        frameMd5: 'md5',
        attributes: { [MOTION]: 'forward' },
      }),
    );
    const command = propagate(track, at(10), 3, 299, ptsOf, LATER);
    expect(command!.name).toBe('propagate to 3 frames');
    const spread = after(command);
    expect(spread.modifiedAt).toBe(LATER);
    // The source keyframe stays as it was (provenance and frame MD5 kept).
    expect(spread.keyframes[0]).toEqual(track.keyframes[0]);
    expect(spread.keyframes.slice(1)).toEqual(
      [11, 12, 13].map((frame) => ({
        frame,
        pts: frame * 512,
        frameMd5: null,
        shape: box(1, 2, 3, 4),
        origin: 'propagated',
        outside: false,
        occluded: true,
        attributes: { [MOTION]: 'forward' },
      })),
    );
    expect(positionAt(spread, f(13))!.source).toBe('propagated');
    expect(positionAt(spread, f(14))!.source).toBe('held');
  });

  it('stops at the last frame', () => {
    const track = vehicleTrack(10);
    const command = propagate(track, at(10), 50, 12, ptsOf, LATER);
    expect(command!.name).toBe('propagate to 2 frames');
    expect(after(command).keyframes.map((k) => k.frame)).toEqual([10, 11, 12]);
    expect(propagate(track, at(12), 5, 12, ptsOf, LATER)).toBeNull();
  });

  it('stops before the next keyframe, keeping it and everything after it', () => {
    const a = box(0, 0, 10, 10);
    const drawn = box(99, 99, 10, 10);
    const track = trackOf(key(0, a), key(3, drawn), key(6, a, { outside: true }));
    const spread = after(propagate(track, at(0), 10, 100, ptsOf, LATER));
    expect(spread.keyframes.map((k) => [k.frame, k.origin, k.outside])).toEqual([
      [0, 'drawn', false],
      [1, 'propagated', false],
      [2, 'propagated', false],
      [3, 'drawn', false],
      [6, 'drawn', true],
    ]);
    expect(spread.keyframes[3]!.shape).toEqual(drawn);
  });

  it('from between keyframes keeps earlier frames where they were', () => {
    const track = trackOf(key(0, box(0, 0, 10, 10)), key(20, box(200, 0, 10, 10)));
    const spread = after(propagate(track, at(10), 3, 100, ptsOf, LATER));
    expect(spread.keyframes.map((k) => [k.frame, k.origin])).toEqual([
      [0, 'drawn'],
      [10, 'computed'],
      [11, 'propagated'],
      [12, 'propagated'],
      [13, 'propagated'],
      [20, 'drawn'],
    ]);
    expect(positionAt(spread, f(5))!.shape).toEqual(approx(box(50, 0, 10, 10)));
    expect(positionAt(spread, f(13))!.shape).toEqual(approx(box(100, 0, 10, 10)));
  });

  it('is null when there is nothing to copy', () => {
    const track = trackOf(key(5, box(0, 0, 10, 10)), key(8, box(0, 0, 10, 10), { outside: true }));
    expect(propagate(track, at(2), 3, 100, ptsOf, LATER)).toBeNull();
    expect(propagate(track, at(9), 3, 100, ptsOf, LATER)).toBeNull();
    expect(propagate(track, at(8), 3, 100, ptsOf, LATER)).toBeNull();
    expect(propagate(track, at(5), 0, 100, ptsOf, LATER)).toBeNull();
    const allDrawn = trackOf(key(0, box(0, 0, 1, 1)), key(1, box(1, 1, 1, 1)));
    expect(propagate(allDrawn, at(0), 1, 100, ptsOf, LATER)).toBeNull();
  });
});

describe('deleteTrack', () => {
  it('removes the track, and undoes back to the same document', () => {
    let doc = emptyDocument(DEFAULT_LABELS);
    doc = applyCommand(doc, drawTrack(doc, 1));
    doc = deepFreeze(applyCommand(doc, drawTrack(doc, 2)));
    const second = [...doc.tracks.values()][1]!;
    const command = deleteTrack(second);
    expect(command).toEqual({
      name: 'delete track',
      changes: [{ kind: 'track', id: second.id, before: second, after: null }],
    });
    const deleted = applyCommand(doc, command);
    expect([...deleted.tracks.keys()]).not.toContain(second.id);
    expect(deleted.tracks.size).toBe(1);
    const restored = applyCommand(deleted, invert(command));
    expect(restored.tracks.get(second.id)).toBe(second);
    expect(restored).toEqual(doc);
  });
});

describe('setTrackAttribute', () => {
  it('sets one per-track value, keeping the others and the keyframes', () => {
    const track = vehicleTrack();
    const edited = after(setTrackAttribute(track, PLATE, 'AB12 CDE', LATER));
    expect(edited.attributes).toEqual({ attr_vehicle_description: '', [PLATE]: 'AB12 CDE' });
    expect(edited.keyframes).toBe(track.keyframes);
    expect(edited.modifiedAt).toBe(LATER);
    expect(track.attributes[PLATE]).toBe('');
  });
});

describe('setFrameAttribute', () => {
  const a = box(0, 0, 10, 10);
  const b = box(200, 0, 10, 10);
  const track = deepFreeze(
    trackOf(
      key(0, a, { attributes: { [MOTION]: 'unknown' } }),
      key(20, b, { attributes: { [MOTION]: 'stationary' } }),
    ),
  );
  const valueOn = (t: Track, frame: number) => positionAt(t, f(frame))!.keyframe.attributes[MOTION];

  it('sets the value from this frame on; earlier frames keep theirs', () => {
    const edited = after(setFrameAttribute(track, at(10), MOTION, 'reversing', LATER));
    expect(edited.keyframes.map((k) => [k.frame, k.attributes[MOTION]])).toEqual([
      [0, 'unknown'],
      [10, 'reversing'],
      [20, 'stationary'],
    ]);
    for (let frame = 0; frame < 10; frame++) expect(valueOn(edited, frame)).toBe('unknown');
    for (let frame = 10; frame < 20; frame++) expect(valueOn(edited, frame)).toBe('reversing');
    expect(valueOn(edited, 25)).toBe('stationary');
  });

  it('keeps the shape in force on every frame', () => {
    const edited = after(setFrameAttribute(track, at(5), MOTION, 'forward', LATER));
    expect(edited.keyframes[1]).toMatchObject({
      frame: 5,
      origin: 'computed',
      shape: box(50, 0, 10, 10),
    });
    for (let frame = 0; frame <= 25; frame++) {
      expect(positionAt(edited, f(frame))!.shape).toEqual(
        approx(positionAt(track, f(frame))!.shape),
      );
    }
  });

  it('on a keyframe changes that keyframe only, keeping its origin and other values', () => {
    const propagated = trackOf(
      key(0, a),
      key(1, a, { origin: 'propagated', attributes: { [MOTION]: 'forward', other: true } }),
    );
    const edited = after(setFrameAttribute(propagated, at(1), MOTION, 'reversing', LATER));
    expect(edited.keyframes).toHaveLength(2);
    expect(edited.keyframes[1]).toMatchObject({
      origin: 'propagated',
      attributes: { [MOTION]: 'reversing', other: true },
    });
  });

  it('is null before the first keyframe', () => {
    expect(setFrameAttribute(vehicleTrack(10), at(3), MOTION, 'forward', LATER)).toBeNull();
  });

  it('carries on through later keyframes that held the old value, up to one set otherwise', () => {
    const HOLDING = 'attr_officer_holding';
    const officer = deepFreeze(
      trackOf(
        key(0, a, { attributes: { [HOLDING]: false } }),
        key(30, b, { attributes: { [HOLDING]: false } }),
        key(45, b, { attributes: { [HOLDING]: true } }),
        key(60, a, { attributes: { [HOLDING]: false } }),
      ),
    );
    const edited = after(setFrameAttribute(officer, at(0), HOLDING, true, LATER));
    expect(edited.keyframes.map((k) => [k.frame, k.attributes[HOLDING]])).toEqual([
      [0, true],
      [30, true], // drawn before the tick, holding the old value: carried on
      [45, true], // set on its own: kept
      [60, false], // after a keyframe set otherwise: kept
    ]);
    // Unticked again from 30: 45 was set on its own (true), so it stays.
    const untick = after(setFrameAttribute(edited, at(30), HOLDING, false, LATER));
    expect(untick.keyframes.map((k) => [k.frame, k.attributes[HOLDING]])).toEqual([
      [0, true],
      [30, false],
      [45, false],
      [60, false],
    ]);
  });

  it('a keyframe drawn later starts from the values in force on its frame', () => {
    const HOLDING = 'attr_officer_holding';
    const officer = trackOf(key(0, a, { attributes: { [HOLDING]: false, other: 'x' } }));
    const ticked = after(setFrameAttribute(officer, at(0), HOLDING, true, LATER));
    const drawn = after(setShapeAt(ticked, at(30), b, LATER));
    expect(drawn.keyframes[1]).toMatchObject({
      frame: 30,
      origin: 'drawn',
      attributes: { [HOLDING]: true, other: 'x' },
    });
  });
});

describe('relabelTrack', () => {
  it('moves the track to another label at that label’s defaults, keeping the shapes', () => {
    const track = after(
      setShapeAt(
        after(setTrackAttribute(vehicleTrack(10), PLATE, 'X', TEST_NOW)),
        at(20),
        box(5, 5, 5, 5),
        TEST_NOW,
      ),
    );
    const command = relabelTrack(track, OFFICER, LATER);
    expect(command.name).toBe('change label');
    const relabelled = after(command);
    expect(relabelled.labelId).toBe(OFFICER.id);
    expect(relabelled.attributes).toEqual({ attr_officer_agency: 'unknown' });
    expect(relabelled.keyframes.map((k) => k.attributes)).toEqual([
      { attr_officer_holding: false, attr_officer_weapon: false },
      { attr_officer_holding: false, attr_officer_weapon: false },
    ]);
    expect(relabelled.keyframes.map((k) => k.shape)).toEqual(track.keyframes.map((k) => k.shape));
    expect(relabelled.number).toBe(track.number);
    expect(relabelled.modifiedAt).toBe(LATER);
  });
});

describe('deleteKeyframe', () => {
  it('removes a keyframe, so the track interpolates across it', () => {
    const track = trackOf(
      key(0, box(0, 0, 10, 10)),
      key(5, box(999, 0, 10, 10)),
      key(10, box(100, 0, 10, 10)),
    );
    const command = deleteKeyframe(track, f(5), LATER);
    expect(command!.name).toBe('delete keyframe');
    const edited = after(command);
    expect(edited.keyframes.map((k) => k.frame)).toEqual([0, 10]);
    expect(positionAt(edited, f(5))).toMatchObject({
      source: 'interpolated',
      shape: box(50, 0, 10, 10),
    });
    expect(edited.modifiedAt).toBe(LATER);
  });

  it('refuses the last keyframe, and frames without one', () => {
    expect(deleteKeyframe(trackOf(key(3, box(0, 0, 1, 1))), f(3), LATER)).toBeNull();
    const two = trackOf(key(0, box(0, 0, 1, 1)), key(5, box(0, 0, 1, 1)));
    expect(deleteKeyframe(two, f(2), LATER)).toBeNull();
  });
});
