/**
 * Reading a Framewise annotations export (any version) back in, to add its annotations to the
 * open case as a new annotation set. Nothing is written here: the caller adds only an `ok`
 * result, so a bad, partial or hostile file adds nothing. Never throws. In order, it refuses:
 * 1. text over the size limit, nesting deeper than the depth limit (found before JSON.parse),
 *    and text that is not JSON (json-guard.ts);
 * 2. JSON that is not an annotations export (a backup is sent to the Cases screen), or is of
 *    a version newer than this Framewise reads; versions 1 to 5 are upgraded first
 *    (annotations-migrations.ts);
 * 3. what does not match schemas/annotations.schema.json, each problem naming its JSON path;
 * 4. what a schema cannot check (annotations-integrity.ts).
 * Text in the file (a note holding <script>) is data: checked for type and length, never
 * interpreted.
 */
import type { ValidateFunction } from 'ajv';
import type { AnnotationsExport } from './export-json-format';
import { ANNOTATIONS_FORMAT, ANNOTATIONS_VERSION } from './export-json-format';
import type { Sha256 } from '../ids';
import {
  Problems,
  describeError,
  isObject,
  kindOf,
  preview,
  readJson,
  type FileKind,
  type TextLimits,
} from '../json-guard';
import type { AnnotationSet } from '../annotations/model';
import * as generated from '../schemas/generated/annotations-validators.js';
import { checkIntegrity } from './annotations-integrity';
import { upgradeAnnotations } from './annotations-migrations';
import { importedMeasuring } from './imported-measurements';
import type { ImportedAnnotations, ImportedEvent, ImportedNote } from './imported-annotations';

/** The largest export read, in characters (about bytes): positions make exports large. */
export const MAX_ANNOTATIONS_CHARS = 500_000_000;
/** The deepest nesting read. An export needs about 12 levels (audit entries hold records). */
export const MAX_ANNOTATIONS_DEPTH = 64;

const DEFAULT_LIMITS: TextLimits = {
  maxChars: MAX_ANNOTATIONS_CHARS,
  maxDepth: MAX_ANNOTATIONS_DEPTH,
};

/** How messages name what the file should have been. */
export const ANNOTATIONS_FILE: FileKind = {
  name: 'a Framewise annotations export',
  short: 'an annotations export',
};

/** What the file holds, as the UI needs it to add a new annotation set to the open case. */
export interface ImportedNative extends ImportedAnnotations {
  readonly format: typeof ANNOTATIONS_FORMAT;
  readonly events: readonly ImportedEvent[];
  readonly notes: readonly ImportedNote[];
  /** The video the annotations were made on: compare with the open case's evidence. */
  readonly evidenceSha256: Sha256;
  readonly case: { readonly id: string; readonly name: string; readonly referenceNumber: string };
  /** The set as it was in the file (its id means nothing here; it names it in messages). */
  readonly annotationSet: Pick<
    AnnotationSet,
    'id' | 'name' | 'annotator' | 'status' | 'createdAt' | 'modifiedAt'
  >;
  readonly generator: { readonly name: string; readonly version: string };
  readonly exportedAt: string;
  /** 1 or 2 when the file was of that version (it has no audit log or decoder); else null. */
  readonly upgradedFrom: 1 | 2 | null;
  /** The file's audit log, verified: its length and head hash. */
  readonly audit: { readonly count: number; readonly headHash: string };
}

export type ParsedAnnotations =
  | { readonly ok: true; readonly document: ImportedNative }
  | { readonly ok: false; readonly problems: string[] };

/** Checks an annotations export's text (see the top of this file). */
export async function parseAnnotationsExport(
  text: string,
  limits: TextLimits = DEFAULT_LIMITS,
): Promise<ParsedAnnotations> {
  const fail = (...problems: string[]): ParsedAnnotations => ({ ok: false, problems });
  try {
    const read = readJson(text, limits, ANNOTATIONS_FILE);
    if (!read.ok) return fail(read.problem);
    const refusal = notAnExport(read.value);
    if (refusal) return fail(refusal);
    const { value, from } = upgradeAnnotations(read.value as Record<string, unknown>);

    const problems = new Problems();
    validateSchema(value, problems);
    if (problems.any) return fail(...problems.list());
    const doc = value as unknown as AnnotationsExport;
    const audit = await checkIntegrity(doc, problems);
    if (problems.any || !audit) return fail(...problems.list());
    return { ok: true, document: toImported(doc, from === 1 || from === 2 ? from : null, audit) };
  } catch (error) {
    // Not expected (every step above reports in words), but a reader must never throw.
    const message = error instanceof Error ? error.message : String(error);
    return fail(`The file could not be read: ${message.slice(0, 200)}.`);
  }
}

function notAnExport(value: unknown): string | null {
  if (!isObject(value)) {
    return `The file is JSON, but not ${ANNOTATIONS_FILE.name}: it holds ${kindOf(value)}, not an object.`;
  }
  const { format, version } = value;
  if (format === 'framewise.backup') {
    return 'This is a Framewise backup, not an annotations export: it holds whole cases. Restore it from the Cases screen.';
  }
  if (format !== ANNOTATIONS_FORMAT) {
    return format === undefined
      ? `The file is JSON, but not ${ANNOTATIONS_FILE.name}: it has no "format".`
      : `The file is JSON, but not ${ANNOTATIONS_FILE.name}: its format is ${preview(format)}.`;
  }
  if ([1, 2, 3, 4, 5, ANNOTATIONS_VERSION].includes(version as number)) {
    return null;
  }
  return typeof version === 'number' && Number.isInteger(version) && version > ANNOTATIONS_VERSION
    ? `This annotations export is version ${version}, made by a newer Framewise; this one reads versions up to ${ANNOTATIONS_VERSION}. Update Framewise, then import it.`
    : `This annotations export's version is ${preview(version)}; this Framewise reads versions 1 to ${ANNOTATIONS_VERSION}.`;
}

// --- the schema -----------------------------------------------------------------------------

interface Validators {
  /** The document with the items of its long lists left out. */
  readonly envelope: ValidateFunction;
  /** A track with the items of its keyframes and positions left out. */
  readonly track: ValidateFunction;
  readonly item: Readonly<Record<ItemKind, ValidateFunction>>;
}

type ItemKind = 'keyframe' | 'position' | 'event' | 'note' | 'frame' | 'auditEntry';

/**
 * Generated at build time (scripts/build-validators.mjs: Ajv's standalone code, no compiling at
 * run time, which the Content-Security-Policy forbids). As for backups, long lists are checked
 * item by item, so a hostile file with a million bad positions stops at MAX_PROBLEMS instead
 * of making a million error objects.
 */
function compiled(): Validators {
  return { envelope: generated.envelope, track: generated.track, item: generated };
}

function validateSchema(value: Record<string, unknown>, problems: Problems): void {
  const { envelope, track, item } = compiled();
  const check = (validate: ValidateFunction, data: unknown, path: string) => {
    if (validate(data)) return;
    for (const e of validate.errors ?? []) problems.add(describeError(e, path, ANNOTATIONS_FILE));
  };
  /** Each item of a list that is a list, whatever else is wrong, to list all that is. */
  const eachOf = (list: unknown, path: string, visit: (data: unknown, at: string) => void) => {
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length && !problems.full; i++) visit(list[i], `${path}[${i}]`);
  };
  check(envelope, value, '');
  eachOf(value.tracks, 'tracks', (data, path) => {
    check(track, data, path);
    if (!isObject(data)) return;
    eachOf(data.keyframes, `${path}.keyframes`, (k, at) => check(item.keyframe, k, at));
    eachOf(data.positions, `${path}.positions`, (p, at) => check(item.position, p, at));
  });
  eachOf(value.events, 'events', (data, path) => check(item.event, data, path));
  eachOf(value.notes, 'notes', (data, path) => check(item.note, data, path));
  eachOf(value.frames, 'frames', (data, path) => check(item.frame, data, path));
  const audit = isObject(value.audit) ? value.audit.entries : undefined;
  eachOf(audit, 'audit.entries', (data, path) => check(item.auditEntry, data, path));
}

// --- the result -----------------------------------------------------------------------------

/** A tracked keyframe's facts as the export gave them (older exports of it name no run). */
function trackingOf(k: AnnotationsExport['tracks'][number]['keyframes'][number]) {
  return {
    runId: k.runId ?? 'imported',
    confidence: k.confidence ?? 0,
    algorithm: k.algorithm ?? 'not stated',
    confirmedBy: k.confirmedBy ?? null,
    confirmedAt: k.confirmedAt ?? null,
  };
}

function toImported(
  doc: AnnotationsExport,
  upgradedFrom: 1 | 2 | null,
  audit: { count: number; headHash: string },
): ImportedNative {
  const { evidence } = doc;
  return {
    format: ANNOTATIONS_FORMAT,
    source: {
      fileName: evidence.fileName,
      width: evidence.width,
      height: evidence.height,
      frameCount: evidence.frameCount,
    },
    labels: doc.labels.map((label) => ({
      name: label.name,
      color: label.color,
      attributes: label.attributes.map(({ name, type, scope, options, defaultValue }) => ({
        name,
        type,
        scope,
        options,
        defaultValue,
      })),
    })),
    tracks: doc.tracks.map((track) => ({
      sourceId: track.number,
      label: track.label,
      attributes: track.attributes,
      keyframes: track.keyframes.map((k) => ({
        frame: k.frame,
        shape: k.shape,
        outside: k.outside,
        occluded: k.occluded,
        attributes: k.attributes,
        origin: k.source,
        ...(k.source === 'tracked' ? { tracking: trackingOf(k) } : {}),
        frameMd5: k.frameMd5,
        pts: k.pts,
      })),
    })),
    events: doc.events.map((e) => ({
      label: e.label,
      startFrame: e.start.frame,
      startPts: e.start.pts,
      endFrame: e.end.frame,
      endPts: e.end.pts,
      description: e.description,
    })),
    notes: doc.notes.map((n) => ({ frame: n.frame, pts: n.pts, kind: n.kind, text: n.text })),
    ...importedMeasuring(doc),
    evidenceSha256: evidence.sha256 as Sha256,
    case: { ...doc.case },
    annotationSet: { ...doc.annotationSet },
    generator: { ...doc.generator },
    exportedAt: doc.exportedAt,
    upgradedFrom,
    audit,
  };
}
