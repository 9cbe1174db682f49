import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildAnnotationsExport } from './export-json';
import {
  buildSyncJson,
  exportedSync,
  exportedVideos,
  type SeveralVideosInput,
} from './export-sync';
import { parseAnnotationsExport } from './annotations-import';
import { emptyDocument } from '../annotations/history';
import { DEFAULT_LABELS } from '../annotations/model';
import { videosWithRoles } from '../annotations/case-video-roles';
import schema from '../schemas/annotations.schema.json';
import {
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_EVIDENCE_B,
  TEST_NOW,
  TEST_SET,
  TEST_SET_B,
} from '../test-support';
import { TEST_SYNC, TEST_SYNCED_CASE, testFit } from '../sync/two-camera-test-support';
import { EMPTY_SYNC } from '../sync/model';

const validate = new Ajv({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  discriminator: true,
}).compile(schema);

const several = (sync = TEST_SYNC): SeveralVideosInput => {
  const [a, b] = videosWithRoles(TEST_SYNCED_CASE);
  return {
    videos: [
      { ref: a!, evidence: TEST_EVIDENCE },
      { ref: b!, evidence: TEST_EVIDENCE_B },
    ],
    sync,
    fit: testFit(sync),
    sets: [TEST_SET_B, TEST_SET],
  };
};

const exportOf = (severalVideos: SeveralVideosInput | null) =>
  buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: severalVideos ? TEST_SYNCED_CASE : TEST_CASE,
    annotationSet: TEST_SET,
    document: emptyDocument(DEFAULT_LABELS),
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg', version: '7.0' },
    audit: [],
    now: TEST_NOW,
    framePts: () => null,
    frameMd5: () => null,
    severalVideos,
  });

describe('the native JSON export of a case of several videos', () => {
  it('holds neither videos nor sync for a case of one video', () => {
    const single = exportOf(null);
    expect('videos' in single || 'sync' in single).toBe(false);
    const one = { ...several(), videos: several().videos.slice(0, 1) };
    expect(Object.keys(exportOf(one))).toEqual(Object.keys(single));
  });

  it('lists every video with its facts, role, clock, mapping and sets, and passes the schema', () => {
    const out = exportOf(several());
    expect(validate(JSON.parse(JSON.stringify(out))), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(out).slice(4, 8)).toEqual(['evidence', 'case', 'videos', 'sync']);
    const [a, b] = out.videos!;
    expect(a).toMatchObject({
      role: 'reference',
      fileName: 'cctv.mp4',
      sha256: TEST_EVIDENCE.sha256,
      timeBase: '1/12800',
      frameCount: 300,
      addedAt: TEST_CASE.createdAt,
      clock: null,
      mapping: { state: 'reference', rate: 1, offset: 0, rateSd: 0, offsetSd: 0, rmseMs: null },
      annotationSets: [{ id: TEST_SET.id, name: 'Set 1', annotator: 'Test Examiner' }],
    });
    expect(b).toMatchObject({
      role: 'added',
      fileName: 'cam-b.mp4',
      size: 5678,
      codec: 'hevc',
      timeBase: '1/90000',
      startPts: 3600,
      startSeconds: 0.04,
      frameCount: 450,
      addedAt: TEST_EVIDENCE_B.addedAt,
      annotationSets: [{ id: TEST_SET_B.id, annotator: 'Second Examiner' }],
    });
    expect(b!.mapping.state).toBe('synced');
    expect(b!.mapping.offset).toBeCloseTo(1.3667, 4);
    expect(b!.mapping.rate).toBeCloseTo(1, 4);
    expect(b!.mapping.offsetSd).toBeGreaterThan(0);
    expect(b!.mapping.rmseMs).toBeCloseTo(4.714, 3);
  });

  it('states the sync: anchors with residuals, each video’s fit, accepted suggestions, method', () => {
    const sync = exportOf(several()).sync!;
    expect(sync.referenceSha256).toBe(TEST_EVIDENCE.sha256);
    expect(sync.convention).toContain('t_case = rate × t_video + offset');
    expect(sync.anchors.map((a) => [a.id, a.source, a.a.frame, a.b.frame])).toEqual([
      ['anchor_1', 'frames', 50, 19],
      ['anchor_2', 'sound', 150, 139],
      ['anchor_3', 'dvr-clock', 250, 259],
    ]);
    // t_case of B's end minus A's: the 10 ms error of anchor 2 shared out by the fit.
    expect(sync.anchors.map((a) => Math.round(a.residualMs! * 10) / 10)).toEqual([-3.3, 6.7, -3.3]);
    expect(sync.videos[1]).toMatchObject({ sha256: TEST_EVIDENCE_B.sha256, anchorCount: 3 });
    expect(sync.videos[1]!.residualsMs.anchor_2).toBeCloseTo(-6.667, 3);
    expect(sync.videos[1]!.rateOffsetCov).toBeLessThan(0);
    expect(sync.soundSuggestions).toEqual(TEST_SYNC.soundSuggestions);
    expect(sync.method).toContain('reference video cctv.mp4');
    expect(sync.method).toContain(
      '3 anchors (1 matched by eye on the pictures; 1 read from the cameras’ on-screen clocks; 1 from the sound',
    );
    expect(sync.method).toContain('1 offset was suggested by comparing the videos’ sound');
    expect(sync.problems).toEqual([]);
  });

  it('gives an unplaced video null numbers and says so', () => {
    const out = exportOf(several(EMPTY_SYNC));
    expect(validate(JSON.parse(JSON.stringify(out))), JSON.stringify(validate.errors)).toBe(true);
    expect(out.videos![1]!.mapping).toEqual({
      state: 'unsynced',
      rate: null,
      offset: null,
      rateSd: null,
      offsetSd: null,
      rmseMs: null,
    });
    expect(out.sync!.videos[1]).toMatchObject({ anchorCount: 0, residualsMs: {} });
    expect(out.sync!.method).toContain('No anchor was made');
  });

  it('is read back by the import, and refused when one of the two blocks is missing', async () => {
    const out = exportOf(several());
    expect((await parseAnnotationsExport(JSON.stringify(out))).ok).toBe(true);
    const withoutSync = JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
    delete withoutSync.sync;
    const refused = await parseAnnotationsExport(JSON.stringify(withoutSync));
    expect(refused.ok ? [] : refused.problems).toEqual([
      'The file must have property sync when property videos is present; it is an object.',
    ]);
  });

  it('is refused when its videos and sync do not hang together, named in words', async () => {
    const out = JSON.parse(JSON.stringify(exportOf(several())));
    out.videos.reverse();
    out.sync.anchors[0].b.sha256 = 'c'.repeat(64);
    const refused = await parseAnnotationsExport(JSON.stringify(out));
    expect(refused.ok ? [] : refused.problems).toEqual([
      'videos must list the reference video first, and only it as the reference.',
      'sync.referenceSha256 is not the first video of videos.',
      'sync.anchors[0] refers to a video that videos does not list.',
    ]);
  });

  it('writes the same blocks into the package’s sync.json', () => {
    const input = several();
    const doc = JSON.parse(
      buildSyncJson({
        ...input,
        caseRecord: TEST_SYNCED_CASE,
        generator: { name: 'Framewise', version: '0.1.0' },
        now: TEST_NOW,
      }),
    );
    expect(doc).toMatchObject({ format: 'framewise.sync', version: 1, exportedAt: TEST_NOW });
    expect(doc.case).toEqual({ id: TEST_CASE.id, name: 'Test case', referenceNumber: '' });
    expect(doc.videos).toEqual(JSON.parse(JSON.stringify(exportedVideos(input))));
    expect(doc.sync).toEqual(JSON.parse(JSON.stringify(exportedSync(input))));
  });
});
