import { describe, expect, it } from 'vitest';
import { createRectangleTrack, rectangleFromCorners, setKeyframe, toggleFlag } from './commands';
import {
  applyCommand,
  invert,
  emptyDocument,
  emptyHistory,
  recordCommand,
  redoStep,
  undoStep,
  MAX_UNDO_STEPS,
  type AnnotationDocument,
  type History,
} from './history';
import { frameIndex, pts } from './ids';
import { DEFAULT_LABELS } from './model';
import { TEST_CASE } from './test-support';
import { trackTitle, visibleAt } from './tracks';

const box = rectangleFromCorners({ x: 10, y: 20 }, { x: 110, y: 70 }, { width: 704, height: 576 });

function drawBox(doc: AnnotationDocument, frame: number) {
  return createRectangleTrack(doc, {
    caseId: TEST_CASE.id,
    labelId: DEFAULT_LABELS[1]!.id,
    frame: frameIndex(frame),
    pts: pts(frame * 512),
    frameMd5: null,
    shape: box,
    now: '2026-01-01T00:00:00.000Z',
  });
}

describe('commands and history', () => {
  it('creates numbered tracks that show from their keyframe on', () => {
    let doc = emptyDocument();
    doc = applyCommand(doc, drawBox(doc, 5));
    doc = applyCommand(doc, drawBox(doc, 7));
    const tracks = [...doc.tracks.values()];
    expect(tracks.map((t) => t.number)).toEqual([1, 2]);
    expect(trackTitle(DEFAULT_LABELS, tracks[0]!)).toBe('vehicle #1');
    expect(visibleAt(doc.tracks.values(), frameIndex(4))).toHaveLength(0);
    const at6 = visibleAt(doc.tracks.values(), frameIndex(6));
    expect(at6).toHaveLength(1);
    expect(at6[0]!.drawn).toBe(false);
    expect(visibleAt(doc.tracks.values(), frameIndex(7)).map((r) => r.drawn)).toEqual([
      false,
      true,
    ]);
  });

  it('undoes and redoes back to the same document, without mutating it', () => {
    let doc = emptyDocument();
    let history: History = emptyHistory();
    const command = drawBox(doc, 3);
    const before = doc;
    doc = applyCommand(doc, command);
    history = recordCommand(history, command);
    expect(before.tracks.size).toBe(0);

    const undo = undoStep(history)!;
    const undone = applyCommand(doc, undo.command);
    expect(undone.tracks.size).toBe(0);
    expect(undo.history.past).toHaveLength(0);

    const redo = redoStep(undo.history)!;
    const redone = applyCommand(undone, redo.command);
    expect([...redone.tracks.values()]).toEqual([...doc.tracks.values()]);
    expect(redoStep(redo.history)).toBeNull();
  });

  it('a new command clears the redo stack, and history is bounded', () => {
    let history = emptyHistory();
    const doc = emptyDocument();
    history = recordCommand(history, drawBox(doc, 1));
    history = undoStep(history)!.history;
    history = recordCommand(history, drawBox(doc, 2));
    expect(history.future).toHaveLength(0);
    for (let i = 0; i < MAX_UNDO_STEPS + 5; i++) history = recordCommand(history, drawBox(doc, i));
    expect(history.past).toHaveLength(MAX_UNDO_STEPS);
    expect(MAX_UNDO_STEPS).toBeGreaterThanOrEqual(500);
  });

  it('makes a rectangle from corners dragged in any direction, clamped to the frame', () => {
    expect(
      rectangleFromCorners({ x: 50, y: 60 }, { x: -5, y: 10.5 }, { width: 40, height: 100 }),
    ).toEqual({ kind: 'rectangle', x: 0, y: 10.5, width: 40, height: 49.5 });
  });
});

describe('setKeyframe', () => {
  it('adds a keyframe in frame order, replaces one on the same frame, and undoes cleanly', () => {
    let doc = emptyDocument();
    doc = applyCommand(doc, drawBox(doc, 10));
    const track = [...doc.tracks.values()][0]!;
    const at30 = { ...track.keyframes[0]!, frame: frameIndex(30), shape: { ...box, x: 200 } };
    const add = setKeyframe(track, at30, '2026-01-02T00:00:00.000Z');
    const withTwo = applyCommand(doc, add);
    const updated = withTwo.tracks.get(track.id)!;
    expect(updated.keyframes.map((k) => k.frame)).toEqual([10, 30]);
    expect(updated.modifiedAt).toBe('2026-01-02T00:00:00.000Z');
    const at20 = visibleAt(withTwo.tracks.values(), frameIndex(20))[0]!;
    expect(at20.source).toBe('interpolated');
    expect(at20.shape).toMatchObject({ x: (box.x + 200) / 2 });

    const earlier = { ...at30, frame: frameIndex(5) };
    const replaced = setKeyframe(updated, { ...at30, shape: { ...box, x: 300 } }, 'now');
    expect(replaced.changes[0]!.after!.keyframes.map((k) => [k.frame, k.shape.x])).toEqual([
      [10, box.x],
      [30, 300],
    ]);
    expect(
      setKeyframe(updated, earlier, 'now').changes[0]!.after!.keyframes.map((k) => k.frame),
    ).toEqual([5, 10, 30]);
    expect(applyCommand(withTwo, invert(add)).tracks.get(track.id)).toEqual(track);
  });
});

describe('toggleFlag', () => {
  it('marks a track outside from a frame on, and back in view later', () => {
    let doc = emptyDocument();
    doc = applyCommand(doc, drawBox(doc, 10));
    const track = [...doc.tracks.values()][0]!;
    const out = toggleFlag(track, frameIndex(40), pts(40 * 512), 'outside', 'now')!;
    doc = applyCommand(doc, out);
    expect(visibleAt(doc.tracks.values(), frameIndex(39))).toHaveLength(1);
    expect(visibleAt(doc.tracks.values(), frameIndex(40))).toHaveLength(0);
    expect(visibleAt(doc.tracks.values(), frameIndex(90))).toHaveLength(0);
    const back = toggleFlag(doc.tracks.get(track.id)!, frameIndex(60), null, 'outside', 'now')!;
    doc = applyCommand(doc, back);
    expect(visibleAt(doc.tracks.values(), frameIndex(60))[0]!.shape).toEqual(box);
    expect(toggleFlag(track, frameIndex(5), null, 'outside', 'now')).toBeNull();
  });

  it('flips occluded on the current frame, keeping the shape', () => {
    let doc = emptyDocument();
    doc = applyCommand(doc, drawBox(doc, 10));
    const track = [...doc.tracks.values()][0]!;
    doc = applyCommand(doc, toggleFlag(track, frameIndex(10), null, 'occluded', 'now')!);
    const at12 = visibleAt(doc.tracks.values(), frameIndex(12))[0]!;
    expect(at12.occluded).toBe(true);
    expect(doc.tracks.get(track.id)!.keyframes).toHaveLength(1);
  });
});
