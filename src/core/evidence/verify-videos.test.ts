import { describe, expect, it } from 'vitest';
import { appendEntries } from './audit';
import { buildEvidencePackage, type PackageVideo } from '../exports/evidence-package';
import { readEvidencePackage } from '../exports/evidence-package-read';
import { TEST_CASE, TEST_EVIDENCE, TEST_EVIDENCE_B } from '../test-support';
import {
  frameChecks,
  packageChecks,
  readExportForVerification,
  videoChecks,
  type VerifiableExport,
  type VerifyCheck,
} from './verify';
import {
  expectedVideos,
  extraFileCheck,
  manifestCitedFrames,
  matchVideoFiles,
  missingVideoCheck,
  type GivenVideo,
} from './verify-videos';

const MD5_10 = '0123456789abcdef0123456789abcdef';
const MD5_B7 = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';
const JSON_PATH = 'annotations/cctv.mp4.framewise.json';
const A = TEST_EVIDENCE;
const B = TEST_EVIDENCE_B;

/** A version 6 export of a set of video A, in a case of A and B. */
async function twoVideoExport(): Promise<Record<string, unknown>> {
  const entries = await appendEntries(null, [
    {
      caseId: TEST_CASE.id,
      at: '2026-01-01T00:00:00.000Z',
      examiner: 'Jo Examiner',
      action: 'video.add',
      targetKind: 'case',
      targetId: TEST_CASE.id,
      before: null,
      after: { sha256: B.sha256 },
      appVersion: '0.1.0',
      detail: 'add cam-b.mp4',
    },
  ]);
  const video = (e: typeof A, role: string) => ({
    role,
    fileName: e.fileName,
    size: e.size,
    sha256: e.sha256,
    frameCount: e.frameCount,
  });
  return {
    format: 'framewise.annotations',
    version: 6,
    exportedAt: '2026-01-02T00:00:00.000Z',
    case: { id: TEST_CASE.id, name: TEST_CASE.name, referenceNumber: '' },
    annotationSet: { name: 'Set 1' },
    evidence: { fileName: A.fileName, size: A.size, sha256: A.sha256, frameCount: 300 },
    frames: [{ frame: 10, pts: 5120, seconds: 0.4, md5: MD5_10 }],
    videos: [video(A, 'reference'), video(B, 'added')],
    audit: { entries, headHash: entries.at(-1)!.hash, count: entries.length },
  };
}

const read = (doc: unknown): VerifiableExport => {
  const result = readExportForVerification(JSON.stringify(doc));
  if (!result.ok) throw new Error(result.problem);
  return result.export;
};

const packageVideos: PackageVideo[] = [
  {
    role: 'reference',
    fileName: A.fileName,
    size: A.size,
    sha256: A.sha256,
    frameCount: 300,
    citedFrames: [{ frame: 10, pts: 5120, md5: MD5_10 }],
  },
  {
    role: 'added',
    fileName: B.fileName,
    size: B.size,
    sha256: B.sha256,
    frameCount: 450,
    citedFrames: [{ frame: 7, pts: 3600 + 7 * 3600, md5: MD5_B7 }],
  },
];

async function packageOf(doc: Record<string, unknown>, videos = packageVideos) {
  const built = await buildEvidencePackage({
    files: [{ path: JSON_PATH, bytes: new TextEncoder().encode(JSON.stringify(doc)) }],
    caseRecord: TEST_CASE,
    evidence: A,
    generator: { name: 'Framewise', version: '0.1.0' },
    createdAt: '2026-03-04T05:06:08.000Z',
    auditHeadHash: (doc as { audit: { headHash: string } }).audit.headHash,
    videos,
  });
  return readEvidencePackage(built.zip);
}

const given = (e: typeof A, name = e.fileName): GivenVideo => ({
  fileName: name,
  size: e.size,
  sha256: e.sha256,
});
const failed = (checks: readonly VerifyCheck[]) =>
  checks.filter((c) => c.result === 'failed').map((c) => c.id);

describe('verifying a case of several videos', () => {
  it('reads every video the export lists, and none for an export of one video', async () => {
    const exported = read(await twoVideoExport());
    expect(exported.videos.map((v) => [v.fileName, v.role, v.frameCount])).toEqual([
      ['cctv.mp4', 'reference', 300],
      ['cam-b.mp4', 'added', 450],
    ]);
    const single = await twoVideoExport();
    delete single.videos;
    expect(read(single).videos).toEqual([]);
    const bad = { ...(await twoVideoExport()), videos: [{ sha256: 'x' }] };
    expect(readExportForVerification(JSON.stringify(bad))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('videos[0] is not a video with a SHA-256'),
    });
  });

  it('lists the manifest’s cited frames per video, and names what it cannot read', async () => {
    const doc = await twoVideoExport();
    const pkg = await packageOf(doc);
    expect(pkg.manifest?.videos?.map((v) => v.sha256)).toEqual([A.sha256, B.sha256]);
    const { frames, problems } = manifestCitedFrames(pkg.manifest);
    expect(frames.get(B.sha256)).toEqual([{ frame: 7, pts: 28800, md5: MD5_B7 }]);
    expect(problems).toEqual([]);
    const odd = { ...pkg.manifest!, videos: [{ sha256: B.sha256, citedFrames: [{ frame: -1 }] }] };
    expect(manifestCitedFrames(odd as never).problems).toEqual([
      'manifest.json: videos[0].citedFrames[0] is not a frame with an MD5',
    ]);
  });

  it('checks the export’s own video with its frames and each other with its cited frames', async () => {
    const doc = await twoVideoExport();
    const pkg = await packageOf(doc);
    const expected = expectedVideos(read(doc), pkg.manifest);
    expect(expected.map((v) => [v.fileName, v.own, v.frames.map((f) => f.frame)])).toEqual([
      ['cctv.mp4', true, [10]],
      ['cam-b.mp4', false, [7]],
    ]);
    // Only the annotations file: the other video's SHA-256, size and frame count alone.
    expect(expectedVideos(read(doc), null)[1]!.frames).toEqual([]);
    expect(failed(packageChecks(pkg, read(doc)))).toEqual([]);
  });

  it('fails the manifest when it lists other videos than the annotations file', async () => {
    const doc = await twoVideoExport();
    const pkg = await packageOf(doc, [
      packageVideos[0]!,
      { ...packageVideos[1]!, sha256: 'c'.repeat(64) },
    ]);
    const manifest = packageChecks(pkg, read(doc)).find((c) => c.id === 'manifest')!;
    expect(manifest.result).toBe('failed');
    expect(manifest.says).toContain('lists other videos than the annotations file');
  });

  it('matches the files given by SHA-256, then by name, then the one left over', async () => {
    const expected = expectedVideos(read(await twoVideoExport()), null);
    const byHash = matchVideoFiles(expected, [given(B, 'renamed.mp4'), given(A)]);
    expect(byHash.matches.map((m) => m.given?.fileName)).toEqual(['cctv.mp4', 'renamed.mp4']);
    expect(byHash.extra).toEqual([]);
    // A changed copy of B, under its name: still checked as B (and fails), not "missing".
    const changed = { ...given(B), sha256: 'd'.repeat(64) };
    expect(matchVideoFiles(expected, [given(A), changed]).matches[1]!.given).toBe(changed);
    const leftOver = { ...given(B, 'x.mp4'), sha256: 'd'.repeat(64) };
    expect(matchVideoFiles(expected, [leftOver, given(A)]).matches[1]!.given).toBe(leftOver);
    // Nothing for B, and a file that is neither.
    const stranger = { ...given(B, 'x.mp4'), sha256: 'e'.repeat(64) };
    const missing = matchVideoFiles(expected, [given(A)]);
    expect(missing.matches[1]!.given).toBeNull();
    const extra = matchVideoFiles(expected, [given(A), given(B), stranger]);
    expect(extra.extra).toEqual([stranger]);
  });

  it('words another video’s checks under its own ids, and a missing or stray file', async () => {
    const exported = read(await twoVideoExport());
    const b = expectedVideos(exported, (await packageOf(await twoVideoExport())).manifest)[1]!;
    const other = { sha256: b.sha256, fileName: b.fileName };
    const checks = [
      ...videoChecks({ evidence: b }, given(B), other),
      ...frameChecks(
        { evidence: b, frames: b.frames },
        {
          frameCount: 450,
          openError: null,
          videoIsOriginal: true,
          frames: [[7, { md5: MD5_B7, pts: 28800 }]],
        },
        other,
      ),
    ];
    expect(checks.map((c) => [c.id, c.result])).toEqual([
      [`video-sha256:${B.sha256}`, 'passed'],
      [`video-size:${B.sha256}`, 'passed'],
      [`video-frame-count:${B.sha256}`, 'passed'],
      [`frame-md5:${B.sha256}:7`, 'passed'],
    ]);
    expect(checks[0]!.says).toBe(
      'The file is cam-b.mp4, a video of the case, as the export records it.',
    );
    expect(checks[2]!.title).toBe('Number of frames in cam-b.mp4');
    expect(checks[3]!.title).toBe('cam-b.mp4, frame 7: MD5 of the decoded picture');
    const missing = missingVideoCheck(b);
    expect(missing.result).toBe('failed');
    expect(missing.says).toContain('No file was given for cam-b.mp4');
    const stray = extraFileCheck({ fileName: 'x.mp4', size: 1, sha256: 'e'.repeat(64) }, 2);
    expect(stray.says).toBe(
      'This file is none of the 2 videos the export lists (its SHA-256 and name match none of them).',
    );
  });
});
