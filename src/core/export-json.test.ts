import { describe, expect, it } from 'vitest';
import { createRectangleTrack } from './commands';
import { buildAnnotationsExport, exportFileName } from './export-json';
import { applyCommand, emptyDocument } from './history';
import { frameIndex, pts } from './ids';
import { DEFAULT_LABELS } from './model';
import { TEST_CASE, TEST_EVIDENCE } from './test-support';

describe('native JSON export', () => {
  it('holds the source facts and each box with frame, pts, seconds, label and pixels', () => {
    let doc = emptyDocument();
    doc = applyCommand(
      doc,
      createRectangleTrack(doc, {
        caseId: TEST_CASE.id,
        labelId: DEFAULT_LABELS[0]!.id,
        frame: frameIndex(25),
        pts: pts(12800),
        frameMd5: 'd41d8cd98f00b204e9800998ecf8427e',
        shape: { kind: 'rectangle', x: 1.5, y: 2, width: 30, height: 40.25 },
        now: '2026-01-01T00:00:00.000Z',
      }),
    );
    const out = buildAnnotationsExport({
      evidence: TEST_EVIDENCE,
      caseRecord: TEST_CASE,
      tracks: doc.tracks.values(),
      generator: { name: 'Framewise', version: '0.1.0' },
      now: '2026-02-02T00:00:00.000Z',
      framePts: (frame) => frame * 512,
    });
    expect(out.format).toBe('framewise.annotations');
    expect(out.evidence).toMatchObject({
      fileName: 'cctv.mp4',
      size: 1234,
      sha256: 'a'.repeat(64),
      timeBase: '1/12800',
    });
    expect(out.tracks).toHaveLength(1);
    expect(out.tracks[0]).toMatchObject({ number: 1, label: 'officer' });
    expect(out.tracks[0]!.keyframes[0]).toEqual({
      frame: 25,
      pts: 12800,
      seconds: 1,
      frameMd5: 'd41d8cd98f00b204e9800998ecf8427e',
      source: 'drawn',
      outside: false,
      occluded: false,
      shape: { kind: 'rectangle', x: 1.5, y: 2, width: 30, height: 40.25 },
    });
    expect(out.tracks[0]!.positions).toEqual([
      {
        frame: 25,
        pts: 12800,
        seconds: 1,
        source: 'drawn',
        occluded: false,
        shape: { kind: 'rectangle', x: 1.5, y: 2, width: 30, height: 40.25 },
      },
    ]);
    // Survives a JSON round trip unchanged (no Maps, no undefined).
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('names the download after the video, without path characters', () => {
    expect(exportFileName('cam 3/clip.mp4', 'framewise.json')).toBe(
      'cam 3_clip.mp4.framewise.json',
    );
  });
});
