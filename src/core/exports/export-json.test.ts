import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand, type AuditEntry } from '../evidence/audit';
import {
  propagate,
  setFrameAttribute,
  setShapeAt,
  setTrackAttribute,
  toggleFlag,
} from '../annotations/commands';
import { createEvent, createNote } from '../annotations/event-note-commands';
import {
  buildAnnotationsExport,
  exportFileName,
  safeNamePart,
  storedFramePts,
} from './export-json';
import { pathProblem } from './evidence-package';
import { ANNOTATIONS_FORMAT, ANNOTATIONS_VERSION } from './export-json-format';
import {
  applyCommand,
  buildDocument,
  emptyDocument,
  type AnnotationDocument,
  type Command,
} from '../annotations/history';
import { pts, type FrameIndex, type LabelId, type TrackId } from '../ids';
import { DEFAULT_LABELS, type Track } from '../annotations/model';
import schema from '../schemas/annotations.schema.json';
import {
  approx,
  at,
  box,
  deepFreeze,
  drawTrack,
  key,
  TEST_CASE,
  TEST_SET,
  TEST_EVIDENCE,
  TEST_NOW,
  trackOf,
} from '../test-support';

const EXPORTED_AT = '2026-02-02T00:00:00.000Z';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const A = box(0, 0, 10, 10);
const B = box(30, 0, 10, 10);

/** Frame 27 has no timestamp in this stream; the others are frame × 512. */
const framePts = (frame: number) => (frame === 27 ? null : frame * 512);

function edit(doc: AnnotationDocument, command: Command | null): AnnotationDocument {
  expect(command).not.toBeNull();
  return applyCommand(doc, command!);
}

/**
 * An officer followed from frame 25 (drawn), propagated to 26, drawn again on 29 holding on to
 * the vehicle, outside from 31 and back in view on 33; a text callout (vehicle #2) drawn on
 * 40; two events and two notes.
 */
function sampleDocument(): AnnotationDocument {
  let doc = emptyDocument(DEFAULT_LABELS);
  doc = edit(doc, drawTrack(doc, 40, { kind: 'text', x: 5, y: 6, text: 'plate', fontSize: 20 }, 1));
  doc = edit(doc, drawTrack(doc, 25, A, 0));
  const officer = () => [...doc.tracks.values()].find((t) => t.number === 2)!;
  doc = edit(doc, setShapeAt(officer(), { ...at(25), frameMd5: MD5 }, A, TEST_NOW));
  doc = edit(doc, setTrackAttribute(officer(), 'attr_officer_agency', 'ICE', TEST_NOW));
  doc = edit(
    doc,
    propagate(officer(), at(25), 1, 299, (f: FrameIndex) => pts(f * 512), TEST_NOW),
  );
  doc = edit(doc, setShapeAt(officer(), at(29), B, TEST_NOW));
  doc = edit(doc, setFrameAttribute(officer(), at(29), 'attr_officer_holding', true, TEST_NOW));
  doc = edit(doc, toggleFlag(officer(), at(31), 'outside', TEST_NOW));
  doc = edit(doc, toggleFlag(officer(), at(33), 'outside', TEST_NOW));
  doc = edit(
    doc,
    createEvent({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: null,
      start: at(60),
      end: { ...at(70), pts: null },
      description: 'officer approaches',
      now: TEST_NOW,
    }),
  );
  doc = edit(
    doc,
    createEvent({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: DEFAULT_LABELS[1]!.id,
      start: at(50),
      end: at(25),
      description: 'vehicle reverses',
      now: TEST_NOW,
    }),
  );
  doc = edit(
    doc,
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: at(30),
      kind: 'interpretation',
      text: 'holding on, <b>not</b> pushed',
      now: TEST_NOW,
    }),
  );
  doc = edit(
    doc,
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: { ...at(28), pts: null },
      kind: 'observation',
      text: 'hand on the door',
      now: TEST_NOW,
    }),
  );
  return deepFreeze(doc);
}

const DECODER = { name: 'FFmpeg (ffmpeg.wasm, single-thread core)', version: '0.12.10' };
const MD5_40 = '0123456789abcdef0123456789abcdef';
/** The decoder gave frame 40's MD5 for the export; no other frame was decoded. */
const frameMd5 = (frame: number) => (frame === 40 ? MD5_40 : null);

/** A case's audit log of two entries, given newest first (the export orders it). */
const AUDIT: readonly AuditEntry[] = (
  await appendEntries(
    null,
    entriesForCommand(drawTrack(emptyDocument(DEFAULT_LABELS), 3), {
      caseId: TEST_CASE.id,
      at: TEST_NOW,
      examiner: 'A. Examiner',
      appVersion: '0.1.0',
      kind: 'do',
    }).flatMap((draft) => [draft, { ...draft, action: 'undo' as const }]),
  )
).reverse();

const validate = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  discriminator: true,
}).compile(schema);

/** Every export built here is checked against the published schema, so the schema stays true. */
function exportOf(document: AnnotationDocument) {
  const out = buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: { ...TEST_CASE, referenceNumber: 'PD-2026-0042' },
    annotationSet: TEST_SET,
    document,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: DECODER,
    audit: AUDIT,
    now: EXPORTED_AT,
    framePts,
    frameMd5,
  });
  const valid = validate(JSON.parse(JSON.stringify(out)));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return out;
}

describe('native JSON export', () => {
  const doc = sampleDocument();
  const out = exportOf(doc);

  it('opens with format, version 6, generator, time, evidence facts, case, set and labels', () => {
    expect(ANNOTATIONS_FORMAT).toBe('framewise.annotations');
    expect(ANNOTATIONS_VERSION).toBe(6);
    expect(out.format).toBe('framewise.annotations');
    expect(out.version).toBe(6);
    expect(out.generator).toEqual({ name: 'Framewise', version: '0.1.0' });
    expect(out.exportedAt).toBe(EXPORTED_AT);
    expect(out.evidence).toEqual({
      fileName: 'cctv.mp4',
      size: 1234,
      sha256: 'a'.repeat(64),
      codec: 'h264',
      width: 704,
      height: 576,
      rotation: 0,
      pixelFormat: 'yuv420p',
      timeBase: '1/12800',
      startPts: 0,
      startSeconds: 0,
      frameCount: 300,
      decoder: DECODER,
      acquisition: TEST_EVIDENCE.acquisition,
    });
    expect(out.case).toEqual({
      id: TEST_CASE.id,
      name: 'Test case',
      referenceNumber: 'PD-2026-0042',
      clock: null,
    });
    expect(out.annotationSet).toEqual({
      id: TEST_SET.id,
      name: 'Set 1',
      annotator: 'Test Examiner',
      status: 'in progress',
      createdAt: TEST_SET.createdAt,
      modifiedAt: TEST_SET.modifiedAt,
    });
    expect(out.labels).toEqual(DEFAULT_LABELS);
  });

  it('lists every frame referred to once, in order, with pts from the frame table and MD5', () => {
    // Keyframes 25 26 29 31 33 (officer) and 40 (text); events 25–50 and 60–70; notes 28, 30.
    expect(out.frames.map((f) => f.frame)).toEqual([25, 26, 28, 29, 30, 31, 33, 40, 50, 60, 70]);
    expect(out.frames[0]).toEqual({ frame: 25, pts: 12800, seconds: 1, md5: MD5 }); // stored
    expect(out.frames[2]).toEqual({ frame: 28, pts: 14336, seconds: 1.12, md5: null });
    expect(out.frames[7]).toEqual({ frame: 40, pts: 20480, seconds: 1.6, md5: MD5_40 }); // decoded
    expect(out.frames.at(-1)).toEqual({ frame: 70, pts: 35840, seconds: 2.8, md5: null });
  });

  it('prefers the MD5 of the frame decoded for the export to the one stored on a keyframe', () => {
    const other = 'ffffffffffffffffffffffffffffffff';
    const again = buildAnnotationsExport({
      evidence: TEST_EVIDENCE,
      caseRecord: TEST_CASE,
      annotationSet: TEST_SET,
      document: doc,
      generator: { name: 'Framewise', version: '0.1.0' },
      decoder: DECODER,
      audit: [],
      now: EXPORTED_AT,
      framePts,
      frameMd5: () => other,
    });
    expect(new Set(again.frames.map((f) => f.md5))).toEqual(new Set([other]));
    expect(again.audit).toEqual({ entries: [], headHash: '0'.repeat(64), count: 0 });
  });

  it('carries the case’s whole audit log in order, with its head hash and count', () => {
    const inOrder = [...AUDIT].reverse();
    expect(out.audit).toEqual({
      entries: inOrder,
      headHash: inOrder.at(-1)!.hash,
      count: 2,
    });
    expect(AUDIT[0]!.seq).toBe(1); // the input is left as it was
  });

  it('lists tracks by number, with label and per-track attributes by name', () => {
    expect(out.tracks.map((t) => [t.number, t.label])).toEqual([
      [1, 'vehicle'],
      [2, 'officer'],
    ]);
    const [vehicle, officer] = out.tracks;
    expect(vehicle!.attributes).toEqual({ 'make, model, colour': '', plate: '' });
    expect(officer!.attributes).toEqual({ agency: 'ICE' });
    expect(officer!.id).toBe([...doc.tracks.values()].find((t) => t.number === 2)!.id);
  });

  it('gives every keyframe with frame, pts, seconds, source, flags, shape and attributes', () => {
    const officer = out.tracks[1]!;
    const off = { 'holding on to vehicle': false, 'weapon drawn': false };
    const on = { 'holding on to vehicle': true, 'weapon drawn': false };
    expect(officer.keyframes).toEqual([
      {
        frame: 25,
        pts: 12800,
        seconds: 1,
        frameMd5: MD5,
        source: 'drawn',
        outside: false,
        occluded: false,
        shape: A,
        attributes: off,
      },
      {
        frame: 26,
        pts: 13312,
        seconds: 1.04,
        frameMd5: null,
        source: 'propagated',
        outside: false,
        occluded: false,
        shape: A,
        attributes: off,
      },
      {
        frame: 29,
        pts: 14848,
        seconds: 1.16,
        frameMd5: null,
        source: 'drawn',
        outside: false,
        occluded: false,
        shape: B,
        attributes: on,
      },
      {
        frame: 31,
        pts: 15872,
        seconds: 1.24,
        frameMd5: null,
        source: 'computed',
        outside: true,
        occluded: false,
        shape: B,
        attributes: on,
      },
      {
        frame: 33,
        pts: 16896,
        seconds: 1.32,
        frameMd5: null,
        source: 'computed',
        outside: false,
        occluded: false,
        shape: B,
        attributes: on,
      },
    ]);
  });

  it('gives the position on every frame in view, with how it came about, and the held span after', () => {
    const officer = out.tracks[1]!;
    expect(officer.positions.slice(0, 7)).toEqual(
      approx([
        { frame: 25, pts: 12800, seconds: 1, source: 'drawn', occluded: false, shape: A },
        { frame: 26, pts: 13312, seconds: 1.04, source: 'propagated', occluded: false, shape: A },
        {
          frame: 27,
          pts: null,
          seconds: null,
          source: 'interpolated',
          occluded: false,
          shape: box(10, 0, 10, 10),
        },
        {
          frame: 28,
          pts: 14336,
          seconds: 1.12,
          source: 'interpolated',
          occluded: false,
          shape: box(20, 0, 10, 10),
        },
        { frame: 29, pts: 14848, seconds: 1.16, source: 'drawn', occluded: false, shape: B },
        // Toward the outside keyframe on 31, which holds where it left: B.
        { frame: 30, pts: 15360, seconds: 1.2, source: 'interpolated', occluded: false, shape: B },
        // 31 and 32: outside, no position; 33 is a keyframe made by the flag (computed).
        { frame: 33, pts: 16896, seconds: 1.32, source: 'computed', occluded: false, shape: B },
      ]),
    );
    expect(officer.positions).toHaveLength(7);
    // Held from 34 to the last frame (299), given as a span.
    expect(officer.heldAfterLastKeyframe).toEqual({ fromFrame: 34, toFrame: 299 });
    const text = out.tracks[0]!;
    expect(text.positions).toHaveLength(1);
    expect(text.heldAfterLastKeyframe).toEqual({ fromFrame: 41, toFrame: 299 });
    expect(text.positions.slice(0, 1)).toEqual([
      {
        frame: 40,
        pts: 20480,
        seconds: 1.6,
        source: 'drawn',
        occluded: false,
        shape: { kind: 'text', x: 5, y: 6, text: 'plate', fontSize: 20 },
      },
    ]);
  });

  it('lists events by start frame, with label names and frame references', () => {
    expect(out.events).toEqual([
      {
        id: expect.stringMatching(/^event_/),
        label: 'vehicle',
        description: 'vehicle reverses',
        start: { frame: 25, pts: 12800, seconds: 1 },
        end: { frame: 50, pts: 25600, seconds: 2 },
      },
      {
        id: expect.stringMatching(/^event_/),
        label: null,
        description: 'officer approaches',
        start: { frame: 60, pts: 30720, seconds: 2.4 },
        end: { frame: 70, pts: null, seconds: null },
      },
    ]);
    expect(new Set(out.events.map((e) => e.id))).toEqual(new Set(doc.events.keys()));
  });

  it('lists notes by frame, text kept as written', () => {
    expect(out.notes).toEqual([
      {
        id: expect.stringMatching(/^note_/),
        frame: 28,
        pts: null,
        seconds: null,
        kind: 'observation',
        text: 'hand on the door',
      },
      {
        id: expect.stringMatching(/^note_/),
        frame: 30,
        pts: 15360,
        seconds: 1.2,
        kind: 'interpretation',
        text: 'holding on, <b>not</b> pushed',
      },
    ]);
  });

  it('survives a JSON round trip unchanged (no Maps, no undefined)', () => {
    const text = JSON.stringify(out);
    expect(JSON.parse(text)).toEqual(out);
    expect(text).not.toContain('undefined');
  });

  it('is deterministic: the same records, in any order, give the same text', () => {
    const reversed = buildDocument({
      tracks: [...doc.tracks.values()].reverse(),
      events: [...doc.events.values()].reverse(),
      notes: [...doc.notes.values()].reverse(),
      labels: doc.labels,
    });
    expect(JSON.stringify(exportOf(reversed))).toBe(JSON.stringify(out));
  });

  it('keeps attributes by name only for the label’s own attributes', () => {
    const stray: Track = {
      ...trackOf(key(0, A, { attributes: { attr_vehicle_motion: 'forward', attr_gone: 1 } })),
      attributes: { attr_vehicle_plate: 'X1', attr_gone: 'lost' },
    };
    const unlabelled: Track = {
      ...trackOf(key(0, A)),
      id: 'track_u' as TrackId,
      number: 2,
      labelId: 'label_deleted' as LabelId,
      attributes: { attr_vehicle_plate: 'X2' },
    };
    const exported = exportOf(
      applyCommand(emptyDocument(DEFAULT_LABELS), {
        name: 'seed',
        changes: [stray, unlabelled].map((t) => ({
          kind: 'track' as const,
          id: t.id,
          before: null,
          after: t,
        })),
      }),
    );
    expect(exported.tracks[0]).toMatchObject({
      label: 'vehicle',
      attributes: { plate: 'X1' },
      keyframes: [{ attributes: { motion: 'forward' } }],
    });
    expect(exported.tracks[1]).toMatchObject({ label: '', attributes: {} });
  });

  it('exports an empty case', () => {
    const empty = exportOf(emptyDocument(DEFAULT_LABELS));
    expect(empty.tracks).toEqual([]);
    expect(empty.events).toEqual([]);
    expect(empty.notes).toEqual([]);
  });

  it('does not change the document', () => {
    const again = sampleDocument();
    const snapshot = structuredClone(again);
    exportOf(again);
    expect(again).toEqual(snapshot);
  });
});

describe('exportFileName', () => {
  it('names the download after the video, without path or control characters', () => {
    expect(exportFileName('clip.mp4', 'framewise.json')).toBe('clip.mp4.framewise.json');
    expect(exportFileName('cam 3/clip.mp4', 'framewise.json')).toBe(
      'cam 3_clip.mp4.framewise.json',
    );
    expect(exportFileName('a\\b:c*d?e"f<g>h|i\tj.mp4', 'x')).toBe('a_b_c_d_e_f_g_h_i_j.mp4.x');
    expect(exportFileName('', 'framewise.json')).toBe('video.framewise.json');
    expect(exportFileName('café 🚓.mov', 'json')).toBe('café 🚓.mov.json');
  });
});

describe('exportFileName', () => {
  it('gives names every file system and zip reader takes, beside the video’s', () => {
    const names = [
      'Cafe\u0301.mp4',
      'a\u0085b.mp4',
      'con.mp4',
      'AUX',
      `${'x'.repeat(300)}.mp4`,
      'a:b?.mp4',
      '.hidden.mp4',
    ].map((n) => exportFileName(n, 'evidence-package.zip'));
    for (const name of names) expect(pathProblem(name), name).toBeNull();
    expect(names[0]).toBe('Café.mp4.evidence-package.zip');
    expect(names[2]).toBe('_con.mp4.evidence-package.zip');
    expect(exportFileName('clip.mp4', 'framewise.json')).toBe('clip.mp4.framewise.json');
  });
});

describe('safeNamePart', () => {
  it('is the cleaned name export names start with, empty when nothing is left', () => {
    expect(safeNamePart('cam 3/clip.mp4')).toBe('cam 3_clip.mp4');
    expect(safeNamePart('con')).toBe('_con');
    expect(safeNamePart(' ..')).toBe('');
    expect(exportFileName('cam 3/clip.mp4', 'x')).toBe(`${safeNamePart('cam 3/clip.mp4')}.x`);
  });
});

describe('a set exported without its video’s frame table (its file not open)', () => {
  const doc = sampleDocument();
  const stored = storedFramePts(doc);
  const out = buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: TEST_CASE,
    annotationSet: TEST_SET,
    document: doc,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'None: cctv.mp4 was not open when this was exported', version: '0.12.10' },
    audit: AUDIT,
    now: EXPORTED_AT,
    framePts: stored,
    frameMd5: () => null,
  });

  it('takes the pts its keyframes, events and notes hold, and has none for other frames', () => {
    expect(stored(25)).toBe(25 * 512); // drawn
    expect(stored(26)).toBe(26 * 512); // propagated
    expect(stored(60)).toBe(60 * 512); // an event's start
    expect(stored(30)).toBe(30 * 512); // a note's
    expect(stored(70)).toBeNull(); // an event's end made without one
    expect(stored(28)).toBeNull(); // a note made without one
    expect(stored(27)).toBeNull(); // no record names it
  });

  it('is valid against the schema: keyframes keep their pts, positions between them have none', () => {
    const valid = validate(JSON.parse(JSON.stringify(out)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const officer = out.tracks.find((t) => t.number === 2)!;
    const position = (frame: number) => officer.positions.find((p) => p.frame === frame)!;
    expect(position(25)).toMatchObject({ pts: 25 * 512, seconds: 1, source: 'drawn' });
    expect(position(27)).toMatchObject({ pts: null, seconds: null, source: 'interpolated' });
    expect(officer.keyframes.map((k) => k.pts)).toEqual(
      officer.keyframes.map((k) => k.frame * 512),
    );
    expect(out.events.map((e) => [e.start.pts, e.end.pts])).toEqual([
      [25 * 512, 50 * 512],
      [60 * 512, null],
    ]);
  });

  it('lists each frame with the MD5 stored when it was drawn, decoded by nobody', () => {
    const frame25 = out.frames.find((f) => f.frame === 25)!;
    expect(frame25).toEqual({ frame: 25, pts: 25 * 512, seconds: 1, md5: MD5 });
    expect(out.frames.every((f) => f.decoder === undefined)).toBe(true);
    expect(out.frames.find((f) => f.frame === 40)!.md5).toBeNull();
  });
});
