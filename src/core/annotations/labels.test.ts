import { describe, expect, it } from 'vitest';
import { applyCommand, emptyDocument, invert } from './history';
import { frameIndex, type AttributeId, type EventId, type LabelId } from '../ids';
import {
  defaultFor,
  describeUse,
  editLabels,
  fits,
  frameValueAt,
  fromDraft,
  labelUsage,
  newAttribute,
  newLabel,
  parseOptions,
  readValue,
  refitDefault,
  sameLabels,
  toDraft,
  validateLabels,
  type AttributeDraft,
  type LabelUse,
} from './labels';
import { DEFAULT_LABELS, type AnnotationEvent, type AttributeSpec, type Label } from './model';
import { box, deepFreeze, key, TEST_CASE, TEST_SET, TEST_NOW, trackOf } from '../test-support';

const [OFFICER, VEHICLE] = DEFAULT_LABELS as [Label, Label, Label];
const spec = (patch: Partial<AttributeSpec>): AttributeSpec => ({
  id: 'attr_x' as AttributeId,
  name: 'x',
  type: 'text',
  scope: 'track',
  options: [],
  defaultValue: '',
  ...patch,
});
const withSpec = (patch: Partial<AttributeSpec>): Label[] => [
  { ...OFFICER, attributes: [spec(patch)] },
];
const event = (labelId: LabelId | null): AnnotationEvent => ({
  id: `event_${String(labelId)}` as EventId,
  caseId: TEST_CASE.id,
  setId: TEST_SET.id,
  labelId,
  startFrame: frameIndex(1),
  startPts: null,
  endFrame: frameIndex(2),
  endPts: null,
  description: 'x',
  createdAt: TEST_NOW,
  modifiedAt: TEST_NOW,
});

describe('validateLabels', () => {
  it('accepts the default labels', () => {
    expect(validateLabels(DEFAULT_LABELS, [])).toEqual([]);
  });

  it('refuses an empty set', () => {
    expect(validateLabels([], [])).toEqual([expect.stringMatching(/at least one label/)]);
  });

  it('refuses names empty after trimming, too long, or repeated in any case', () => {
    const labels = [
      { ...OFFICER, name: '   ' },
      { ...VEHICLE, name: 'x'.repeat(101) },
      { ...OFFICER, id: 'label_a' as LabelId, name: 'Vehicle ' },
      { ...VEHICLE, id: 'label_b' as LabelId, name: 'vehicle' },
    ];
    const problems = validateLabels(labels, []);
    expect(problems).toContain('Label 1 has no name; give it one.');
    expect(problems.some((p) => /over 100 characters/.test(p))).toBe(true);
    expect(problems).toContain('There are two labels called "vehicle"; names must differ.');
    expect(validateLabels([{ ...OFFICER, name: 'x'.repeat(100) }], [])).toEqual([]);
  });

  it('refuses a colour not written #rrggbb', () => {
    for (const color of ['red', '#fff', '#12345g', '']) {
      expect(validateLabels([{ ...OFFICER, color }], [])).toEqual([
        'The colour of "officer" must be written #rrggbb.',
      ]);
    }
    expect(validateLabels([{ ...OFFICER, color: '#A0b1C2' }], [])).toEqual([]);
  });

  it('refuses a select with no choices, a default not among them, or repeated choices', () => {
    expect(validateLabels(withSpec({ type: 'select', options: [] }), [])).toEqual([
      'List the options of "x" of "officer", separated by commas.',
    ]);
    expect(
      validateLabels(withSpec({ type: 'select', options: ['a', 'b'], defaultValue: 'c' }), []),
    ).toEqual(['The default of "x" of "officer" must be one of its options.']);
    expect(
      validateLabels(withSpec({ type: 'select', options: ['a', 'a'], defaultValue: 'a' }), []),
    ).toEqual(['The options of "x" of "officer" repeat; list each once.']);
  });

  it('refuses defaults of the wrong kind', () => {
    for (const defaultValue of [Number.NaN, Number.POSITIVE_INFINITY, '3']) {
      expect(validateLabels(withSpec({ type: 'number', defaultValue }), [])).toEqual([
        'The default of "x" of "officer" must be a number.',
      ]);
    }
    expect(validateLabels(withSpec({ type: 'number', defaultValue: -2.5 }), [])).toEqual([]);
    expect(validateLabels(withSpec({ type: 'checkbox', defaultValue: 'no' }), [])).toHaveLength(1);
    expect(validateLabels(withSpec({ type: 'text', defaultValue: 0 }), [])).toHaveLength(1);
  });

  it('refuses attribute names empty, too long, or repeated within a label', () => {
    expect(validateLabels(withSpec({ name: ' ' }), [])).toEqual([
      'Give an attribute of "officer" a name.',
    ]);
    expect(validateLabels(withSpec({ name: 'y'.repeat(101) }), [])).toHaveLength(1);
    const twice = [{ ...OFFICER, attributes: [spec({ name: 'Plate' }), spec({ name: 'plate ' })] }];
    expect(validateLabels(twice, [])).toEqual(['"officer" has two attributes called "plate".']);
    // The same attribute name on two labels is fine.
    const shared = [
      { ...OFFICER, attributes: [spec({ name: 'plate' })] },
      { ...VEHICLE, attributes: [spec({ name: 'plate' })] },
    ];
    expect(validateLabels(shared, [])).toEqual([]);
  });

  it('refuses removing a label still in use, and says by what', () => {
    const inUse: LabelUse[] = [
      { id: VEHICLE.id, name: 'vehicle', objects: 3, events: 0 },
      { id: OFFICER.id, name: 'officer', objects: 1, events: 2 },
    ];
    expect(validateLabels([DEFAULT_LABELS[2]!], inUse)).toEqual([
      'vehicle is used by 3 objects; move or delete them first, or keep the label.',
      'officer is used by 1 object and 2 events; move or delete them first, or keep the label.',
    ]);
    // Kept, or renamed (same id), it is fine.
    expect(validateLabels([{ ...VEHICLE, name: 'car' }, OFFICER], inUse)).toEqual([]);
  });
});

describe('labelUsage', () => {
  it('counts the objects and events of each label, by id', () => {
    const tracks = [trackOf(key(1, box(0, 0, 1, 1))), { ...trackOf(), id: 'track_2' as never }];
    const events = [event(OFFICER.id), event(null)];
    const uses = labelUsage(DEFAULT_LABELS, tracks, events);
    expect(uses).toEqual([
      { id: OFFICER.id, name: 'officer', objects: 0, events: 1 },
      { id: VEHICLE.id, name: 'vehicle', objects: 2, events: 0 },
    ]);
    expect(uses.map(describeUse)).toEqual(['1 event', '2 objects']);
  });
});

describe('editLabels', () => {
  it('is one undoable labels change', () => {
    const doc = deepFreeze(emptyDocument(DEFAULT_LABELS));
    const after = [{ ...OFFICER, name: 'police officer' }, VEHICLE];
    const command = editLabels(doc.labels, after);
    expect(command.changes).toEqual([{ kind: 'labels', before: DEFAULT_LABELS, after }]);
    const edited = applyCommand(doc, command);
    expect(edited.labels).toEqual(after);
    expect(applyCommand(edited, invert(command)).labels).toEqual(DEFAULT_LABELS);
  });

  it('has no changes when nothing differs', () => {
    const copy = structuredClone(DEFAULT_LABELS) as Label[];
    expect(editLabels(DEFAULT_LABELS, copy).changes).toEqual([]);
    expect(sameLabels(DEFAULT_LABELS, fromDraft(toDraft(DEFAULT_LABELS)))).toBe(true);
  });
});

describe('new labels and attributes', () => {
  it('get fresh ids, untaken names and unused colours', () => {
    const label = newLabel(DEFAULT_LABELS);
    expect(label.id).toMatch(/^label_/);
    expect(DEFAULT_LABELS.map((l) => l.id)).not.toContain(label.id);
    expect(label.name).toBe('new label');
    expect(DEFAULT_LABELS.map((l) => l.color)).not.toContain(label.color);
    expect(newLabel([...DEFAULT_LABELS, { ...label, name: 'New Label' }]).name).toBe('new label 2');
    expect(validateLabels([...DEFAULT_LABELS, label], [])).toEqual([]);

    const a = newAttribute([]);
    expect(a).toMatchObject({ name: 'attribute', type: 'text', scope: 'track', defaultValue: '' });
    expect(a.id).toMatch(/^attr_/);
    const b = newAttribute([a]);
    expect(b.name).toBe('attribute 2');
    expect(b.id).not.toBe(a.id);
  });
});

describe('drafts', () => {
  it('round-trip, trimming names and parsing choices', () => {
    const draft = toDraft(DEFAULT_LABELS);
    expect(draft[0]!.attributes[0]!.optionsText).toBe('unknown, ICE, CBP, police, other');
    draft[0]!.name = '  officer  ';
    draft[0]!.color = '#4DA3FF';
    draft[0]!.attributes[0]!.optionsText = ' unknown,ICE ,, CBP, police, other ';
    expect(fromDraft(draft)).toEqual(DEFAULT_LABELS);
  });

  it('drop the choices of attributes that are not selects', () => {
    const draft = toDraft(DEFAULT_LABELS);
    draft[0]!.attributes[0]!.type = 'text';
    draft[0]!.attributes[0]!.defaultValue = '';
    expect(fromDraft(draft)[0]!.attributes[0]!.options).toEqual([]);
  });

  it('refit the default when the type or the choices change', () => {
    const draft: AttributeDraft = {
      ...toDraft(DEFAULT_LABELS)[0]!.attributes[0]!,
      optionsText: 'ICE, CBP',
    };
    expect(refitDefault(draft)).toBe('ICE');
    expect(refitDefault({ ...draft, defaultValue: 'CBP' })).toBe('CBP');
    expect(refitDefault({ ...draft, type: 'checkbox' })).toBe(false);
    expect(refitDefault({ ...draft, type: 'number' })).toBe(0);
    expect(refitDefault({ ...draft, type: 'text' })).toBe('unknown');
  });
});

describe('values', () => {
  it('parseOptions splits on commas and drops blanks', () => {
    expect(parseOptions(' a ,b,, c ,')).toEqual(['a', 'b', 'c']);
    expect(parseOptions('')).toEqual([]);
  });

  it('defaultFor and fits agree for every type', () => {
    for (const type of ['text', 'number', 'checkbox', 'select'] as const) {
      expect(fits(type, ['a'], defaultFor(type, ['a']))).toBe(true);
    }
    expect(fits('select', ['a'], 'b')).toBe(false);
    expect(fits('number', [], Number.NaN)).toBe(false);
  });

  it('readValue falls back to the default when a value is missing or no longer fits', () => {
    const motion = VEHICLE.attributes[2]!;
    expect(readValue(motion, 'reversing')).toBe('reversing');
    expect(readValue(motion, undefined)).toBe('unknown');
    expect(readValue(motion, 'flying')).toBe('unknown');
    expect(readValue(motion, true)).toBe('unknown');
  });

  it('frameValueAt reads the keyframe at or before the frame, else the default', () => {
    const holding = OFFICER.attributes[1]!;
    const shape = box(0, 0, 10, 10);
    const track = trackOf(
      key(2, shape, { attributes: { [holding.id]: false } }),
      key(5, shape, { attributes: { [holding.id]: true } }),
      key(9, shape, { attributes: {} }),
    );
    expect(frameValueAt(track, holding, frameIndex(0))).toBe(false);
    expect(frameValueAt(track, holding, frameIndex(3))).toBe(false);
    expect(frameValueAt(track, holding, frameIndex(5))).toBe(true);
    expect(frameValueAt(track, holding, frameIndex(8))).toBe(true);
    expect(frameValueAt(track, holding, frameIndex(9))).toBe(false);
  });
});
