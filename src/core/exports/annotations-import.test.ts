import { describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand } from '../evidence/audit';
import {
  createTrack,
  setFrameAttribute,
  setShapeAt,
  setTrackAttribute,
  propagate,
  toggleFlag,
} from '../annotations/commands';
import { createEvent, createNote } from '../annotations/event-note-commands';
import { buildAnnotationsExport } from './export-json';
import type { AnnotationsExport } from './export-json-format';
import { applyCommand, buildDocument, emptyDocument, type Command } from '../annotations/history';
import { pts, type AttributeId, type FrameIndex, type LabelId, type SetId } from '../ids';
import { MAX_PROBLEMS } from '../json-guard';
import { DEFAULT_LABELS, type Label, type Shape, type Track } from '../annotations/model';
import { at, box, TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET } from '../test-support';
import { parseAnnotationsExport, type ImportedNative } from './annotations-import';
import { importedToRecords } from './imported-records';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SCRIPT = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

/** One shape of each of the seven kinds. */
const SHAPES: readonly Shape[] = [
  box(10, 20, 100, 50),
  { kind: 'ellipse', cx: 50, cy: 60, rx: 20, ry: 10, rotation: 45 },
  {
    kind: 'polygon',
    points: [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 5, y: 8.5 },
    ],
  },
  {
    kind: 'polyline',
    points: [
      { x: -3, y: 4 },
      { x: 30, y: 40 },
    ],
  },
  { kind: 'points', points: [{ x: 1.5, y: 2.25 }] },
  { kind: 'arrow', from: { x: 0, y: 0 }, to: { x: 100, y: 80 } },
  { kind: 'text', x: 5, y: 5, text: SCRIPT, fontSize: 24 },
];

/** A label of the case's own, with an attribute of each type. */
const DOG: Label = {
  id: 'label_dog' as LabelId,
  name: 'dog',
  color: '#00ff00',
  attributes: [
    {
      id: 'attr_dog_name' as AttributeId,
      name: 'name',
      type: 'text',
      scope: 'track',
      options: [],
      defaultValue: '',
    },
    {
      id: 'attr_dog_age' as AttributeId,
      name: 'age',
      type: 'number',
      scope: 'track',
      options: [],
      defaultValue: 0,
    },
    {
      id: 'attr_dog_gait' as AttributeId,
      name: 'gait',
      type: 'select',
      scope: 'frame',
      options: ['walk', 'run'],
      defaultValue: 'walk',
    },
    {
      id: 'attr_dog_barking' as AttributeId,
      name: 'barking',
      type: 'checkbox',
      scope: 'frame',
      options: [],
      defaultValue: false,
    },
  ],
};
const LABELS = [...DEFAULT_LABELS, DOG];

/**
 * A case as the app makes it: a track of each shape kind (the dog's is the polygon), with
 * attributes set, a propagated run, flags (computed keyframes), two events, two notes, and
 * every command in the audit log.
 */
async function richCase() {
  const commands: Command[] = [];
  let doc = emptyDocument(LABELS);
  const run = (command: Command | null) => {
    expect(command).not.toBeNull();
    commands.push(command!);
    doc = applyCommand(doc, command!);
  };
  SHAPES.forEach((shape, i) =>
    run(
      createTrack(doc, {
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        label: LABELS[i === 2 ? 3 : i % 3]!,
        at: at(3 + i),
        shape,
        now: TEST_NOW,
      }),
    ),
  );
  const track = (n: number) => [...doc.tracks.values()].find((t) => t.number === n)!;
  const ptsOf = (f: FrameIndex) => pts(f * 512);
  run(setShapeAt(track(1), { ...at(3), frameMd5: MD5 }, box(10, 20, 100, 50), TEST_NOW));
  run(propagate(track(1), at(3), 2, 299, ptsOf, TEST_NOW));
  run(setShapeAt(track(1), at(10), { ...box(40, 20, 100, 50), rotation: 30 }, TEST_NOW));
  run(toggleFlag(track(1), at(12), 'occluded', TEST_NOW));
  run(toggleFlag(track(1), at(15), 'outside', TEST_NOW));
  run(setTrackAttribute(track(3), 'attr_dog_name', SCRIPT, TEST_NOW));
  run(setTrackAttribute(track(3), 'attr_dog_age', 4.5, TEST_NOW));
  run(setFrameAttribute(track(3), at(8), 'attr_dog_gait', 'run', TEST_NOW));
  run(setFrameAttribute(track(3), at(9), 'attr_dog_barking', true, TEST_NOW));
  run(setTrackAttribute(track(2), 'attr_vehicle_plate', 'AB 123', TEST_NOW));
  const base = { caseId: TEST_CASE.id, setId: TEST_SET.id, now: TEST_NOW };
  run(createEvent({ ...base, labelId: DOG.id, start: at(8), end: at(20), description: SCRIPT }));
  run(
    createEvent({
      ...base,
      labelId: null,
      start: at(2),
      end: { ...at(2), pts: null },
      description: 'x',
    }),
  );
  run(createNote({ ...base, at: at(5), kind: 'observation', text: SCRIPT }));
  run(createNote({ ...base, at: { ...at(6), pts: null }, kind: 'interpretation', text: 'pushed' }));
  const audit = await appendEntries(
    null,
    commands.flatMap((command) =>
      entriesForCommand(command, {
        caseId: TEST_CASE.id,
        at: TEST_NOW,
        examiner: 'A. Examiner',
        appVersion: '0.1.0',
        kind: 'do',
      }),
    ),
  );
  return { doc, audit };
}

const { doc: DOC, audit: AUDIT } = await richCase();

function exportOf(document = DOC, audit = AUDIT): AnnotationsExport {
  return buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: { ...TEST_CASE, labels: LABELS },
    annotationSet: TEST_SET,
    document,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg (ffmpeg.wasm, single-thread core)', version: '0.12.10' },
    audit,
    now: '2026-02-02T00:00:00.000Z',
    framePts: (frame) => frame * 512,
    frameMd5: (frame) => (frame === 3 ? MD5 : null),
  });
}

const TEXT = JSON.stringify(exportOf());
type Json = Record<string, unknown>;

/** The export as plain JSON, changed by `edit`, as text. */
function edited(
  edit: (json: Json & { tracks: Json[]; audit: { entries: Json[]; count: number } }) => void,
) {
  const json = JSON.parse(TEXT) as Json & {
    tracks: Json[];
    audit: { entries: Json[]; count: number };
  };
  edit(json);
  return JSON.stringify(json);
}

async function imported(text: string): Promise<ImportedNative> {
  const result = await parseAnnotationsExport(text);
  if (!result.ok) throw new Error(`refused: ${result.problems.join(' | ')}`);
  return result.document;
}

async function problemsOf(text: string): Promise<string[]> {
  const result = await parseAnnotationsExport(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

/** A record without what an import gives anew: ids, set, times. */
const bare = <T extends { id: string; setId: SetId; createdAt: string; modifiedAt: string }>(
  record: T,
) => {
  const { id, setId, createdAt, modifiedAt, ...rest } = record;
  void [id, setId, createdAt, modifiedAt];
  return rest;
};

let counter = 0;
const counting =
  <T>(prefix: string) =>
  () =>
    `${prefix}_${++counter}` as T;
const NEW_IDS = {
  track: counting<Track['id']>('track'),
  event: counting<never>('event'),
  note: counting<never>('note'),
  label: counting<LabelId>('label'),
  attribute: counting<AttributeId>('attr'),
};
const NEW_SET = 'set_imported' as SetId;

describe('round trip: export → JSON → import → records', () => {
  it('gives back the same tracks, events and notes (ids and times aside)', async () => {
    const document = await imported(TEXT);
    const records = importedToRecords(document, {
      caseId: TEST_CASE.id,
      setId: NEW_SET,
      labels: LABELS,
      now: '2026-03-03T00:00:00.000Z',
      newIds: NEW_IDS,
    });
    expect(records.warnings).toEqual([]);
    expect(records.labelsToAdd).toEqual([]);
    const byNumber = [...DOC.tracks.values()].sort((a, b) => a.number - b.number);
    expect(records.tracks.map(bare)).toEqual(byNumber.map(bare));
    expect(records.tracks.every((t) => t.setId === NEW_SET)).toBe(true);
    const sortedEvents = [...DOC.events.values()].sort((a, b) => a.startFrame - b.startFrame);
    expect(records.events.map(bare)).toEqual(sortedEvents.map(bare));
    const sortedNotes = [...DOC.notes.values()].sort((a, b) => a.frame - b.frame);
    expect(records.notes.map(bare)).toEqual(sortedNotes.map(bare));
    // What was tested is what the fixture promises: every kind, provenance and flag.
    const keyframes = byNumber.flatMap((t) => t.keyframes);
    expect(new Set(keyframes.map((k) => k.shape.kind)).size).toBe(7);
    expect(new Set(keyframes.map((k) => k.origin))).toEqual(
      new Set(['drawn', 'propagated', 'computed']),
    );
    expect(keyframes.some((k) => k.outside) && keyframes.some((k) => k.occluded)).toBe(true);
  });

  it('into a case without the file’s label: the label comes with fresh ids, the export reads the same', async () => {
    const document = await imported(TEXT);
    const records = importedToRecords(document, {
      caseId: TEST_CASE.id,
      setId: NEW_SET,
      labels: DEFAULT_LABELS,
      now: TEST_NOW,
      newIds: NEW_IDS,
    });
    expect(records.labelsToAdd).toHaveLength(1);
    const dog = records.labelsToAdd[0]!;
    expect(dog).toMatchObject({ name: 'dog', color: '#00ff00' });
    expect(dog.id).not.toBe(DOG.id);
    expect(dog.attributes.map(({ id, ...rest }) => (void id, rest))).toEqual(
      DOG.attributes.map(({ id, ...rest }) => (void id, rest)),
    );
    const again = exportOf(buildDocument({ ...records, labels: [...DEFAULT_LABELS, dog] }));
    const strip = (out: AnnotationsExport) => ({
      tracks: out.tracks.map(({ id, ...rest }) => (void id, rest)),
      events: out.events.map(({ id, ...rest }) => (void id, rest)),
      notes: out.notes.map(({ id, ...rest }) => (void id, rest)),
      frames: out.frames,
    });
    expect(strip(again)).toEqual(strip(exportOf()));
  });

  it('gives the file’s facts: evidence, case, set, generator, audit head; text stays text', async () => {
    const document = await imported(TEXT);
    expect(document.format).toBe('framewise.annotations');
    expect(document.evidenceSha256).toBe(TEST_EVIDENCE.sha256);
    expect(document.source).toEqual({
      fileName: 'cctv.mp4',
      width: 704,
      height: 576,
      frameCount: 300,
    });
    expect(document.annotationSet).toMatchObject({ id: TEST_SET.id, annotator: 'Test Examiner' });
    expect(document.upgradedFrom).toBeNull();
    expect(document.audit).toEqual({ count: AUDIT.length, headHash: AUDIT.at(-1)!.hash });
    expect(document.notes.find((n) => n.kind === 'observation')!.text).toBe(SCRIPT);
    expect(document.tracks[2]!.attributes).toEqual({ name: SCRIPT, age: 4.5 });
  });
});

describe('what is not an annotations export', () => {
  it('refuses other JSON in plain words', async () => {
    expect(await problemsOf('[1]')).toEqual([
      'The file is JSON, but not a Framewise annotations export: it holds a list, not an object.',
    ]);
    expect(await problemsOf('{"format": "framewise.backup", "version": 2}')).toEqual([
      'This is a Framewise backup, not an annotations export: it holds whole cases. Restore it from the Cases screen.',
    ]);
    expect(await problemsOf('{"format": "cvat"}')).toEqual([
      'The file is JSON, but not a Framewise annotations export: its format is "cvat".',
    ]);
    expect(await problemsOf('{"format": "framewise.annotations", "version": 7}')).toEqual([
      'This annotations export is version 7, made by a newer Framewise; this one reads versions up to 6. Update Framewise, then import it.',
    ]);
    expect(await problemsOf('{"format": "framewise.annotations", "version": "3"}')).toEqual([
      'This annotations export\'s version is "3"; this Framewise reads versions 1 to 6.',
    ]);
  });

  it('refuses malformed and truncated JSON', async () => {
    expect(await problemsOf(TEXT.slice(0, TEXT.length / 2))).toEqual([
      expect.stringMatching(/^The file is not complete JSON \(it ends at character [\d,]+\)/),
    ]);
    expect(await problemsOf('{\n  "format": "framewise.annotations",\n}')).toEqual([
      expect.stringMatching(
        /^The file is not valid JSON at line 3, column 1, so it is not a Framewise annotations export \(the reader said: /,
      ),
    ]);
    expect(await problemsOf('')).toEqual(['The file is empty.']);
  });

  it('refuses 50 MB of nesting at once, before parsing', async () => {
    const started = performance.now();
    expect(await problemsOf('['.repeat(50_000_000))).toEqual([
      expect.stringMatching(
        /^The file nests lists or objects more than 64 levels deep \(at character 65\)\. A Framewise annotations export never does/,
      ),
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses text over the size limit', async () => {
    const result = await parseAnnotationsExport(TEXT, { maxChars: 100, maxDepth: 64 });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^The file is too large to be a Framewise annotations export: [\d,]+ characters, and an annotations export is at most 100\.$/,
        ),
      ],
    });
  });

  it('never throws, whatever the JSON', async () => {
    const hostile = [
      'null',
      '1',
      '"x"',
      'true',
      '{}',
      '{"format": "framewise.annotations"}',
      '{"format": "framewise.annotations", "version": 3, "tracks": [null, 1, {"keyframes": "x"}]}',
      '{"format": "framewise.annotations", "version": 2, "tracks": [{"keyframes": [null, {"frame": -1}]}], "evidence": 5}',
      '{"format": "framewise.annotations", "version": 1, "tracks": "x", "labels": [1], "case": []}',
      edited((json) => {
        (json as Json).audit = { entries: [null, 'x'], headHash: 1, count: -1 };
      }),
      edited((json) => {
        json.tracks[0]!.keyframes = [{ shape: { kind: 'hexagon' } }];
      }),
      '{"format": "framewise.annotations", "version": 3, "__proto__": {"polluted": 1}}',
    ];
    for (const text of hostile) {
      const result = await parseAnnotationsExport(text);
      expect(result.ok).toBe(false);
    }
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe('schema problems, by JSON path in plain words', () => {
  it('names wrong types and values', async () => {
    const text = edited((json) => {
      (json.tracks[3]!.keyframes as Json[])[0]!.frame = -1;
      (json.tracks[0]!.keyframes as Json[])[1]!.outside = 'yes';
      json.exportedAt = 'yesterday';
      json.tracks[1]!.label = 5;
    });
    expect(await problemsOf(text)).toEqual([
      'exportedAt must be a time in ISO 8601 UTC, like 2026-01-31T13:45:00.000Z; it is "yesterday".',
      'tracks[0].keyframes[1].outside must be true or false; it is "yes".',
      'tracks[1].label must be text of at most 1,000 characters; it is 5.',
      'tracks[3].keyframes[0].frame must be a whole number ≥ 0 and ≤ 1,000,000,000; it is -1.',
    ]);
  });

  it('refuses numbers too large to hold (1e400)', async () => {
    const text = TEXT.replace('"cx":50', '"cx":1e400');
    expect(text).toContain('1e400');
    expect(await problemsOf(text)).toEqual([
      'tracks[1].keyframes[0].shape.cx must be a number from -10,000,000 to 10,000,000 (frame pixels); it is a number too large to hold.',
    ]);
  });

  it('refuses unknown fields, missing fields and unknown shape kinds', async () => {
    const text = edited((json) => {
      json.extra = 1;
      delete json.frames;
      (json.tracks[0]!.keyframes as Json[])[0]!.shape = { kind: 'hexagon' };
    });
    expect(await problemsOf(text)).toEqual([
      'frames is missing.',
      'The file has a field "extra", which a Framewise annotations export does not have.',
      'tracks[0].keyframes[0].shape.kind must be one of rectangle, ellipse, polygon, polyline, points, arrow, text; it is "hexagon".',
    ]);
  });

  it('lists at most MAX_PROBLEMS problems of a file of a million bad positions', async () => {
    const text = edited((json) => {
      json.tracks[0]!.positions = Array.from({ length: 1_000_000 }, () => ({ frame: 'x' }));
    });
    const problems = await problemsOf(text);
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(problems.at(-1)).toBe(`…and more problems; the first ${MAX_PROBLEMS - 1} are listed.`);
  });
});

describe('what a schema cannot check', () => {
  it('refuses keyframes out of order, unknown labels, events ending before they start, frames past the end', async () => {
    const text = edited((json) => {
      const keyframes = json.tracks[0]!.keyframes as Json[];
      keyframes[1]!.frame = 3;
      json.tracks[1]!.label = 'horse';
      const events = json.events as { start: Json; end: Json }[];
      events[1]!.end.frame = 1;
      (json.notes as Json[])[0]!.frame = 300;
    });
    expect(await problemsOf(text)).toEqual([
      'tracks[0].keyframes[1] (frame 3) does not come after the keyframe before it (frame 3); keyframes must be in frame order, once each.',
      'tracks[1].label "horse" is not one of the file\'s labels.',
      'events[1] ends (frame 1) before it starts (frame 8).',
      "notes[0].frame is frame 300, past the video's last frame (frame 299).",
    ]);
  });

  it('refuses a changed audit entry', async () => {
    const text = edited((json) => {
      json.audit.entries[2]!.examiner = 'Someone Else';
    });
    expect(await problemsOf(text)).toEqual([
      'The audit log is broken at entry 2 (audit.entries[2]): entry 2 was changed: its hash does not match its contents. The file was changed after it was exported, or is damaged.',
    ]);
  });

  it('refuses an audit log cut short, or whose last entry was replaced', async () => {
    const cut = edited((json) => {
      json.audit.entries.pop();
    });
    expect(await problemsOf(cut)).toEqual([
      `The audit log has ${AUDIT.length - 1} entries, but the file says ${AUDIT.length} entries: entries were removed from its end.`,
    ]);
    const shorter = AUDIT.slice(0, -1);
    const replaced = edited((json) => {
      json.audit.entries = JSON.parse(JSON.stringify(shorter)) as Json[];
      json.audit.count = shorter.length;
    });
    expect(await problemsOf(replaced)).toEqual([
      'The audit log does not end with the entry the file says it ends with (audit.headHash): its last entry was replaced.',
    ]);
  });
});
