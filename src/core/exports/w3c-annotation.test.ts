import { readdirSync, readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildDocument, type AnnotationDocument } from '../annotations/history';
import { frameIndex, pts, sha256, type EventId, type LabelId, type TrackId } from '../ids';
import {
  DEFAULT_LABELS,
  type AnnotationEvent,
  type Keyframe,
  type Label,
  type Track,
} from '../annotations/model';
import {
  box,
  deepFreeze,
  key,
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_NOW,
  TEST_SET,
  trackOf,
} from '../test-support';
import {
  buildW3cAnnotationCollection,
  type W3cAnnotation,
  type W3cAnnotationCollection,
  type W3cExportInput,
} from './w3c-annotation';
import { escapeXml } from './w3c-svg';
import { niUri, type W3cSelector } from './w3c-target';

// ------------------------------------------------------------------ the W3C test suite

/**
 * The W3C Web Annotation test suite's JSON Schemas (draft-04, hence ajv-draft-04; formats
 * uri and date-time from ajv-formats), copied into tests/data so these tests need nothing
 * outside the repository.
 */
const SUITE = new URL('../../../tests/data/w3c-web-annotation-tests/', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, SUITE), 'utf8'));

/**
 * The schema as draft-04 reads it: beside a `$ref`, every other keyword is ignored (JSON
 * Reference: "Any members other than $ref SHALL be ignored"), as the suite's own harness (Ajv 4)
 * did. Ajv 8 applies such siblings, and the suite relies on their being ignored: e.g.
 * `selectorDetected` is `{ $ref: selectorDefined, required: ["selector"] }`, used both on a
 * resource and on the selector itself. `definitions` stay so `#/definitions/…` resolves.
 */
function asDraft04(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asDraft04);
  if (schema === null || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema);
  const kept =
    '$ref' in schema ? entries.filter(([k]) => k === '$ref' || k === 'definitions') : entries;
  return Object.fromEntries(kept.map(([k, v]) => [k, asDraft04(v)]));
}

function suiteValidator(): (path: string) => ValidateFunction {
  // strict: false: the suite's schemas carry keywords of their own (assertionType, errorMessage…).
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const load = (path: string) => asDraft04(readJson(path)) as object;
  // The assertions $ref the definitions by their relative ids ("annotations.json#/…").
  for (const file of readdirSync(new URL('definitions/', SUITE))) {
    ajv.addSchema(load(`definitions/${file}`));
  }
  const compiled = new Map<string, ValidateFunction>();
  return (path) => {
    let validate = compiled.get(path);
    if (!validate) {
      validate = ajv.compile(load(path));
      compiled.set(path, validate);
    }
    return validate;
  };
}

const assertion = suiteValidator();

/** The assertion files a .test manifest of the suite lists. */
const manifest = (path: string): string[] =>
  (readJson(path) as { assertions: string[] }).assertions;

const ANNOTATION_MUSTS = manifest('annotations/annotationMusts.test');
const COLLECTION_MUSTS = manifest('collections/collectionMusts.test');
const PAGE_MUSTS = manifest('collections/pages/pageMusts.test');

/** SHOULD and MAY assertions for what every annotation of ours implements. */
const ANNOTATION_IMPLEMENTED = [
  'annotations/3.3.1-annotationCreatorImplemented.json',
  'annotations/3.3.1-annotationSingleCreatorImplemented.json',
  'annotations/3.3.2-annotationCreatorAgentTypeImplemented.json',
  'annotations/3.3.2-annotationCreatorAgentNameImplemented.json',
  'annotations/3.3.2-annotationCreatorAgentSingleNameImplemented.json',
  'annotations/3.3.1-annotationCreatedImplemented.json',
  'annotations/3.3.1-annotationModifiedImplemented.json',
  'annotations/3.3.1-annotationGeneratedImplemented.json',
  'annotations/3.3.1-annotationGeneratorImplemented.json',
  'annotations/3.3.2-annotationGeneratorAgentTypeImplemented.json',
  'annotations/3.3.2-annotationGeneratorAgentNameImplemented.json',
  'annotations/3.3.5-annotationMotivationImplemented.json',
  'annotations/3.3.5-annotationSingleMotivationImplemented.json',
  'annotations/3.1-bodyKeyFound.json',
  'annotations/bodiesTargets/3.2.4-bodyETB.json',
  'annotations/bodiesTargets/3.2.4-bodyETBTypeTextualBody.json',
  'annotations/bodiesTargets/3.3.5-bodyPurpose.json',
  'annotations/bodiesTargets/3.2.1-bodyFormat.json',
  'annotations/bodiesTargets/4-targSpecificResource.json',
  'annotations/specificResource/4.2-selectorFound.json',
  'annotations/specificResource/4.2.1-fragmentSelector.json',
  'annotations/specificResource/4.2.1-conformsTo.json',
];
/** ...and for shape annotations, whose time selector is refined by where in the frame. */
const SHAPE_IMPLEMENTED = ['annotations/specificResource/4.3.3-refinedBy.json'];
/**
 * The suite looks for an SvgSelector (or a media fragment) only as a target's own selector, not
 * in a refinedBy: these are run on the annotation with its refining selector put there.
 */
const REFINED_IMPLEMENTED = {
  SvgSelector: ['annotations/specificResource/4.2.7-svgSelector.json'],
  FragmentSelector: [
    'annotations/specificResource/4.2.1-fragmentSelector.json',
    'annotations/specificResource/4.2.1-conformsTo.json',
  ],
};

const COLLECTION_IMPLEMENTED = [
  'collections/5.1-collectionLabelImplemented.json',
  'collections/5.1-collectionTotalImplemented.json',
  'collections/5.1-collectionFirstImplemented.json',
  'collections/3.3.1-collectionCreatorImplemented.json',
  'collections/3.3.1-collectionCreatedImplemented.json',
  'collections/3.3.2-collectionCreatorAgentTypeImplemented.json',
  'collections/3.3.2-collectionCreatorAgentNameImplemented.json',
];

/** The assertions (paths) a value fails, each with Ajv's first complaint. */
function failures(value: unknown, paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    const validate = assertion(path);
    if (validate(value)) return [];
    const first = validate.errors?.[0];
    return [`${path}: ${first?.instancePath} ${first?.message}`];
  });
}

// ------------------------------------------------------------------ fixtures

const HOSTILE = '<img src=x onerror=alert(1)>';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A label set whose window-frame label has a hostile name (user text reaches the SVG). */
const LABELS: readonly Label[] = DEFAULT_LABELS.map((label) =>
  label.id === 'label_window_frame' ? { ...label, name: HOSTILE } : label,
);
const OFFICER = 'label_officer' as LabelId;
const VEHICLE = 'label_vehicle' as LabelId;
const WINDOW = 'label_window_frame' as LabelId;

function track(number: number, labelId: LabelId, keyframes: Keyframe[], attributes = {}): Track {
  return {
    ...trackOf(...keyframes),
    id: `track_${number}` as TrackId,
    number,
    labelId,
    attributes,
  };
}

function event(id: string, start: number, end: number, description: string): AnnotationEvent {
  return {
    id: id as EventId,
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    labelId: VEHICLE,
    startFrame: frameIndex(start),
    startPts: pts(start * 512),
    endFrame: frameIndex(end),
    endPts: pts(end * 512),
    description,
    createdAt: TEST_NOW,
    modifiedAt: TEST_NOW,
  };
}

/** One track per shape kind (the box has two keyframes and an outside one), and an event. */
function everyKindTracks(): Track[] {
  return [
    track(
      1,
      OFFICER,
      [
        key(10, box(10.4, 20.6, 100, 50), { attributes: { attr_officer_holding: true } }),
        key(20, box(30, 40, 100, 50), {
          origin: 'propagated',
          occluded: true,
          attributes: { attr_officer_weapon: true },
        }),
        key(30, box(30, 40, 100, 50), { outside: true }),
      ],
      { attr_officer_agency: 'ICE' },
    ),
    track(2, VEHICLE, [key(10, { ...box(50, 60, 200, 80), rotation: 30 })]),
    track(3, VEHICLE, [
      key(11, { kind: 'ellipse', cx: 300, cy: 200, rx: 40, ry: 20, rotation: 15 }),
    ]),
    track(4, WINDOW, [
      key(12, {
        kind: 'polygon',
        points: [
          { x: 1, y: 2 },
          { x: 50.25, y: 2 },
          { x: 30, y: 60 },
        ],
      }),
    ]),
    track(5, VEHICLE, [
      key(13, {
        kind: 'polyline',
        points: [
          { x: 5, y: 5 },
          { x: 80, y: 90 },
        ],
      }),
    ]),
    track(6, OFFICER, [key(14, { kind: 'points', points: [{ x: 7, y: 8 }] })]),
    track(7, VEHICLE, [key(15, { kind: 'arrow', from: { x: 0, y: 0 }, to: { x: 100, y: 50 } })]),
    track(8, VEHICLE, [
      key(16, { kind: 'text', x: 20, y: 30, text: `Hand & "door" ${HOSTILE}`, fontSize: 24 }),
    ]),
  ];
}

function inputFor(document: AnnotationDocument, overrides: Partial<W3cExportInput> = {}) {
  return deepFreeze<W3cExportInput>({
    evidence: { ...TEST_EVIDENCE, sha256: sha256(EMPTY_SHA256) },
    caseRecord: { ...TEST_CASE, labels: LABELS },
    document,
    annotator: 'A. Examiner',
    generator: { name: 'Framewise', version: '0.1.0' },
    now: '2026-02-03T04:05:06.000Z',
    framePts: (frame) => (frame < TEST_EVIDENCE.frameCount ? frame * 512 : null),
    ...overrides,
  });
}

const everyKindDocument = () =>
  buildDocument({
    tracks: everyKindTracks(),
    events: [event('event_1', 40, 44, `Vehicle reverses ${HOSTILE}`)],
    labels: LABELS,
  });

const items = (collection: W3cAnnotationCollection): readonly W3cAnnotation[] =>
  collection.first.items;

const refinement = (annotation: W3cAnnotation): W3cSelector | undefined =>
  annotation.target.selector.refinedBy;

// ------------------------------------------------------------------ tests

describe('buildW3cAnnotationCollection', () => {
  const collection = buildW3cAnnotationCollection(inputFor(everyKindDocument()));
  const shapeItems = items(collection).filter((a) => a.motivation === 'tagging');

  it('makes one annotation per keyframe in view and per event, in a stable order', () => {
    expect(items(collection).map((a) => a.id)).toEqual([
      'urn:framewise:case_test:track:track_1:frame:10',
      'urn:framewise:case_test:track:track_1:frame:20',
      'urn:framewise:case_test:track:track_2:frame:10',
      'urn:framewise:case_test:track:track_3:frame:11',
      'urn:framewise:case_test:track:track_4:frame:12',
      'urn:framewise:case_test:track:track_5:frame:13',
      'urn:framewise:case_test:track:track_6:frame:14',
      'urn:framewise:case_test:track:track_7:frame:15',
      'urn:framewise:case_test:track:track_8:frame:16',
      'urn:framewise:case_test:event:event_1',
    ]);
    expect(collection.total).toBe(10);
  });

  it('passes every MUST assertion of the W3C suite, for each annotation', () => {
    expect(ANNOTATION_MUSTS).toHaveLength(54);
    for (const annotation of items(collection)) {
      expect(failures(annotation, ANNOTATION_MUSTS), annotation.id).toEqual([]);
    }
  });

  it('implements creator, created, generator, motivation, body and the selectors (SHOULD/MAY)', () => {
    for (const annotation of items(collection)) {
      const refined = refinement(annotation);
      const expected = [...ANNOTATION_IMPLEMENTED, ...(refined ? SHAPE_IMPLEMENTED : [])];
      expect(failures(annotation, expected), annotation.id).toEqual([]);
      if (!refined) continue;
      const spatialOnly = { ...annotation, target: { ...annotation.target, selector: refined } };
      const refinedAssertions = [...REFINED_IMPLEMENTED[refined.type], ...ANNOTATION_MUSTS];
      expect(failures(spatialOnly, refinedAssertions), annotation.id).toEqual([]);
    }
  });

  it('passes the collection and page MUST assertions and implements its optional keys', () => {
    expect(failures(collection, [...COLLECTION_MUSTS, ...COLLECTION_IMPLEMENTED])).toEqual([]);
    expect(failures(collection.first, PAGE_MUSTS)).toEqual([]);
  });

  it('really validates: broken annotations fail the suite', () => {
    const [sample] = items(collection);
    const noTarget: Record<string, unknown> = { ...sample };
    delete noTarget.target;
    expect(failures(noTarget, ANNOTATION_MUSTS)).toEqual([
      expect.stringMatching(/^annotations\/3\.1-targetKeyFound\.json/),
      expect.stringMatching(/^annotations\/3\.2-targetObjectsRecognized\.json/),
    ]);
    expect(failures({ ...sample, id: 'not an iri' }, ANNOTATION_MUSTS)).toEqual([
      expect.stringMatching(/3\.1-annotationIdValidated/),
    ]);
    expect(failures({ ...sample, created: 'yesterday' }, ANNOTATION_MUSTS)).not.toEqual([]);
    expect(failures({ ...sample, bodyValue: 'both' }, ANNOTATION_MUSTS)).not.toEqual([]);
    const svgShape = items(collection)[2]!;
    const emptySvg = { ...svgShape.target.selector, refinedBy: { type: 'SvgSelector' } };
    const noSvg = { ...svgShape, target: { ...svgShape.target, selector: emptySvg } };
    expect(failures(noSvg, ANNOTATION_MUSTS)).toEqual([
      expect.stringMatching(/4\.3\.3-refinedByValidated/),
    ]);
    expect(failures({ ...sample, motivation: 'vandalising' }, ANNOTATION_IMPLEMENTED)).not.toEqual(
      [],
    );
    expect(failures({ ...collection, type: 'Collection' }, COLLECTION_MUSTS)).not.toEqual([]);
  });

  it('names the video by its SHA-256 as an RFC 6920 ni URI, and keeps the hex readable', () => {
    expect(niUri(EMPTY_SHA256)).toBe('ni:///sha-256;47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
    // A digest with bytes that base64 writes as + and /: base64url writes - and _.
    expect(niUri('fb'.repeat(32))).toBe(`ni:///sha-256;${'-_v7'.repeat(10)}-_s`);
    expect(() => niUri('abc')).toThrow(RangeError);
    expect(items(collection)[0]!.target.source).toEqual({
      id: 'ni:///sha-256;47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU',
      type: 'Video',
      format: 'video/mp4',
      label: `cctv.mp4 (SHA-256 ${EMPTY_SHA256})`,
    });
  });

  it('gives plain boxes an xywh fragment rounded outwards, every other shape an SVG', () => {
    const refinedBy = shapeItems.map((a) => refinement(a));
    expect(refinedBy[0]).toEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://www.w3.org/TR/media-frags/',
      value: 'xywh=pixel:10,20,101,51',
    });
    expect(refinedBy[1]!.value).toBe('xywh=pixel:30,40,100,50');
    expect(refinedBy.slice(2).map((s) => s!.type)).toEqual(Array(7).fill('SvgSelector'));
    expect(refinedBy[2]!.value).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="704" height="576" viewBox="0 0 704 576">' +
        '<title>vehicle #2</title>' +
        '<rect x="50" y="60" width="200" height="80" transform="rotate(30 150 100)" fill="none" stroke="#ff5c5c" stroke-width="2"/>' +
        '</svg>',
    );
  });

  it('falls back to an SVG for a box wholly outside the frame; a full turn is no rotation', () => {
    const boxes = [box(800, 20, 10, 10), { ...box(1, 2, 3, 4), rotation: 360 }];
    const keyframes = boxes.map((shape, i) => key(i, shape));
    const input = inputFor(buildDocument({ tracks: [track(1, VEHICLE, keyframes)] }));
    const refined = items(buildW3cAnnotationCollection(input)).map((a) => refinement(a)!);
    expect(refined[0]!.type).toBe('SvgSelector');
    expect(refined[0]!.value).toContain('<rect x="800" y="20" width="10" height="10" fill="none"');
    expect(refined[1]!.value).toBe('xywh=pixel:1,2,3,4');
  });

  it('draws on the upright frame: a quarter-turned video swaps width and height', () => {
    const input = inputFor(
      buildDocument({ tracks: [track(1, VEHICLE, [key(0, box(0, 0, 600, 10))])] }),
      {
        evidence: { ...TEST_EVIDENCE, rotation: -90 },
      },
    );
    const [only] = items(buildW3cAnnotationCollection(input));
    expect(refinement(only!)!.value).toBe('xywh=pixel:0,0,576,10'); // clipped to 576 wide
  });

  it('draws each SVG as a well-formed document of the frame size', () => {
    const svgs = shapeItems.map((a) => refinement(a)!).filter((s) => s.type === 'SvgSelector');
    const elements = svgs.map((s) => {
      expect(XMLValidator.validate(s.value)).toBe(true);
      const svg = new XMLParser({ ignoreAttributes: false }).parse(s.value).svg;
      expect(svg['@_viewBox']).toBe('0 0 704 576');
      return Object.keys(svg).filter((k) => !k.startsWith('@_') && k !== 'title');
    });
    expect(elements).toEqual([
      ['rect'],
      ['ellipse'],
      ['polygon'],
      ['polyline'],
      ['circle'],
      ['defs', 'line'],
      ['text'],
    ]);
  });

  it('escapes user text inside the SVG', () => {
    const svg = (trackNumber: number) =>
      shapeItems.find((a) => a.id.includes(`track_${trackNumber}:`))!.target.selector.refinedBy!
        .value;
    const polygon = svg(4); // labelled with the hostile label
    expect(polygon).not.toContain('<img');
    expect(polygon).toContain('<title>&lt;img src=x onerror=alert(1)&gt; #4</title>');
    const parsed = new XMLParser().parse(polygon);
    expect(parsed.svg.title).toBe(`${HOSTILE} #4`);
    const text = svg(8);
    expect(text).not.toContain('<img');
    expect(text).toContain(
      '>Hand &amp; &quot;door&quot; &lt;img src=x onerror=alert(1)&gt;</text>',
    );
    expect(escapeXml("a\u0000b\uD800c'")).toBe('a\uFFFDb\uFFFDc&apos;');
  });

  it('says what a shape is in its bodies: the title as tag, the rest in words', () => {
    expect(items(collection)[0]!.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'officer #1', format: 'text/plain' },
      {
        type: 'TextualBody',
        purpose: 'describing',
        value: 'frame 10; drawn by hand; agency: ICE; holding on to vehicle: yes; weapon drawn: no',
        format: 'text/plain',
      },
    ]);
    // Per-frame values are each keyframe's own; per-track ones are the track's.
    expect(items(collection)[1]!.body[1]!.value).toBe(
      'frame 20; propagated from an earlier frame; occluded; agency: ICE; holding on to vehicle: no; weapon drawn: yes',
    );
  });

  it('says a tracked keyframe was proposed by the tracker, its confidence and who confirmed', () => {
    const tracking = {
      runId: 'run_1',
      confidence: 0.82,
      algorithm: 'NCC',
      confirmedBy: null,
      confirmedAt: null,
    };
    const tracked = track(1, VEHICLE, [
      key(10, box(10, 20, 100, 50)),
      key(11, box(12, 20, 100, 50), { origin: 'tracked', tracking }),
      key(12, box(14, 20, 100, 50), {
        origin: 'tracked',
        tracking: {
          ...tracking,
          confidence: 0.9,
          confirmedBy: 'A. Examiner',
          confirmedAt: TEST_NOW,
        },
      }),
    ]);
    const out = buildW3cAnnotationCollection(
      inputFor(buildDocument({ tracks: [tracked], labels: LABELS })),
    );
    expect(items(out).map((a) => a.body[1]!.value.split('; make')[0])).toEqual([
      'frame 10; drawn by hand',
      'frame 11; proposed by the tracker (confidence 0.82), not confirmed',
      'frame 12; proposed by the tracker (confidence 0.90), confirmed by A. Examiner',
    ]);
  });

  it('carries creator, times, generator and motivation', () => {
    const [shape] = items(collection);
    const last = items(collection).at(-1)!;
    expect(shape).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      motivation: 'tagging',
      creator: { type: 'Person', name: 'A. Examiner' },
      created: TEST_NOW,
      modified: TEST_NOW,
      generator: { type: 'Software', name: 'Framewise', 'schema:softwareVersion': '0.1.0' },
      generated: '2026-02-03T04:05:06.000Z',
    });
    expect(last.motivation).toBe('describing');
    expect(last.body).toEqual([
      expect.objectContaining({ purpose: 'describing', value: `Vehicle reverses ${HOSTILE}` }),
      expect.objectContaining({ purpose: 'tagging', value: 'vehicle' }),
    ]);
    expect(collection).toMatchObject({
      id: 'urn:framewise:case_test:annotations',
      type: 'AnnotationCollection',
      label: 'Test case: annotations of cctv.mp4',
      creator: { type: 'Person', name: 'A. Examiner' },
      created: '2026-02-03T04:05:06.000Z',
      first: { type: 'AnnotationPage', id: 'urn:framewise:case_test:annotations:page:1' },
    });
  });

  it('is deterministic: the same input in another order gives the same text', () => {
    const reversed = buildDocument({
      tracks: everyKindTracks().reverse(),
      events: [event('event_1', 40, 44, `Vehicle reverses ${HOSTILE}`)],
      labels: LABELS,
    });
    const again = buildW3cAnnotationCollection(inputFor(reversed));
    expect(JSON.stringify(again)).toBe(JSON.stringify(collection));
  });
});

describe('time fragments', () => {
  /** A VFR-ish stream at 1/90000: 29.97 fps gaps, one doubled gap, one short gap. */
  const VFR_PTS = [0, 3003, 6006, 12012, 15015, 16016];
  const vfrInput = (tracks: Track[], events: AnnotationEvent[] = []) =>
    inputFor(buildDocument({ tracks, events, labels: LABELS }), {
      evidence: {
        ...TEST_EVIDENCE,
        timeBase: { num: 1, den: 90000 },
        frameCount: VFR_PTS.length,
      },
      framePts: (frame) => VFR_PTS[frame] ?? null,
    });
  const timeOf = (frames: number[], input: (tracks: Track[]) => W3cExportInput) => {
    const keyframes = frames.map((f) => key(f, box(0, 0, 10, 10), { pts: null }));
    const result = buildW3cAnnotationCollection(input([track(1, VEHICLE, keyframes)]));
    return items(result).map((a) => a.target.selector.value);
  };

  it('spans exactly the frame: its pts to the next frame’s, in microseconds rounded up', () => {
    expect(timeOf([0, 1, 2, 3, 4], vfrInput)).toEqual([
      't=0,0.033367', // 3003 / 90000 = 0.0333666…
      't=0.033367,0.066734',
      't=0.066734,0.133467', // the doubled gap
      't=0.133467,0.166834',
      't=0.166834,0.177956', // the short gap
    ]);
  });

  it('ends the last frame one gap (its gap to the frame before) after its start', () => {
    // 16016 / 90000 = 0.177955…, gap 1001 / 90000 = 0.011122…
    expect(timeOf([5], vfrInput)).toEqual(['t=0.177956,0.189078']);
  });

  it('prefers the pts stored on the keyframe, like the JSON export', () => {
    const keyframe = key(1, box(0, 0, 10, 10), { pts: pts(3003) });
    const result = buildW3cAnnotationCollection(vfrInput([track(1, VEHICLE, [keyframe])]));
    expect(items(result)[0]!.target.selector.value).toBe('t=0.033367,0.066734');
  });

  it('covers an event from its first frame’s start to its last frame’s end', () => {
    const spanning: AnnotationEvent = {
      ...event('event_1', 1, 3, 'reverses'),
      startPts: pts(3003),
      endPts: pts(12012),
    };
    const result = buildW3cAnnotationCollection(vfrInput([], [spanning]));
    expect(items(result)[0]!.target.selector).toEqual({
      type: 'FragmentSelector',
      conformsTo: 'http://www.w3.org/TR/media-frags/',
      value: 't=0.033367,0.166834',
    });
  });

  it('places frames without pts (raw streams) at 25 fps', () => {
    const raw = (tracks: Track[]) =>
      inputFor(buildDocument({ tracks, labels: LABELS }), { framePts: () => null });
    expect(timeOf([0, 5, 299], raw)).toEqual(['t=0,0.04', 't=0.2,0.24', 't=11.96,12']);
  });

  it('counts time from frame 0, whatever pts the stream starts at (as WebVTT and players do)', () => {
    const early = (tracks: Track[]) =>
      inputFor(buildDocument({ tracks, labels: LABELS }), {
        framePts: (frame) => (frame - 2) * 512,
      });
    expect(timeOf([0, 1, 2], early)).toEqual(['t=0,0.04', 't=0.04,0.08', 't=0.08,0.12']);
    // An MPEG-TS whose first frame has pts 2.8 s: frame 0 is at 0.
    const late = (tracks: Track[]) =>
      inputFor(buildDocument({ tracks, labels: LABELS }), {
        framePts: (frame) => 35_840 + frame * 512,
      });
    expect(timeOf([0, 1], late)).toEqual(['t=0,0.04', 't=0.04,0.08']);
  });
});
