import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CASE, TEST_EVIDENCE, TEST_EVIDENCE_B } from '../test-support';
import {
  buildEvidencePackage,
  PACKAGE_SUFFIXES,
  PackageError,
  pathProblem,
  sha256HexOfBytes,
  type PackageFile,
} from './evidence-package';
import { readEvidencePackage } from './evidence-package-read';

const utf8 = (text: string) => new TextEncoder().encode(text);
const PNG = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const FILES: PackageFile[] = [
  { path: 'stills/cctv.mp4.frame-000123.clean.png', bytes: PNG },
  { path: 'annotations/cctv.mp4.framewise.json', bytes: utf8('{"format":"x"}\n') },
  { path: 'stills/cctv.mp4.frame-000123.clean.png.json', bytes: utf8('{}\n') },
  { path: 'events/cctv.mp4.events.csv', bytes: utf8('a,b\r\n') },
  { path: 'notes/café notes – 1.txt', bytes: utf8('ünïcödé\n'), description: 'examiner notes' },
];

const build = (files: PackageFile[] = FILES) =>
  buildEvidencePackage({
    files,
    caseRecord: TEST_CASE,
    evidence: TEST_EVIDENCE,
    generator: { name: 'Framewise', version: '0.1.0' },
    createdAt: '2026-03-04T05:06:08.000Z',
    auditHeadHash: 'b'.repeat(64),
  });

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Unzips with fflate's own reader (not ours) into a new temporary folder. */
function unzipToTemp(zip: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'framewise-package-'));
  tempDirs.push(dir);
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  return dir;
}

/** The real GNU `sha256sum -c SHA256SUMS` in a folder: exit code and output. */
function sha256sumCheck(dir: string): { status: number | null; output: string } {
  const run = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('buildEvidencePackage', () => {
  it('passes the real `sha256sum -c SHA256SUMS` once unzipped', async () => {
    const { zip, sha256sums } = await build();
    const dir = unzipToTemp(zip);
    const check = sha256sumCheck(dir);
    expect(check.output).not.toContain('FAILED');
    expect(check.status).toBe(0);
    expect(check.output.match(/: OK$/gm)).toHaveLength(FILES.length + 1);
    expect(readFileSync(join(dir, 'SHA256SUMS'), 'utf8')).toBe(sha256sums);
    expect(sha256sums.split('\n')[0]).toMatch(/^[0-9a-f]{64} {2}annotations\/cctv/);
  });

  it('writes a manifest listing every file with size, hash and what it is', async () => {
    const { zip, manifest } = await build();
    const stored = JSON.parse(new TextDecoder().decode(unzipSync(zip)['manifest.json']));
    expect(stored).toEqual(manifest);
    expect(manifest).toMatchObject({
      format: 'framewise.evidence-package',
      version: 1,
      case: { id: TEST_CASE.id, name: 'Test case', referenceNumber: '' },
      evidence: { fileName: 'cctv.mp4', size: 1234, sha256: TEST_EVIDENCE.sha256 },
      auditHeadHash: 'b'.repeat(64),
    });
    expect(manifest.files.map((f) => [f.path, f.description])).toEqual([
      ['annotations/cctv.mp4.framewise.json', 'Framewise annotations (JSON)'],
      ['events/cctv.mp4.events.csv', 'events (CSV)'],
      ['notes/café notes – 1.txt', 'examiner notes'],
      ['stills/cctv.mp4.frame-000123.clean.png', 'frame still (PNG)'],
      ['stills/cctv.mp4.frame-000123.clean.png.json', 'frame still description (JSON sidecar)'],
    ]);
    expect(manifest.files[3]).toMatchObject({
      size: PNG.length,
      sha256: await sha256HexOfBytes(PNG),
    });
  });

  it('says in manifest.json what it is for and holds, and of which set', async () => {
    const { zip, manifest } = await buildEvidencePackage({
      files: FILES,
      caseRecord: TEST_CASE,
      evidence: TEST_EVIDENCE,
      generator: { name: 'Framewise', version: '0.1.0' },
      createdAt: '2026-03-04T05:06:08.000Z',
      purpose: { kind: 'court-report', contents: 'the files the report cites' },
      annotationSet: { id: 'set_1', name: 'Set 1', annotator: 'A. Examiner', status: 'final' },
    });
    const stored = JSON.parse(new TextDecoder().decode(unzipSync(zip)['manifest.json']));
    expect(stored).toEqual(manifest);
    expect(stored.purpose).toEqual({
      kind: 'court-report',
      contents: 'the files the report cites',
    });
    expect(stored.annotationSet).toMatchObject({ name: 'Set 1', annotator: 'A. Examiner' });
    // Still read and verified as before (the fields are additions to version 1).
    const read = await readEvidencePackage(zip);
    expect(read.problems).toEqual([]);
    expect(read.ok).toBe(true);
    expect(read.manifest?.purpose?.kind).toBe('court-report');
  });

  it('lists every video of a case of several, with its cited frames, and none for one', async () => {
    const video = (e: typeof TEST_EVIDENCE, role: 'reference' | 'added', frame: number) => ({
      role,
      fileName: e.fileName,
      size: e.size,
      sha256: e.sha256,
      frameCount: e.frameCount,
      citedFrames: [{ frame, pts: frame * 512, md5: 'c'.repeat(32) }],
    });
    const videos = [video(TEST_EVIDENCE, 'reference', 3), video(TEST_EVIDENCE_B, 'added', 7)];
    const input = {
      files: [...FILES, { path: 'sync.json', bytes: utf8('{}\n') }],
      caseRecord: TEST_CASE,
      evidence: TEST_EVIDENCE,
      generator: { name: 'Framewise', version: '0.1.0' },
      createdAt: '2026-03-04T05:06:08.000Z',
    };
    const { zip, manifest } = await buildEvidencePackage({ ...input, videos });
    expect(manifest.videos).toEqual(videos);
    expect(manifest.files.find((f) => f.path === 'sync.json')?.description).toBe(
      'synchronisation of the case’s videos (JSON)',
    );
    expect((await readEvidencePackage(zip)).ok).toBe(true);
    // One video: no list (the manifest is as before cases held several).
    const single = await buildEvidencePackage({ ...input, videos: videos.slice(0, 1) });
    expect('videos' in single.manifest).toBe(false);
  });

  it('names each other annotation set with its file, checked by SHA256SUMS like any file', async () => {
    const path = 'sets/B.mp4/Second pass.framewise.json';
    const otherSets = [
      {
        id: 'set_b',
        name: 'Second pass',
        annotator: 'B. Examiner',
        status: 'for review',
        path,
        videoSha256: TEST_EVIDENCE_B.sha256,
        videoFileName: TEST_EVIDENCE_B.fileName,
      },
    ];
    const input = {
      files: [...FILES, { path, bytes: utf8('{"format":"framewise.annotations"}\n') }],
      caseRecord: TEST_CASE,
      evidence: TEST_EVIDENCE,
      generator: { name: 'Framewise', version: '0.1.0' },
      createdAt: '2026-03-04T05:06:08.000Z',
    };
    const { zip, manifest, sha256sums } = await buildEvidencePackage({ ...input, otherSets });
    expect(manifest.otherSets).toEqual(otherSets);
    expect(manifest.files.find((f) => f.path === path)?.description).toBe(
      'Framewise annotations (JSON)',
    );
    expect(sha256sums).toContain(`  ${path}\n`);
    // The real sha256sum finds it in its folder, and fails it once changed.
    const dir = unzipToTemp(zip);
    expect(sha256sumCheck(dir).output).toContain(`${path}: OK`);
    expect((await readEvidencePackage(zip)).ok).toBe(true);
    writeFileSync(join(dir, path), '{"format":"framewise.annotations","tampered":1}\n');
    const check = sha256sumCheck(dir);
    expect(check.status).toBe(1);
    expect(check.output).toContain(`${path}: FAILED`);
    const changed = { ...unzipSync(zip), [path]: new Uint8Array(readFileSync(join(dir, path))) };
    const read = await readEvidencePackage(zipSync(changed));
    expect(read.ok).toBe(false);
    expect(read.files.filter((f) => f.status !== 'passed')).toEqual([
      expect.objectContaining({ path, status: 'failed' }),
    ]);
    // None: no list (a case of one set is as before); a set named without its file is refused.
    expect('otherSets' in (await buildEvidencePackage(input)).manifest).toBe(false);
    const withoutFile = { ...input, files: FILES, otherSets };
    await expect(buildEvidencePackage(withoutFile)).rejects.toThrow(PackageError);
  });

  it('reading: a manifest naming a set file it does not list is a problem', async () => {
    const files = unzipSync((await build()).zip);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.otherSets = [{ id: 'set_x', path: 'sets/x/gone.framewise.json' }];
    const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
    files['manifest.json'] = manifestBytes;
    const sums = new TextDecoder()
      .decode(files.SHA256SUMS)
      .replace(/^[0-9a-f]{64}(?= {2}manifest\.json$)/m, await sha256HexOfBytes(manifestBytes));
    files.SHA256SUMS = utf8(sums);
    const read = await readEvidencePackage(zipSync(files));
    expect(read.files.every((f) => f.status === 'passed')).toBe(true);
    expect(read.problems).toEqual([
      'manifest.json names an annotation set file it does not list: "sets/x/gone.framewise.json"',
    ]);
    expect(read.ok).toBe(false);
  });

  it("names the report's package apart from the Export menu's", () => {
    expect(PACKAGE_SUFFIXES['court-report']).not.toBe(PACKAGE_SUFFIXES.export);
    expect(PACKAGE_SUFFIXES['court-report'].endsWith(`.${PACKAGE_SUFFIXES.export}`)).toBe(true);
    expect(PACKAGE_SUFFIXES['court-report'].startsWith('report.')).toBe(true);
  });

  it('is reproducible, with createdAt (UTC) as every entry time', async () => {
    const [a, b] = [await build(), await build()];
    expect(a.zip).toEqual(b.zip);
    const view = new DataView(a.zip.buffer, a.zip.byteOffset);
    const [time, date] = [view.getUint16(10, true), view.getUint16(12, true)];
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2026, 3, 4]);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([5, 6, 8]);
  });

  it('unzips with Info-ZIP too, where it is installed', async () => {
    if (spawnSync('unzip', ['-v']).status !== 0) return;
    const dir = mkdtempSync(join(tmpdir(), 'framewise-unzip-'));
    tempDirs.push(dir);
    writeFileSync(join(dir, 'package.zip'), (await build()).zip);
    execFileSync('unzip', ['-q', 'package.zip', '-d', 'out'], { cwd: dir });
    expect(sha256sumCheck(join(dir, 'out')).status).toBe(0);
  });

  it.each([
    '../evil.txt',
    'a/../../evil.txt',
    '/etc/passwd',
    'a\\b.txt',
    'a\u0000b.txt',
    'a\nb.txt',
    'a/./b.txt',
    'a//b.txt',
    'dir/',
    'C:/x.txt',
    'CON.txt',
    'manifest.json',
    'SHA256SUMS',
    'cafe\u0301.txt',
  ])('refuses the path %j', async (path) => {
    await expect(build([{ path, bytes: utf8('x') }])).rejects.toThrow(PackageError);
  });

  it('refuses duplicate paths, even ones differing only in case', async () => {
    const twice = [FILES[0]!, { ...FILES[0]!, path: FILES[0]!.path.toUpperCase() }];
    await expect(build(twice)).rejects.toThrow(/duplicate/);
    expect(pathProblem('stills/a b.png')).toBeNull();
  });
});

describe('readEvidencePackage', () => {
  it('passes every file of an untouched package', async () => {
    const { zip, manifest, sha256sums } = await build();
    const result = await readEvidencePackage(zip);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.files.map((f) => f.status)).toEqual(Array(FILES.length + 1).fill('passed'));
    expect(result.manifest).toEqual(manifest);
    expect(result.sha256sumsSha256).toBe(await sha256HexOfBytes(utf8(sha256sums)));
    expect(result.contents.get('stills/cctv.mp4.frame-000123.clean.png')).toEqual(PNG);
  });

  it('fails a file with one byte flipped, as sha256sum does', async () => {
    const { zip } = await build();
    const dir = unzipToTemp(zip);
    const path = 'stills/cctv.mp4.frame-000123.clean.png';
    const bytes = readFileSync(join(dir, path));
    bytes[40]! ^= 0x01;
    writeFileSync(join(dir, path), bytes);
    const check = sha256sumCheck(dir);
    expect(check.status).toBe(1);
    expect(check.output).toContain(`${path}: FAILED`);

    const repacked = Object.fromEntries(
      Object.entries(unzipSync(zip)).map(([p, b]) => [p, p === path ? new Uint8Array(bytes) : b]),
    );
    const result = await readEvidencePackage(zipSync(repacked));
    expect(result.ok).toBe(false);
    expect(result.files.filter((f) => f.status !== 'passed')).toEqual([
      expect.objectContaining({ path, status: 'failed' }),
    ]);
    expect(result.problems).toEqual([`manifest.json disagrees with ${path} (size or SHA-256)`]);
  });

  it('reports files missing from the zip or not listed in SHA256SUMS', async () => {
    const files = unzipSync((await build()).zip);
    delete files['events/cctv.mp4.events.csv'];
    files['extra.txt'] = utf8('slipped in');
    const result = await readEvidencePackage(zipSync(files));
    expect(result.ok).toBe(false);
    const status = Object.fromEntries(result.files.map((f) => [f.path, f.status]));
    expect(status['events/cctv.mp4.events.csv']).toBe('missing');
    expect(status['extra.txt']).toBe('unlisted');
  });

  it('refuses a zip with a hostile path', async () => {
    const zip = zipSync({ '../evil.sh': utf8('rm -rf ~'), SHA256SUMS: utf8('') });
    await expect(readEvidencePackage(zip)).rejects.toThrow(/unsafe paths/);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(24 * 2 ** 20) });
    expect(bomb.length).toBeLessThan(2 ** 20);
    const limits = { maxEntries: 100, maxTotalBytes: 8 * 2 ** 20 };
    await expect(readEvidencePackage(bomb, limits)).rejects.toThrow(/over 8388608 bytes/);
  });

  it('stops inflating an entry whose header understates its size', async () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(24 * 2 ** 20) });
    const view = new DataView(bomb.buffer);
    const central = bomb.findIndex((_, i) => view.getUint32(i, true) === 0x02014b50);
    view.setUint32(central + 24, 1000, true);
    await expect(readEvidencePackage(bomb)).rejects.toThrow(
      /inflates to more than the 1000 bytes its header states/,
    );
  });

  it('refuses too many entries, and what is not a zip', async () => {
    const { zip } = await build();
    await expect(
      readEvidencePackage(zip, { maxEntries: 3, maxTotalBytes: 2 ** 20 }),
    ).rejects.toThrow(/over 3 entries/);
    await expect(readEvidencePackage(utf8('not a zip at all'))).rejects.toThrow(PackageError);
    await expect(readEvidencePackage(zip.subarray(0, zip.length - 30))).rejects.toThrow(
      PackageError,
    );
  });
});
