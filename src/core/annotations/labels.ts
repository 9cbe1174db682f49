import { boundingKeyframes } from './interpolation';
import {
  newAttributeId,
  newLabelId,
  type AttributeId,
  type FrameIndex,
  type LabelId,
} from '../ids';
import type { Command } from './history';
import type {
  AnnotationEvent,
  AttributeSpec,
  AttributeType,
  AttributeValue,
  Label,
  Track,
} from './model';

export const MAX_NAME_LENGTH = 100;
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;
/** Colours for new labels: saturated, so overlays stand out from the neutral chrome. */
const PALETTE = ['#4da3ff', '#ff5c5c', '#ffd23f', '#5ce08a', '#c77dff', '#ff9f40', '#40e0d0'];

/** How many objects (tracks) and events use a label, with its name to say so. */
export interface LabelUse {
  readonly id: LabelId;
  readonly name: string;
  readonly objects: number;
  readonly events: number;
}

/** Which of these labels the tracks and events use, and how often. */
export function labelUsage(
  labels: readonly Label[],
  tracks: Iterable<Track>,
  events: Iterable<AnnotationEvent>,
): LabelUse[] {
  const uses = new Map<string, { objects: number; events: number }>();
  const count = (id: string | null, key: 'objects' | 'events') => {
    if (id === null) return;
    const use = uses.get(id) ?? { objects: 0, events: 0 };
    use[key] += 1;
    uses.set(id, use);
  };
  for (const track of tracks) count(track.labelId, 'objects');
  for (const event of events) count(event.labelId, 'events');
  return labels.flatMap((label) => {
    const use = uses.get(label.id);
    return use ? [{ id: label.id, name: label.name, ...use }] : [];
  });
}

/** A name as quoted in a message: a long one is cut short. */
const quote = (name: string) => `"${name.length > 40 ? `${name.slice(0, 40)}…` : name}"`;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "3 objects and 1 event": what uses a label, in words. */
export function describeUse(use: LabelUse): string {
  const parts = [];
  if (use.objects > 0) parts.push(plural(use.objects, 'object'));
  if (use.events > 0) parts.push(plural(use.events, 'event'));
  return parts.join(' and ');
}

function attributeProblems(label: string, spec: AttributeSpec): string[] {
  const where = spec.name.trim()
    ? `${quote(spec.name.trim())} of ${label}`
    : `an attribute of ${label}`;
  const problems: string[] = [];
  if (!spec.name.trim()) problems.push(`Give ${where} a name.`);
  if (spec.name.trim().length > MAX_NAME_LENGTH)
    problems.push(`The attribute name ${where} is over ${MAX_NAME_LENGTH} characters; shorten it.`);
  const value = spec.defaultValue;
  switch (spec.type) {
    case 'select':
      if (spec.options.length === 0)
        problems.push(`List the options of ${where}, separated by commas.`);
      else if (!fits(spec.type, spec.options, value))
        problems.push(`The default of ${where} must be one of its options.`);
      if (new Set(spec.options).size !== spec.options.length)
        problems.push(`The options of ${where} repeat; list each once.`);
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value))
        problems.push(`The default of ${where} must be a number.`);
      break;
    case 'checkbox':
      if (typeof value !== 'boolean') problems.push(`The default of ${where} must be on or off.`);
      break;
    case 'text':
      if (typeof value !== 'string') problems.push(`The default of ${where} must be text.`);
      break;
  }
  return problems;
}

/**
 * What is wrong with a label set, in plain words; empty when it can be saved. `inUse` is the
 * use of the labels before the edit, so a label that is still used cannot be removed.
 */
export function validateLabels(labels: readonly Label[], inUse: readonly LabelUse[]): string[] {
  const problems: string[] = [];
  if (labels.length === 0) problems.push('Keep at least one label: new objects need one.');
  const seen = new Set<string>();
  labels.forEach((label, index) => {
    const name = label.name.trim();
    const called = name ? quote(name) : `label ${index + 1}`;
    if (!name) problems.push(`Label ${index + 1} has no name; give it one.`);
    else if (seen.has(name.toLowerCase()))
      problems.push(`There are two labels called ${called}; names must differ.`);
    seen.add(name.toLowerCase());
    if (name.length > MAX_NAME_LENGTH)
      problems.push(`The name of ${called} is over ${MAX_NAME_LENGTH} characters; shorten it.`);
    if (!HEX_COLOUR.test(label.color))
      problems.push(`The colour of ${called} must be written #rrggbb.`);
    const attributeNames = new Set<string>();
    for (const spec of label.attributes) {
      problems.push(...attributeProblems(called, spec));
      const key = spec.name.trim().toLowerCase();
      if (key && attributeNames.has(key))
        problems.push(`${called} has two attributes called ${quote(spec.name.trim())}.`);
      attributeNames.add(key);
    }
  });
  const kept = new Set(labels.map((label) => label.id));
  for (const use of inUse) {
    if (!kept.has(use.id) && (use.objects > 0 || use.events > 0)) {
      const verb = use.objects + use.events === 1 ? 'it' : 'them';
      problems.push(
        `${use.name} is used by ${describeUse(use)}; move or delete ${verb} first, or keep the label.`,
      );
    }
  }
  return problems;
}

/** Label sets are equal when every field of every label and attribute is the same. */
export function sameLabels(a: readonly Label[], b: readonly Label[]): boolean {
  const spec = (s: AttributeSpec) => [s.id, s.name, s.type, s.scope, s.options, s.defaultValue];
  const key = (labels: readonly Label[]) =>
    JSON.stringify(labels.map((l) => [l.id, l.name, l.color, l.attributes.map(spec)]));
  return key(a) === key(b);
}

/** One undoable edit replacing the label set; no changes at all when nothing differs. */
export function editLabels(before: readonly Label[], after: readonly Label[]): Command {
  return {
    name: 'edit labels',
    changes: sameLabels(before, after) ? [] : [{ kind: 'labels', before, after }],
  };
}

/** `base`, or `base 2`, `base 3`… whichever is not taken (case-insensitive). */
function freshName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!used.has(name)) return name;
  }
}

/** A new label with a fresh id, a name not yet taken, and a colour not yet used if any is left. */
export function newLabel(existing: readonly Pick<Label, 'name' | 'color'>[]): Label {
  const colours = new Set(existing.map((label) => label.color.toLowerCase()));
  return {
    id: newLabelId(),
    name: freshName(
      'new label',
      existing.map((label) => label.name),
    ),
    color: PALETTE.find((c) => !colours.has(c)) ?? PALETTE[existing.length % PALETTE.length]!,
    attributes: [],
  };
}

/** A new per-object text attribute with a fresh id and a name not yet taken in this label. */
export function newAttribute(existing: readonly { name: string }[]): AttributeSpec {
  return {
    id: newAttributeId(),
    name: freshName(
      'attribute',
      existing.map((spec) => spec.name),
    ),
    type: 'text',
    scope: 'track',
    options: [],
    defaultValue: '',
  };
}

/** "a, b ,, c" → ["a", "b", "c"]: the choices of a select attribute, typed as one line. */
export function parseOptions(text: string): string[] {
  return text
    .split(',')
    .map((option) => option.trim())
    .filter((option) => option !== '');
}

/** The plain default of a type: empty text, 0, off, or the first choice. */
export function defaultFor(type: AttributeType, options: readonly string[]): AttributeValue {
  switch (type) {
    case 'text':
      return '';
    case 'number':
      return 0;
    case 'checkbox':
      return false;
    case 'select':
      return options[0] ?? '';
  }
}

/** Whether a value is one this type (and these choices) can hold. */
export function fits(type: AttributeType, options: readonly string[], value: AttributeValue) {
  switch (type) {
    case 'text':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'checkbox':
      return typeof value === 'boolean';
    case 'select':
      return typeof value === 'string' && options.includes(value);
  }
}

/**
 * A stored value as this attribute reads it; the default when there is none or it no longer
 * fits (the attribute was added, retyped or lost the choice after the value was set).
 */
export function readValue(spec: AttributeSpec, value: AttributeValue | undefined): AttributeValue {
  return value !== undefined && fits(spec.type, spec.options, value) ? value : spec.defaultValue;
}

/** A per-frame attribute's value in force on a frame: from the keyframe at or before it. */
export function frameValueAt(track: Track, spec: AttributeSpec, frame: FrameIndex): AttributeValue {
  const { previous } = boundingKeyframes(track, frame);
  return readValue(spec, previous?.attributes[spec.id]);
}

/** An attribute as the label editor holds it: the choices as the line the person types. */
export interface AttributeDraft {
  id: AttributeId;
  name: string;
  type: AttributeType;
  scope: AttributeSpec['scope'];
  optionsText: string;
  defaultValue: AttributeValue;
}

/** A label as the label editor holds it (mutable, for form bindings). */
export interface LabelDraft {
  id: LabelId;
  name: string;
  color: string;
  attributes: AttributeDraft[];
}

export const attributeDraft = (spec: AttributeSpec): AttributeDraft => ({
  id: spec.id,
  name: spec.name,
  type: spec.type,
  scope: spec.scope,
  optionsText: spec.options.join(', '),
  defaultValue: spec.defaultValue,
});

export const toDraft = (labels: readonly Label[]): LabelDraft[] =>
  labels.map((label) => ({
    id: label.id,
    name: label.name,
    color: label.color,
    attributes: label.attributes.map(attributeDraft),
  }));

/** The label set a draft stands for: names trimmed, choices parsed (none unless a select). */
export const fromDraft = (drafts: readonly LabelDraft[]): Label[] =>
  drafts.map((draft) => ({
    id: draft.id,
    name: draft.name.trim(),
    color: draft.color.toLowerCase(),
    attributes: draft.attributes.map((a) => ({
      id: a.id,
      name: a.name.trim(),
      type: a.type,
      scope: a.scope,
      options: a.type === 'select' ? parseOptions(a.optionsText) : [],
      defaultValue: a.defaultValue,
    })),
  }));

/** After a type or choices change: the draft's default kept if it still fits, else reset. */
export function refitDefault(draft: AttributeDraft): AttributeValue {
  const options = parseOptions(draft.optionsText);
  return fits(draft.type, options, draft.defaultValue)
    ? draft.defaultValue
    : defaultFor(draft.type, options);
}
