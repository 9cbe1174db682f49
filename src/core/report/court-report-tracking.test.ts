import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../../tests/e2e/pdf-text';
import { buildDocument } from '../annotations/history';
import { DEFAULT_LABELS, type Keyframe, type TrackingFacts } from '../annotations/model';
import type { LabelId, TrackId } from '../ids';
import { streamStats } from '../time/stream-stats';
import { box, key, TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET, trackOf } from '../test-support';
import { buildCourtReport, type CitedFrame, type CourtReportInput } from './court-report';
import { frameRuns, trackedObjects, trackerMethods, trackingBlocks } from './court-report-tracking';
import { renderReportHtml } from './report-html';
import { renderReportPdf } from './report-pdf';
import type { Block } from './report-model';
import { measurementsBlocks } from './court-report-measurements';
import { computeMeasurement } from '../measure/compute-measurement';
import {
  measurementOf,
  ROAD_CALIBRATION,
  roadKeyframe,
  roadSources,
  roadTrack,
  span,
} from '../measure/measure-test-support';

const NCC = 'Normalised cross-correlation (test tracker)';
const OTHER = 'Another tracker (test)';

const tracked = (frame: number, confidence: number, facts: Partial<TrackingFacts> = {}) =>
  key(frame, box(10 + frame, 20, 100, 50), {
    origin: 'tracked',
    tracking: {
      runId: 'run_1',
      confidence,
      algorithm: NCC,
      confirmedBy: null,
      confirmedAt: null,
      ...facts,
    },
  });

const byA = { confirmedBy: 'A. Examiner', confirmedAt: '2026-01-02T10:00:00.000Z' };
const byB = { confirmedBy: 'B. Reviewer', confirmedAt: '2026-01-03T11:00:00.000Z' };

/** vehicle #1 drawn on 10, tracked 11–14 (two confirmed by A, one by B, one by no one). */
const VEHICLE: Keyframe[] = [
  key(10, box(10, 20, 100, 50)),
  tracked(11, 0.9, byA),
  tracked(12, 0.8, { ...byA, confirmedAt: '2026-01-02T10:05:00.000Z' }),
  tracked(13, 0.7, byB),
  tracked(14, 0.6),
];

function document(withTracking = true) {
  const officer = {
    ...trackOf(key(10, box(300, 20, 40, 90))),
    id: 'track_o' as TrackId,
    number: 2,
    labelId: 'label_officer' as LabelId,
  };
  const vehicle = withTracking ? trackOf(...VEHICLE) : trackOf(VEHICLE[0]!);
  const window = {
    ...trackOf(key(30, box(0, 0, 20, 20)), tracked(31, 0.5, { algorithm: OTHER, runId: 'run_2' })),
    id: 'track_w' as TrackId,
    number: 3,
    labelId: 'label_window_frame' as LabelId,
  };
  return buildDocument({
    tracks: withTracking ? [vehicle, officer, window] : [vehicle, officer],
    labels: DEFAULT_LABELS,
  });
}

function input(withTracking = true, cited: CitedFrame[] = []): CourtReportInput {
  return {
    caseRecord: TEST_CASE,
    evidence: TEST_EVIDENCE,
    annotationSet: TEST_SET,
    document: document(withTracking),
    examiner: 'A. Examiner',
    now: TEST_NOW,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg 5.1.4', version: '5.1.4' },
    stats: streamStats({ frames: [], keyframes: [] } as never, TEST_EVIDENCE.timeBase),
    cited,
    audit: [],
    packageHashes: { fileName: 'clip.zip', manifest: 'm'.repeat(64), sha256sums: 's'.repeat(64) },
    framePts: (frame) => frame * 512,
    frameClock: () => null,
  };
}

/** Every piece of text in the blocks, in order. */
function words(blocks: readonly Block[]): string {
  const inline = (i: string | { text: string }) => (typeof i === 'string' ? i : i.text);
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return b.text;
        case 'paragraph':
          return b.content.map(inline).join('');
        case 'facts':
          return b.rows.map((r) => `${r.label} ${inline(r.value)}`).join('\n');
        case 'table':
          return [b.caption ?? '', ...b.rows.map((r) => r.map(inline).join(' | '))].join('\n');
        case 'code':
          return b.lines.join('\n');
        case 'figures':
          return b.figures.map((f) => f.caption).join('\n');
      }
    })
    .join('\n');
}

describe('the Assisted tracking section', () => {
  it('is absent when no object has a tracked keyframe', () => {
    expect(trackingBlocks(document(false))).toEqual([]);
    expect(words(buildCourtReport(input(false)).blocks)).not.toContain('Assisted tracking');
  });

  it('counts per object: frames and span, confirmed by whom and when, unconfirmed, confidence', () => {
    const [vehicle, window, ...rest] = trackedObjects(document());
    expect(rest).toEqual([]); // the officer was only drawn
    expect(vehicle).toMatchObject({
      title: 'vehicle #1',
      frames: 4,
      firstFrame: 11,
      lastFrame: 14,
      unconfirmed: 1,
      minConfidence: 0.6,
      confirmations: [
        {
          by: 'A. Examiner',
          count: 2,
          frames: [11, 12],
          firstAt: '2026-01-02T10:00:00.000Z',
          lastAt: '2026-01-02T10:05:00.000Z',
        },
        {
          by: 'B. Reviewer',
          count: 1,
          frames: [13],
          firstAt: byB.confirmedAt,
          lastAt: byB.confirmedAt,
        },
      ],
    });
    expect(vehicle!.meanConfidence).toBeCloseTo(0.75, 12);
    expect(window).toMatchObject({ title: 'window frame #3', frames: 1, unconfirmed: 1 });
    expect(trackerMethods(document())).toEqual([NCC, OTHER]);
    expect(frameRuns([3, 4, 5, 7, 9, 10])).toBe('3–5, 7, 9–10');
  });

  it('names each tracker, each object, the confirmations and what unconfirmed ones are', () => {
    const text = words(buildCourtReport(input()).blocks);
    expect(text).toContain('Assisted tracking');
    expect(text).toContain(`Tracker 1 ${NCC}`);
    expect(text).toContain(`Tracker 2 ${OTHER}`);
    expect(text).toContain(
      'vehicle #1 | 4 (frames 11–14) | 2 by A. Examiner, frames 11–12 (2026-01-02T10:00:00.000Z ' +
        'to 2026-01-02T10:05:00.000Z); 1 by B. Reviewer, frame 13 (2026-01-03T11:00:00.000Z) | 1 | ' +
        '0.60 / 0.75',
    );
    expect(text).toContain('window frame #3 | 1 (frames 31–31) | 0 | 1 | 0.50 / 0.50');
    expect(text).toContain(
      '2 tracked positions are not confirmed: unconfirmed tracked positions are proposals, ' +
        'not observations, and are not used by measurements.',
    );
    // In the method part of the report, before the tracks.
    expect(text.indexOf('Assisted tracking')).toBeGreaterThan(text.indexOf('Method'));
    expect(text.indexOf('Assisted tracking')).toBeLessThan(text.indexOf('Keyframes'));
  });

  it('says so when every tracked position was confirmed; one tracker has no number', () => {
    const all = buildDocument({
      tracks: [trackOf(key(10, box(0, 0, 9, 9)), tracked(11, 0.9, byA))],
      labels: DEFAULT_LABELS,
    });
    const text = words(trackingBlocks(all));
    expect(text).toContain(`Tracker ${NCC}`);
    expect(text).toContain('Every tracked position was confirmed by the person named.');
  });

  it('lists tracked keyframes and positions as tracked with confidence and confirmation', () => {
    const still: CitedFrame = {
      frame: 14,
      caption: 'the car',
      pts: 14 * 512,
      seconds: 0.56,
      md5: 'c'.repeat(32),
      clock: null,
      width: 2,
      height: 2,
      clean: new Uint8Array(),
      annotated: new Uint8Array(),
      redacted: [],
      computed: null,
    };
    const text = words(buildCourtReport(input(true, [still, { ...still, frame: 12 }])).blocks);
    expect(text).toContain('vehicle #1 | 10 | drawn |');
    expect(text).toContain('vehicle #1 | 12 | tracked, confirmed by A. Examiner (confidence 0.80)');
    expect(text).toContain('vehicle #1 | 14 | tracked (confidence 0.60), not confirmed');
    // Positions on the cited frames.
    expect(text).toContain('14 | vehicle #1 | tracked (confidence 0.60), not confirmed');
    expect(text).toContain('12 | vehicle #1 | tracked, confirmed by A. Examiner (confidence 0.80)');
    expect(text).not.toMatch(/vehicle #1 \| 1[1-4] \| drawn/);
  });

  it('renders to HTML and PDF with the same words', async () => {
    const doc = buildCourtReport(input());
    const html = renderReportHtml(doc);
    expect(html).toContain('Assisted tracking');
    expect(html).toContain(NCC);
    expect(html).toContain('are proposals, not observations, and are not used by measurements');
    const font = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../assets/fonts/${name}`, import.meta.url)));
    const pdf = await renderReportPdf(doc, {
      regular: font('DejaVuSans.ttf'),
      bold: font('DejaVuSans-Bold.ttf'),
      mono: font('DejaVuSansMono.ttf'),
    });
    const text = (await extractPdfText(pdf)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Assisted tracking');
    expect(text).toContain('B. Reviewer');
    expect(text).toContain('not used by measurements');
  });

  it('a measurement on confirmed tracked positions says so: frames column and method', () => {
    // Tracked keyframes on the road clip's true boxes, so the speed can be computed.
    const onRoad = (frame: number, facts: Partial<TrackingFacts> = {}) => ({
      ...tracked(frame, 0.8, facts),
      shape: roadKeyframe('vehicle', frame).shape,
    });
    const track = roadTrack('vehicle', [0, 40], [onRoad(10, byA), onRoad(20, byA), onRoad(30)]);
    const sources = roadSources([track]);
    const measurement = measurementOf({ kind: 'speed', trackIds: [track.id], ...span(0, 40) });
    const result = computeMeasurement(measurement, sources);
    const blocks = measurementsBlocks({
      calibration: ROAD_CALIBRATION,
      evidence: sources.evidence,
      measurements: [{ measurement, outcome: { ok: true, result }, chart: null }],
      planView: null,
      tracks: sources.tracks,
      labels: sources.labels,
    });
    const text = words(blocks);
    expect(text).toContain('0–40 (4 frames; 2 tracked positions confirmed among them)');
    expect(text).toContain(
      "It uses 2 tracked positions confirmed by A. Examiner; 1 tracked position not confirmed was left out (the tracker's proposals, not observations).",
    );
    expect(text).toContain('and tracked positions no person confirmed, are never measured');
  });
});
