import type { AnnotationDocument } from '../annotations/history';
import type { FrameIndex } from '../ids';
import { frameValueAt, readValue } from '../annotations/labels';
import type {
  AnnotationEvent,
  AttributeValue,
  Case,
  Evidence,
  Keyframe,
  Label,
  Track,
} from '../annotations/model';
import { labelOf, trackTitle } from '../annotations/tracks';
import { trackingFactsWords } from '../annotations/computed-positions';
import type { FrameSize } from './w3c-svg';
import {
  MEDIA_FRAGMENTS_SPEC,
  spatialSelector,
  timeFragment,
  uprightFrameSize,
  videoSource,
  type W3cTarget,
  type W3cVideoSource,
} from './w3c-target';

/**
 * The W3C Web Annotation export (https://www.w3.org/TR/annotation-model/): one
 * AnnotationCollection in JSON-LD holding, embedded in its first (and only) AnnotationPage, one
 * Annotation per shape on each keyframe of each track and one per event.
 *
 * Decisions:
 * - Target: the video by `ni:///sha-256;…`, the frame(s) by a Media Fragments `t=` and the
 *   place in the frame by `xywh=` or an SVG; how and why is in w3c-target.ts (and w3c-svg.ts).
 * - Only keyframes' shapes are exported (what a person set), not every interpolated frame.
 *   Keyframes marked outside (the object has left the view) are skipped: their shape is not
 *   on screen.
 * - Motivations: "tagging" for shapes (the body tags the region with the track's title), and
 *   "describing" for events: an event's text says what happens in the span (it is neither a
 *   comment about the video nor a mere highlight).
 * - Bodies: for shapes, a tagging TextualBody with the title ("officer #2") and a describing
 *   one with the frame, how the shape came about and the attribute values in words; for
 *   events, a describing body with the description and, with a category, a tagging body with
 *   the label's name. Keeping the tag on its own keeps it matchable.
 * - Ids are stable, built from the case, track and frame (or event) ids; parts are
 *   percent-encoded so any id makes a valid IRI. Each annotation (and the page) repeats the
 *   `@context` so it stands alone when taken out of the collection. The page, embedded in its
 *   collection, needs no `partOf` (the suite wants it to describe the collection over again).
 * - created/modified of an annotation are its track's (or event's): keyframes carry no times
 *   of their own. `generated` and the collection's `created` are the export's time.
 * - Order: tracks by number, keyframes by frame, then events by start, end and id.
 */

export const W3C_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export interface W3cExportInput {
  evidence: Evidence;
  caseRecord: Case;
  document: AnnotationDocument;
  /** Who made the annotations: the creator named in the export. */
  annotator: string;
  generator: { name: string; version: string };
  /** ISO 8601 UTC. */
  now: string;
  /** pts from the frame table, null where none. */
  framePts: (frame: number) => number | null;
}

export interface W3cPerson {
  readonly type: 'Person';
  readonly name: string;
}

export interface W3cSoftware {
  readonly type: 'Software';
  readonly name: string;
  /** schema.org's softwareVersion: the W3C context maps the `schema:` prefix. */
  readonly 'schema:softwareVersion': string;
}

export interface W3cTextualBody {
  readonly type: 'TextualBody';
  readonly purpose: 'tagging' | 'describing';
  readonly value: string;
  readonly format: 'text/plain';
}

export interface W3cAnnotation {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'Annotation';
  readonly motivation: 'tagging' | 'describing';
  readonly creator: W3cPerson;
  readonly created: string;
  readonly modified: string;
  readonly generator: W3cSoftware;
  readonly generated: string;
  readonly body: readonly W3cTextualBody[];
  readonly target: W3cTarget;
}

export interface W3cAnnotationPage {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'AnnotationPage';
  readonly startIndex: 0;
  readonly items: readonly W3cAnnotation[];
}

export interface W3cAnnotationCollection {
  readonly '@context': typeof W3C_ANNOTATION_CONTEXT;
  readonly id: string;
  readonly type: 'AnnotationCollection';
  readonly label: string;
  readonly total: number;
  readonly creator: W3cPerson;
  readonly created: string;
  readonly generator: W3cSoftware;
  readonly first: W3cAnnotationPage;
}

/** What every annotation of one export shares. */
interface ExportContext {
  readonly input: W3cExportInput;
  readonly labels: readonly Label[];
  readonly frame: FrameSize;
  readonly source: W3cVideoSource;
  /** What every annotation repeats: who and what made it, and when it was written out. */
  readonly common: Pick<W3cAnnotation, 'creator' | 'generator' | 'generated'>;
}

/** The case's tracks and events as one W3C AnnotationCollection. */
export function buildW3cAnnotationCollection(input: W3cExportInput): W3cAnnotationCollection {
  const { caseRecord, document, evidence } = input;
  const creator: W3cPerson = { type: 'Person', name: input.annotator };
  const generator: W3cSoftware = {
    type: 'Software',
    name: input.generator.name,
    'schema:softwareVersion': input.generator.version,
  };
  const context: ExportContext = {
    input,
    labels: document.labels,
    frame: uprightFrameSize(evidence),
    source: videoSource(evidence),
    common: { creator, generator, generated: input.now },
  };
  const items = [
    ...sortedTracks(document).flatMap((track) => trackAnnotations(track, context)),
    ...sortedEvents(document).map((event) => eventAnnotation(event, context)),
  ];
  const collectionId = iri(caseRecord.id, 'annotations');
  return {
    '@context': W3C_ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: `${caseRecord.name}: annotations of ${evidence.fileName}`,
    total: items.length,
    creator,
    created: input.now,
    generator,
    first: {
      '@context': W3C_ANNOTATION_CONTEXT,
      id: iri(caseRecord.id, 'annotations', 'page', 1),
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
}

// ---------------------------------------------------------------- ids

/** `urn:framewise:<part>:<part>…`, each part percent-encoded so the IRI stays valid. */
function iri(...parts: readonly (string | number)[]): string {
  return ['urn:framewise', ...parts.map((p) => encodeURIComponent(String(p)))].join(':');
}

// ---------------------------------------------------------------- bodies

function textualBody(purpose: W3cTextualBody['purpose'], value: string): W3cTextualBody {
  return { type: 'TextualBody', purpose, value, format: 'text/plain' };
}

function valueWords(value: AttributeValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === '' ? '(empty)' : String(value);
}

/** "agency: ICE; holding on to vehicle: no": the label's attributes in force on the frame. */
function attributeWords(label: Label | undefined, track: Track, frame: FrameIndex): string[] {
  return (label?.attributes ?? []).map((spec) => {
    const value =
      spec.scope === 'track'
        ? readValue(spec, track.attributes[spec.id])
        : frameValueAt(track, spec, frame);
    return `${spec.name}: ${valueWords(value)}`;
  });
}

const ORIGIN_WORDS: Readonly<Record<Keyframe['origin'], string>> = {
  drawn: 'drawn by hand',
  propagated: 'propagated from an earlier frame',
  computed: 'computed by Framewise',
  tracked: 'proposed by the tracker',
};

/** The shape's second body: frame, how it came about, flags and attributes, in words. */
function keyframeDescription(track: Track, keyframe: Keyframe, label: Label | undefined): string {
  return [
    `frame ${keyframe.frame}`,
    keyframe.tracking
      ? `${ORIGIN_WORDS[keyframe.origin]} ${trackingFactsWords(keyframe.tracking)}`
      : ORIGIN_WORDS[keyframe.origin],
    ...(keyframe.occluded ? ['occluded'] : []),
    ...(keyframe.shape.kind === 'text' ? [`text: ${keyframe.shape.text}`] : []),
    ...attributeWords(label, track, keyframe.frame),
  ].join('; ');
}

// ---------------------------------------------------------------- annotations

/** An annotation, its keys in the order people read them. */
function annotation(
  context: ExportContext,
  fields: Pick<W3cAnnotation, 'id' | 'motivation' | 'created' | 'modified' | 'body' | 'target'>,
): W3cAnnotation {
  const { creator, generator, generated } = context.common;
  return {
    '@context': W3C_ANNOTATION_CONTEXT,
    id: fields.id,
    type: 'Annotation',
    motivation: fields.motivation,
    creator,
    created: fields.created,
    modified: fields.modified,
    generator,
    generated,
    body: fields.body,
    target: fields.target,
  };
}

function sortedTracks(document: AnnotationDocument): Track[] {
  return [...document.tracks.values()].sort(
    (a, b) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function sortedEvents(document: AnnotationDocument): AnnotationEvent[] {
  return [...document.events.values()].sort(
    (a, b) =>
      a.startFrame - b.startFrame ||
      a.endFrame - b.endFrame ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** One annotation per keyframe in view, in frame order. */
function trackAnnotations(track: Track, context: ExportContext): W3cAnnotation[] {
  return [...track.keyframes]
    .filter((keyframe) => !keyframe.outside)
    .sort((a, b) => a.frame - b.frame)
    .map((keyframe) => keyframeAnnotation(track, keyframe, context));
}

function keyframeAnnotation(
  track: Track,
  keyframe: Keyframe,
  context: ExportContext,
): W3cAnnotation {
  const { input, labels, frame } = context;
  const label = labelOf(labels, track);
  const title = trackTitle(labels, track);
  const time = timeFragment(keyframe, keyframe, input);
  return annotation(context, {
    id: iri(input.caseRecord.id, 'track', track.id, 'frame', keyframe.frame),
    motivation: 'tagging',
    created: track.createdAt,
    modified: track.modifiedAt,
    body: [
      textualBody('tagging', title),
      textualBody('describing', keyframeDescription(track, keyframe, label)),
    ],
    target: {
      type: 'SpecificResource',
      source: context.source,
      selector: {
        type: 'FragmentSelector',
        conformsTo: MEDIA_FRAGMENTS_SPEC,
        value: time,
        refinedBy: spatialSelector(keyframe.shape, title, label?.color ?? '', frame),
      },
    },
  });
}

function eventAnnotation(event: AnnotationEvent, context: ExportContext): W3cAnnotation {
  const { input, labels } = context;
  const category = labels.find((l) => l.id === event.labelId)?.name;
  const description = event.description.trim()
    ? event.description
    : `event on frames ${event.startFrame} to ${event.endFrame}`;
  return annotation(context, {
    id: iri(input.caseRecord.id, 'event', event.id),
    motivation: 'describing',
    created: event.createdAt,
    modified: event.modifiedAt,
    body: [
      textualBody('describing', description),
      ...(category === undefined ? [] : [textualBody('tagging', category)]),
    ],
    target: {
      type: 'SpecificResource',
      source: context.source,
      selector: {
        type: 'FragmentSelector',
        conformsTo: MEDIA_FRAGMENTS_SPEC,
        value: timeFragment(
          { frame: event.startFrame, pts: event.startPts },
          { frame: event.endFrame, pts: event.endPts },
          input,
        ),
      },
    },
  });
}
