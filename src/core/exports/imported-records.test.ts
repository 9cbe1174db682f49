import { describe, expect, it } from 'vitest';
import type { AttributeId, CaseId, EventId, LabelId, NoteId, SetId, TrackId } from '../ids';
import { DEFAULT_LABELS } from '../annotations/model';
import { box, deepFreeze, TEST_NOW } from '../test-support';
import type { ImportedAnnotations, ImportedKeyframe } from './imported-annotations';
import { importedToRecords, type RecordIds } from './imported-records';

const CASE = 'case_x' as CaseId;
const SET = 'set_x' as SetId;

/** Ids that count up, so records can be compared whole. */
function countingIds(): RecordIds {
  let n = 0;
  const next =
    <T>(prefix: string) =>
    () =>
      `${prefix}_${++n}` as T;
  return {
    track: next<TrackId>('track'),
    event: next<EventId>('event'),
    note: next<NoteId>('note'),
    label: next<LabelId>('label'),
    attribute: next<AttributeId>('attr'),
  };
}

const keyframe = (frame: number, extra: Partial<ImportedKeyframe> = {}): ImportedKeyframe => ({
  frame,
  shape: box(frame, 0, 10, 10),
  outside: false,
  occluded: false,
  attributes: {},
  ...extra,
});

/** As CVAT's importer gives it: no provenance, pts or MD5, no events or notes. */
const CVAT: ImportedAnnotations = deepFreeze<ImportedAnnotations>({
  format: 'cvat-video-1.1',
  source: { fileName: null, width: null, height: null, frameCount: null },
  labels: [
    {
      name: 'Vehicle ', // matched to the case's "vehicle" as people see names
      color: '#123456',
      attributes: [],
    },
    {
      name: 'cyclist',
      color: null,
      attributes: [
        { name: 'helmet', type: 'checkbox', scope: 'frame', options: [], defaultValue: false },
        {
          name: 'colour',
          type: 'select',
          scope: 'track',
          options: ['red', 'blue'],
          defaultValue: 'red',
        },
      ],
    },
  ],
  tracks: [
    {
      sourceId: 7,
      label: 'Vehicle ',
      attributes: { plate: 'AB 1', motion: 'forward', wheels: 4, 'make, model, colour': 12 },
      keyframes: [
        keyframe(3, { attributes: { motion: 'reversing' } }),
        keyframe(9, { outside: true }),
      ],
    },
    {
      sourceId: 8,
      label: 'cyclist',
      attributes: { colour: 'blue' },
      keyframes: [keyframe(5, { attributes: { helmet: true } })],
    },
    { sourceId: 9, label: 'cyclist', attributes: {}, keyframes: [] },
  ],
});

const recordsOf = (imported: ImportedAnnotations) =>
  importedToRecords(imported, {
    caseId: CASE,
    setId: SET,
    labels: DEFAULT_LABELS,
    now: TEST_NOW,
    newIds: countingIds(),
    framePts: (frame) => frame * 100,
  });

describe('importedToRecords', () => {
  const records = recordsOf(CVAT);

  it('numbers the tracks 1..n of the new set, labels matched by name, values by attribute id', () => {
    expect(records.tracks.map((t) => [t.number, t.labelId, t.setId, t.caseId])).toEqual([
      [1, 'label_vehicle', SET, CASE],
      [2, 'label_2', SET, CASE],
    ]);
    expect(records.tracks[0]).toMatchObject({
      id: 'track_1',
      attributes: { attr_vehicle_plate: 'AB 1' },
      createdAt: TEST_NOW,
      modifiedAt: TEST_NOW,
      keyframes: [
        {
          frame: 3,
          pts: 300,
          frameMd5: null,
          origin: 'drawn',
          attributes: { attr_vehicle_motion: 'reversing' },
        },
        { frame: 9, pts: 900, outside: true, attributes: {} },
      ],
    });
  });

  it('returns the labels the case lacks, with fresh ids, the file’s attributes and a colour', () => {
    expect(records.labelsToAdd).toEqual([
      {
        id: 'label_2',
        name: 'cyclist',
        color: '#5ce08a', // the first colour of the palette the default labels leave
        attributes: [
          {
            id: 'attr_3',
            name: 'helmet',
            type: 'checkbox',
            scope: 'frame',
            options: [],
            defaultValue: false,
          },
          {
            id: 'attr_4',
            name: 'colour',
            type: 'select',
            scope: 'track',
            options: ['red', 'blue'],
            defaultValue: 'red',
          },
        ],
      },
    ]);
    expect(records.tracks[1]).toMatchObject({
      attributes: { attr_4: 'blue' },
      keyframes: [{ attributes: { attr_3: true } }],
    });
  });

  it('leaves out what does not fit, saying so once per attribute, and empty tracks', () => {
    expect(records.warnings).toEqual([
      'Attribute "motion" of label "vehicle" is per frame in this case, but not in the file; its values were left out.',
      'Label "vehicle" has no attribute "wheels" in this case; its values were left out.',
      'Some values of attribute "make, model, colour" of label "vehicle" do not fit it in this case (another type, or a choice it does not offer); they were left out.',
      'Track 9 has no keyframes; it was left out.',
    ]);
    expect(records.events).toEqual([]);
    expect(records.notes).toEqual([]);
  });

  it('keeps provenance, MD5 and pts where the file gives them (pts null too)', () => {
    const native = recordsOf({
      ...CVAT,
      tracks: [
        {
          ...CVAT.tracks[0]!,
          attributes: {},
          keyframes: [
            keyframe(3, { origin: 'propagated', frameMd5: 'f'.repeat(32), pts: null }),
            keyframe(4, { origin: 'computed', pts: 77 }),
          ],
        },
      ],
    });
    expect(native.tracks[0]!.keyframes.map((k) => [k.origin, k.frameMd5, k.pts])).toEqual([
      ['propagated', 'f'.repeat(32), null],
      ['computed', null, 77],
    ]);
  });

  it('makes events and notes of the set; an event label nowhere in the file becomes a bare label', () => {
    const withEvents = recordsOf({
      ...CVAT,
      tracks: [],
      events: [
        {
          label: 'officer',
          startFrame: 1,
          startPts: 100,
          endFrame: 5,
          endPts: null,
          description: '<b>x</b>',
        },
        { label: 'dog', startFrame: 2, startPts: null, endFrame: 2, endPts: null, description: '' },
        { label: null, startFrame: 3, startPts: 300, endFrame: 4, endPts: 400, description: 'y' },
      ],
      notes: [{ frame: 6, pts: 600, kind: 'interpretation', text: '<script>z</script>' }],
    });
    expect(
      withEvents.events.map((e) => [e.labelId, e.startFrame, e.endPts, e.description, e.setId]),
    ).toEqual([
      ['label_officer', 1, null, '<b>x</b>', SET],
      ['label_3', 2, null, '', SET],
      [null, 3, 400, 'y', SET],
    ]);
    expect(withEvents.labelsToAdd).toEqual([
      { id: 'label_3', name: 'dog', color: '#5ce08a', attributes: [] },
    ]);
    expect(withEvents.notes).toEqual([
      {
        id: 'note_5',
        caseId: CASE,
        setId: SET,
        frame: 6,
        pts: 600,
        kind: 'interpretation',
        text: '<script>z</script>',
        createdAt: TEST_NOW,
        modifiedAt: TEST_NOW,
      },
    ]);
  });
});
