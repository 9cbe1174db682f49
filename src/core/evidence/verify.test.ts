import { describe, expect, it } from 'vitest';
import { appendEntries, type AuditDraft, type AuditEntry } from './audit';
import { buildEvidencePackage } from '../exports/evidence-package';
import { readEvidencePackage } from '../exports/evidence-package-read';
import { TEST_CASE, TEST_EVIDENCE } from '../test-support';
import {
  auditChecks,
  exportCheck,
  frameChecks,
  packageChecks,
  packagedExportPath,
  readExportForVerification,
  summarize,
  videoChecks,
  type DecodeResults,
  type VerifiableExport,
  type VerifyCheck,
} from './verify';

const MD5_10 = '0123456789abcdef0123456789abcdef';
const MD5_20 = 'fedcba9876543210fedcba9876543210';
const JSON_PATH = 'annotations/cctv.mp4.framewise.json';

const draft = (examiner: string, detail: string): AuditDraft => ({
  caseId: TEST_CASE.id,
  at: '2026-01-01T00:00:00.000Z',
  examiner,
  action: 'note.create',
  targetKind: 'note',
  targetId: 'note_1',
  before: null,
  after: { text: detail },
  appVersion: '0.1.0',
  detail,
});

async function goodExport(): Promise<Record<string, unknown>> {
  const entries = await appendEntries(null, [
    draft('Jo Examiner', 'create case'),
    draft('Jo Examiner', 'add note'),
    draft('Jo Examiner', 'draw box'),
  ]);
  return {
    format: 'framewise.annotations',
    version: 3,
    exportedAt: '2026-01-02T00:00:00.000Z',
    case: { id: TEST_CASE.id, name: TEST_CASE.name, referenceNumber: '' },
    annotationSet: { name: 'Set 1' },
    evidence: {
      fileName: TEST_EVIDENCE.fileName,
      size: TEST_EVIDENCE.size,
      sha256: TEST_EVIDENCE.sha256,
      frameCount: 300,
    },
    frames: [
      { frame: 10, pts: 5120, seconds: 0.4, md5: MD5_10 },
      { frame: 15, pts: 7680, seconds: 0.6, md5: null },
      { frame: 20, pts: 10240, seconds: 0.8, md5: MD5_20 },
    ],
    audit: { entries, headHash: entries.at(-1)!.hash, count: entries.length },
  };
}

const read = (doc: unknown): VerifiableExport => {
  const result = readExportForVerification(JSON.stringify(doc));
  if (!result.ok) throw new Error(result.problem);
  return result.export;
};

const ORIGINAL = {
  fileName: 'cctv.mp4',
  size: TEST_EVIDENCE.size,
  sha256: TEST_EVIDENCE.sha256 as string,
};
const decodedAsExported: DecodeResults = {
  frameCount: 300,
  openError: null,
  videoIsOriginal: true,
  frames: [
    [10, { md5: MD5_10, pts: 5120 }],
    [20, { md5: MD5_20, pts: 10240 }],
  ],
};

/** Every check for an export, a video and what decoding gave. */
async function allChecks(
  doc: unknown,
  video = ORIGINAL,
  decoded = decodedAsExported,
): Promise<VerifyCheck[]> {
  const exported = read(doc);
  return [
    exportCheck({ ok: true, export: exported }, 'x.json'),
    ...videoChecks(exported, video),
    ...frameChecks(exported, decoded),
    ...(await auditChecks(exported.audit)),
  ];
}

const failed = (checks: readonly VerifyCheck[]) =>
  checks.filter((c) => c.result === 'failed').map((c) => c.id);
const byId = (checks: readonly VerifyCheck[], id: string) => checks.find((c) => c.id === id)!;

async function packageOf(doc: unknown, change?: (text: string) => string) {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  const built = await buildEvidencePackage({
    files: [{ path: JSON_PATH, bytes: new TextEncoder().encode(text) }],
    caseRecord: TEST_CASE,
    evidence: TEST_EVIDENCE,
    generator: { name: 'Framewise', version: '0.1.0' },
    createdAt: '2026-03-04T05:06:08.000Z',
    auditHeadHash: (doc as { audit: { headHash: string } }).audit.headHash,
  });
  if (!change) return readEvidencePackage(built.zip);
  // Rewrites the annotations file inside the zip (stored deflated: rebuild with fflate).
  const { unzipSync, zipSync } = await import('fflate');
  const files = unzipSync(built.zip);
  files[JSON_PATH] = new TextEncoder().encode(change(text));
  return readEvidencePackage(zipSync(files));
}

describe('verifying an export', () => {
  it('passes a good export, its video and its frames, with every value shown', async () => {
    const checks = await allChecks(await goodExport());
    expect(failed(checks)).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual([
      'export-json',
      'video-sha256',
      'video-size',
      'video-frame-count',
      'frame-md5-10',
      'frame-md5-20', // frame 15 has no MD5: nothing to check
      'audit-chain',
      'audit-head',
      'audit-count',
    ]);
    expect(byId(checks, 'frame-md5-10').values).toEqual([
      { what: 'MD5', expected: MD5_10, found: MD5_10 },
      { what: 'pts', expected: '5120', found: '5120' },
    ]);
    expect(summarize(checks)).toEqual({ total: 9, failed: 0, text: 'All 9 checks passed' });
  });

  it('fails the video hash when one byte of it differs, and says it is not the original', async () => {
    const changed = `${ORIGINAL.sha256.slice(0, -1)}b`;
    const checks = await allChecks(
      await goodExport(),
      { ...ORIGINAL, sha256: changed },
      {
        ...decodedAsExported,
        videoIsOriginal: false,
      },
    );
    expect(failed(checks)).toEqual(['video-sha256']);
    const hash = byId(checks, 'video-sha256');
    expect(hash.says).toContain('not the original video');
    expect(hash.values).toEqual([{ what: 'SHA-256', expected: ORIGINAL.sha256, found: changed }]);
    // The frames still decode the same, but each says the file is not the original.
    expect(byId(checks, 'frame-md5-10').says).toContain('not the original video');
    expect(summarize(checks).text).toBe('1 of 9 checks failed');
  });

  it('fails the frame whose MD5 differs, naming it', async () => {
    const other = '00000000000000000000000000000000';
    const frames = [decodedAsExported.frames[0]!, [20, { md5: other, pts: 10240 }] as const];
    const checks = await allChecks(await goodExport(), ORIGINAL, { ...decodedAsExported, frames });
    expect(failed(checks)).toEqual(['frame-md5-20']);
    const frame = byId(checks, 'frame-md5-20');
    expect(frame.title).toContain('Frame 20');
    expect(frame.values[0]).toEqual({ what: 'MD5', expected: MD5_20, found: other });
  });

  it('fails a frame that could not be decoded, and every frame if the video cannot be opened', async () => {
    const frames = [
      decodedAsExported.frames[0]!,
      [20, { error: 'Frame 20 is past the end.' }] as const,
    ];
    let checks = await allChecks(await goodExport(), ORIGINAL, { ...decodedAsExported, frames });
    expect(failed(checks)).toEqual(['frame-md5-20']);
    expect(byId(checks, 'frame-md5-20').says).toContain('past the end');
    checks = await allChecks(await goodExport(), ORIGINAL, {
      frameCount: null,
      openError: 'This file has no video stream.',
      videoIsOriginal: true,
      frames: [],
    });
    expect(failed(checks)).toEqual(['video-frame-count', 'frame-md5-10', 'frame-md5-20']);
    expect(byId(checks, 'frame-md5-10').says).toContain('no video stream');
  });

  it('fails the audit chain when one entry was changed, naming the entry', async () => {
    const doc = await goodExport();
    const audit = doc.audit as { entries: AuditEntry[] };
    audit.entries[1] = { ...audit.entries[1]!, examiner: 'Someone Else' };
    const checks = await allChecks(doc);
    expect(failed(checks)).toEqual(['audit-chain']);
    const chain = byId(checks, 'audit-chain');
    expect(chain.says).toContain('entry 1 (note.create by Someone Else');
    expect(chain.says).toContain('its hash does not match its contents');
    expect(chain.values[0]!.expected).toBe(audit.entries[1].hash);
    expect(chain.values[0]!.found).not.toBe(audit.entries[1].hash);
  });

  it('fails the head and the count when the last entry was cut off', async () => {
    const doc = await goodExport();
    const audit = doc.audit as { entries: AuditEntry[] };
    audit.entries.pop();
    const checks = await allChecks(doc);
    expect(failed(checks)).toEqual(['audit-head', 'audit-count']);
    expect(byId(checks, 'audit-count').says).toContain('holds 2 entries, but the file says 3');
  });

  it('reports malformed files in plain words, never throwing', () => {
    const problem = (text: string) => {
      const result = readExportForVerification(text);
      return result.ok ? null : result.problem;
    };
    expect(problem('{"format": "framewise.annotations", "vers')).toContain('cut short');
    expect(problem('not json')).toContain('not valid JSON');
    expect(problem('[1, 2]')).toContain('not a Framewise annotations export');
    expect(problem('{"format": "framewise.backup"}')).toContain(
      'not a Framewise annotations export',
    );
    expect(problem('{"format": "framewise.annotations", "version": 2}')).toContain('version 2');
    expect(problem('{"format": "framewise.annotations", "version": 3}')).toContain(
      'evidence.sha256 is not a SHA-256',
    );
    const check = exportCheck({ ok: false, problem: 'The file is empty.' }, 'a.json');
    expect(check).toMatchObject({
      id: 'export-json',
      result: 'failed',
      says: 'The file is empty.',
    });
  });
});

describe('verifying an evidence package', () => {
  it('passes every file and the manifest of a good package, and finds the annotations in it', async () => {
    const doc = await goodExport();
    const pkg = await packageOf(doc);
    expect(packagedExportPath(pkg.contents.keys())).toBe(JSON_PATH);
    const checks = packageChecks(pkg, read(doc));
    expect(checks.map((c) => c.id)).toEqual([
      `file:${JSON_PATH}`,
      'file:manifest.json',
      'manifest',
    ]);
    expect(failed(checks)).toEqual([]);
  });

  it('fails the file that was changed, naming its path, and the manifest that disagrees', async () => {
    const doc = await goodExport();
    const pkg = await packageOf(doc, (text) => text.replace('"frame": 10', '"frame": 11'));
    const checks = packageChecks(pkg, read(doc));
    expect(failed(checks)).toEqual([`file:${JSON_PATH}`, 'manifest']);
    const file = byId(checks, `file:${JSON_PATH}`);
    expect(file.title).toBe(`File ${JSON_PATH}`);
    expect(file.says).toContain('changed after the package was made');
    expect(file.values[0]!.expected).not.toBe(file.values[0]!.found);
    expect(byId(checks, 'manifest').says).toContain(`disagrees with ${JSON_PATH}`);
  });

  it("checks another annotation set's JSON (sets/) by SHA256SUMS like any file, and never takes it for the annotations", async () => {
    const doc = await goodExport();
    const text = (d: unknown) => new TextEncoder().encode(`${JSON.stringify(d, null, 2)}\n`);
    const setPath = 'sets/cctv.mp4/Second pass.framewise.json';
    const other = { ...doc, annotationSet: { name: 'Second pass' } };
    const built = await buildEvidencePackage({
      files: [
        { path: setPath, bytes: text(other) },
        { path: JSON_PATH, bytes: text(doc) },
      ],
      caseRecord: TEST_CASE,
      evidence: TEST_EVIDENCE,
      generator: { name: 'Framewise', version: '0.1.0' },
      createdAt: '2026-03-04T05:06:08.000Z',
      auditHeadHash: (doc as { audit: { headHash: string } }).audit.headHash,
      otherSets: [
        {
          id: 'set_2',
          name: 'Second pass',
          annotator: 'Jo Examiner',
          status: 'in progress',
          path: setPath,
          videoSha256: TEST_EVIDENCE.sha256,
          videoFileName: TEST_EVIDENCE.fileName,
        },
      ],
    });
    const pkg = await readEvidencePackage(built.zip);
    expect(packagedExportPath(pkg.contents.keys())).toBe(JSON_PATH);
    const checks = packageChecks(pkg, read(doc));
    expect(checks.map((c) => c.id)).toEqual([
      `file:${JSON_PATH}`,
      'file:manifest.json',
      `file:${setPath}`,
      'manifest',
    ]);
    expect(failed(checks)).toEqual([]);
    // Changed after the package was made: that file fails, named, and the manifest with it.
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(built.zip);
    files[setPath] = text({ ...other, annotationSet: { name: 'Forged' } });
    const changed = packageChecks(await readEvidencePackage(zipSync(files)), read(doc));
    expect(failed(changed)).toEqual([`file:${setPath}`, 'manifest']);
    expect(byId(changed, `file:${setPath}`).says).toContain('changed after the package was made');
  });

  it('fails the manifest when it names another video than the annotations file', async () => {
    const doc = await goodExport();
    const pkg = await packageOf(doc);
    const other = { ...doc, evidence: { ...(doc.evidence as object), sha256: 'c'.repeat(64) } };
    const checks = packageChecks(pkg, read(other));
    expect(failed(checks)).toEqual(['manifest']);
    expect(byId(checks, 'manifest').says).toContain('names another video');
  });
});
