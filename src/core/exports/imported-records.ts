/**
 * Imported annotations (from any importer) as the records of one annotation set of the open
 * case: tracks numbered 1..n in the file's order, labels matched by name to the case's labels,
 * attribute values by name to the label's attribute ids.
 *
 * Labels the case lacks come back as `labelsToAdd` (fresh ids, the file's attributes and
 * colour): the caller adds them to the case's label set in the same step as the records, so
 * every record's label exists. A value that the case's label cannot hold (an attribute it does
 * not have, of the other scope, of another type, a choice it does not offer) is left out and
 * said in `warnings`, once per attribute: the import never invents or bends a value.
 */
import {
  frameIndex,
  newAttributeId,
  newEventId,
  newLabelId,
  newNoteId,
  newTrackId,
  type AttributeId,
  type CaseId,
  type EventId,
  type LabelId,
  type NoteId,
  type Pts,
  type SetId,
  type Sha256,
  type TrackId,
} from '../ids';
import { measurementRecords } from './imported-measurement-records';
import { quoteName } from '../json-guard';
import { fits, newLabel } from '../annotations/labels';
import type {
  AnnotationEvent,
  AttributeSpec,
  AttributeValue,
  AttributeValues,
  Keyframe,
  Label,
  Measurement,
  Note,
  SceneCalibration,
  Track,
} from '../annotations/model';
import { nameKey, type ImportedAnnotations, type ImportedKeyframe } from './imported-annotations';

/** Where new ids come from: random by default; tests pass counters. */
export interface RecordIds {
  readonly track: () => TrackId;
  readonly event: () => EventId;
  readonly note: () => NoteId;
  readonly label: () => LabelId;
  readonly attribute: () => AttributeId;
}

export const RANDOM_IDS: RecordIds = {
  track: newTrackId,
  event: newEventId,
  note: newNoteId,
  label: newLabelId,
  attribute: newAttributeId,
};

export interface ImportTarget {
  readonly caseId: CaseId;
  /** The new set the records belong to. */
  readonly setId: SetId;
  /** The case's labels now. */
  readonly labels: readonly Label[];
  /** ISO 8601 UTC: the records' createdAt and modifiedAt. */
  readonly now: string;
  readonly newIds?: RecordIds;
  /** The pts of a frame (the open video's frame table), for keyframes the file gives none. */
  readonly framePts?: (frame: number) => number | null;
  /** The open case's video: an imported scene calibration is of it (else it is left out). */
  readonly evidenceSha256?: Sha256;
}

export interface ImportedRecords {
  readonly tracks: readonly Track[];
  readonly events: readonly AnnotationEvent[];
  readonly notes: readonly Note[];
  /** The file's scene calibration, if it has one (imported-measurement-records.ts). */
  readonly calibrations: readonly SceneCalibration[];
  readonly measurements: readonly Measurement[];
  /** Labels the records use that the case lacks, to add to its label set with them. */
  readonly labelsToAdd: readonly Label[];
  /** What was left out, in plain words, each once. */
  readonly warnings: readonly string[];
}

/** Warnings beyond this many are summed up in one line. */
const MAX_WARNINGS = 50;

export function importedToRecords(
  imported: ImportedAnnotations,
  target: ImportTarget,
): ImportedRecords {
  const ids = target.newIds ?? RANDOM_IDS;
  const { caseId, setId, now } = target;
  const warnings = new Warnings();
  const labels = new LabelResolver(target.labels, imported, ids);

  const tracks: Track[] = [];
  /** The new id of each track kept, by its id in the file. */
  const trackIdOf = new Map<number, TrackId>();
  for (const track of imported.tracks) {
    if (track.keyframes.length === 0) {
      warnings.add(`Track ${track.sourceId} has no keyframes; it was left out.`);
      continue;
    }
    const label = labels.resolve(track.label);
    const values = new AttributeMapper(label, warnings);
    const id = ids.track();
    trackIdOf.set(track.sourceId, id);
    tracks.push({
      id,
      caseId,
      setId,
      number: tracks.length + 1,
      labelId: label.id,
      attributes: values.map('track', track.attributes),
      keyframes: track.keyframes.map((k) => keyframeOf(k, values, target.framePts)),
      createdAt: now,
      modifiedAt: now,
    });
  }
  const events = (imported.events ?? []).map((e): AnnotationEvent => ({
    id: ids.event(),
    caseId,
    setId,
    labelId: e.label === null ? null : labels.resolve(e.label).id,
    startFrame: frameIndex(e.startFrame),
    startPts: e.startPts as Pts | null,
    endFrame: frameIndex(e.endFrame),
    endPts: e.endPts as Pts | null,
    description: e.description,
    createdAt: now,
    modifiedAt: now,
  }));
  const notes = (imported.notes ?? []).map((n): Note => ({
    id: ids.note(),
    caseId,
    setId,
    frame: frameIndex(n.frame),
    pts: n.pts as Pts | null,
    kind: n.kind,
    text: n.text,
    createdAt: now,
    modifiedAt: now,
  }));
  const measuring = measurementRecords(imported, target, trackIdOf, warnings, (name) =>
    labels.resolve(name),
  );
  return {
    tracks,
    events,
    notes,
    ...measuring,
    labelsToAdd: labels.added,
    warnings: warnings.list(),
  };
}

function keyframeOf(
  k: ImportedKeyframe,
  values: AttributeMapper,
  framePts: ((frame: number) => number | null) | undefined,
): Keyframe {
  const pts = k.pts !== undefined ? k.pts : (framePts?.(k.frame) ?? null);
  return {
    frame: frameIndex(k.frame),
    pts: pts as Pts | null,
    shape: k.shape,
    frameMd5: k.frameMd5 ?? null,
    // Formats that do not say how a keyframe came about: a person set it, in the other tool.
    // A tracked keyframe without its facts would pass for nothing known: a computed one then.
    origin: k.origin === 'tracked' && !k.tracking ? 'computed' : (k.origin ?? 'drawn'),
    ...(k.origin === 'tracked' && k.tracking ? { tracking: k.tracking } : {}),
    outside: k.outside,
    occluded: k.occluded,
    attributes: values.map('frame', k.attributes),
  };
}

/** The case's label of each name, adding one (from the file's, if it has it) where none. */
class LabelResolver {
  readonly added: Label[] = [];
  readonly #byName: Map<string, Label>;

  constructor(
    private readonly existing: readonly Label[],
    private readonly imported: ImportedAnnotations,
    private readonly ids: RecordIds,
  ) {
    this.#byName = new Map(existing.map((label) => [nameKey(label.name), label]));
  }

  resolve(name: string): Label {
    const known = this.#byName.get(nameKey(name));
    if (known) return known;
    const spec = this.imported.labels.find((l) => nameKey(l.name) === nameKey(name));
    const label: Label = {
      id: this.ids.label(),
      name: spec?.name ?? name,
      // The file's colour, else the app's next unused one (newLabel picks it; its id is unused).
      color: spec?.color ?? newLabel([...this.existing, ...this.added]).color,
      attributes: (spec?.attributes ?? []).map((a): AttributeSpec => ({
        id: this.ids.attribute(),
        name: a.name,
        type: a.type,
        scope: a.scope,
        options: [...a.options],
        defaultValue: a.defaultValue,
      })),
    };
    this.#byName.set(nameKey(name), label);
    this.added.push(label);
    return label;
  }
}

/** Attribute values by name → by the label's attribute ids, leaving out what does not fit. */
class AttributeMapper {
  readonly #byName: Map<string, AttributeSpec>;

  constructor(
    private readonly label: Label,
    private readonly warnings: Warnings,
  ) {
    this.#byName = new Map(label.attributes.map((spec) => [nameKey(spec.name), spec]));
  }

  map(
    scope: AttributeSpec['scope'],
    named: Readonly<Record<string, AttributeValue>>,
  ): AttributeValues {
    const values: Record<string, AttributeValue> = {};
    const label = quoteName(this.label.name);
    for (const [name, value] of Object.entries(named)) {
      const spec = this.#byName.get(nameKey(name));
      const attribute = quoteName(name);
      if (!spec) {
        this.warnings.add(
          `Label ${label} has no attribute ${attribute} in this case; its values were left out.`,
        );
      } else if (spec.scope !== scope) {
        const here = spec.scope === 'track' ? 'per object' : 'per frame';
        this.warnings.add(
          `Attribute ${attribute} of label ${label} is ${here} in this case, but not in the file; its values were left out.`,
        );
      } else if (!fits(spec.type, spec.options, value)) {
        this.warnings.add(
          `Some values of attribute ${attribute} of label ${label} do not fit it in this case ` +
            '(another type, or a choice it does not offer); they were left out.',
        );
      } else {
        values[spec.id] = value;
      }
    }
    return values;
  }
}

export class Warnings {
  readonly #seen = new Set<string>();

  add(warning: string): void {
    this.#seen.add(warning);
  }

  list(): string[] {
    const all = [...this.#seen];
    if (all.length <= MAX_WARNINGS) return all;
    return [...all.slice(0, MAX_WARNINGS - 1), `…and ${all.length - MAX_WARNINGS + 1} more.`];
  }
}
