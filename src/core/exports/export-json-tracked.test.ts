import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyCommand, emptyDocument, type Command } from '../annotations/history';
import { addTrackedRun, confirmTracked } from '../annotations/tracked-runs';
import { pts, type FrameIndex } from '../ids';
import { DEFAULT_LABELS, type Track } from '../annotations/model';
import schema from '../schemas/annotations.schema.json';
import { buildAnnotationsExport } from './export-json';
import { box, drawTrack, TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET } from '../test-support';

const validate = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  discriminator: true,
}).compile(schema);

/** A track drawn on 10, tracked on 11 and 13 (12 between them), frame 13 confirmed. */
function tracked() {
  let doc = emptyDocument(DEFAULT_LABELS);
  const apply = (c: Command | null) => (doc = applyCommand(doc, c!));
  apply(drawTrack(doc, 10, box(0, 0, 10, 10)));
  const track = (): Track => [...doc.tracks.values()][0]!;
  const positions = [11, 13].map((n) => ({
    frame: n as FrameIndex,
    pts: pts(n * 512),
    frameMd5: null,
    shape: box(n, 0, 10, 10),
    confidence: 0.82,
  }));
  apply(addTrackedRun(track(), { runId: 'run1', algorithm: 'NCC', positions }, TEST_NOW));
  apply(confirmTracked(track(), { frame: 13 as FrameIndex }, 'A. Examiner', TEST_NOW));
  return buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: TEST_CASE,
    annotationSet: TEST_SET,
    document: doc,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg', version: '0.12.10' },
    audit: [],
    now: TEST_NOW,
    framePts: (f) => f * 512,
    frameMd5: () => null,
  });
}

describe('native JSON export of tracked positions', () => {
  const out = tracked();
  const t = out.tracks[0]!;

  it('marks tracked keyframes with confidence, run, algorithm and who confirmed', () => {
    expect(t.keyframes.map((k) => k.source)).toEqual(['drawn', 'tracked', 'tracked']);
    expect(t.keyframes[0]).not.toHaveProperty('confidence');
    expect(t.keyframes[1]).toMatchObject({ confidence: 0.82, runId: 'run1', algorithm: 'NCC' });
    expect(t.keyframes[1]).not.toHaveProperty('confirmedBy');
    expect(t.keyframes[2]).toMatchObject({ confirmedBy: 'A. Examiner', confirmedAt: TEST_NOW });
  });

  it('marks every position: tracked ones with confidence, those between interpolated', () => {
    expect(t.positions.map((p) => [p.frame, p.source, p.confidence, p.confirmedBy])).toEqual([
      [10, 'drawn', undefined, undefined],
      [11, 'tracked', 0.82, undefined],
      [12, 'interpolated', undefined, undefined],
      [13, 'tracked', 0.82, 'A. Examiner'],
    ]);
  });

  it('is valid against the published schema', () => {
    validate(JSON.parse(JSON.stringify(out)));
    expect(validate.errors ?? []).toEqual([]);
  });
});
