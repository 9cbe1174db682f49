/**
 * The Verify view's state: checks an evidence package (zip) or a native JSON export against
 * the original video, trusting nothing the sender says: the package's files are hashed, the
 * video is hashed and the frames the export names are decoded afresh, with FFmpeg on its own
 * engine (never the open case's). The comparisons and their words are core/verify.ts.
 */
import { frameIndex } from '../../core/ids';
import { PackageError } from '../../core/exports/evidence-package';
import {
  packageZipOptions,
  verifyPackageContents,
  type PackageVerification,
} from '../../core/exports/evidence-package-read';
import { ZipReadError } from '../../core/exports/zip-read';
import {
  auditChecks,
  exportCheck,
  frameChecks,
  packageChecks,
  packagedExportPath,
  readExportForVerification,
  summarize,
  unreadablePackageCheck,
  videoChecks,
  type ExportRead,
  type FrameOutcome,
  type VerifyCheck,
  type VerifiableExport,
} from '../../core/evidence/verify';
import {
  expectedVideos,
  extraFileCheck,
  matchVideoFiles,
  missingVideoCheck,
  type GivenVideo,
  type VideoMatch,
} from '../../core/evidence/verify-videos';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import { frameMd5s } from '../../media/frame-md5';
import { hashFile } from '../../media/hash-file';
import { messageOf } from '../../media/media-error';
import { VideoSource } from '../../media/video-source';
import { unzipInWorker } from './unzip-in-worker';
import type { FrameStill } from '../../core/exports/frame-still';
import { looksLikeStillSidecar, readStillSidecar } from '../../core/evidence/verify-still';
import { verifyStill } from './verify-still';

export interface VerifyProgress {
  readonly label: string;
  /** 0..1 */
  readonly fraction: number;
}

/** Facts about what was verified, shown above the checks. */
export interface VerifiedFacts {
  readonly exportName: string;
  /** The files given, by name, in the order of the videos they were checked as. */
  readonly videoName: string;
  /** Every video of a case of several, with the file checked as it (null: none given). */
  readonly videos: readonly { readonly listed: string; readonly given: string | null }[];
  readonly caseName: string;
  readonly referenceNumber: string;
  readonly setName: string;
  /** SHA-256 of the package's SHA256SUMS: to compare with the one the examiner recorded. */
  readonly sha256sumsSha256: string | null;
}

const isZip = (head: Uint8Array) =>
  head[0] === 0x50 &&
  head[1] === 0x4b &&
  (head[2] === 3 || head[2] === 5) &&
  head[3] === head[2] + 1;

const VERIFY_CACHE_BYTES = 128 * 1024 * 1024;
/** A JSON export is read when chosen (to list its videos) only up to this size. */
const PRE_READ_JSON_BYTES = 50 * 1024 * 1024;

export class VerifyState {
  exportFile = $state.raw<File | null>(null);
  /** The original video, or for a case of several videos each of its originals, any order. */
  videoFiles = $state.raw<readonly File[]>([]);
  running = $state(false);
  progress = $state.raw<VerifyProgress | null>(null);
  checks = $state.raw<readonly VerifyCheck[]>([]);
  facts = $state.raw<VerifiedFacts | null>(null);
  /**
   * The videos of a case of several the chosen package or export lists, read when it is
   * chosen, so the person knows which originals to give; empty for one video.
   */
  listedVideos = $state.raw<readonly { readonly fileName: string; readonly role: string }[]>([]);
  /** The chosen package unzipped when it was chosen (verifying then uses it, not a second unzip). */
  #unzipped: { readonly file: File; readonly contents: Map<string, Uint8Array> } | null = null;
  /** A still's sidecar chosen instead of an export: its image is then asked for too. */
  still = $state.raw<FrameStill | null>(null);
  stillImage = $state.raw<File | null>(null);
  /** Input that could not be read at all, in plain words (shown as an alert). */
  alert = $state<string | null>(null);
  readonly summary = $derived(this.checks.length > 0 ? summarize(this.checks) : null);

  get canRun(): boolean {
    const inputs = this.still ? this.stillImage !== null && this.videoFiles.length === 1 : true;
    return !this.running && this.exportFile !== null && this.videoFiles.length > 0 && inputs;
  }

  /** A package or export chosen: kept, and the videos it lists read for the view. */
  async chooseExport(file: File | null): Promise<void> {
    this.exportFile = file;
    this.listedVideos = [];
    this.#unzipped = null;
    this.still = null;
    this.alert = null;
    if (!file) return;
    if (await this.#readStill(file)) return;
    try {
      const listed = await this.#videosListedIn(file);
      if (this.exportFile === file) this.listedVideos = listed;
    } catch {
      // Verify says what is wrong with the file; choosing it only lists what it can.
    }
  }

  /** Whether `file` is a still's sidecar (then read, or refused in words); false if not. */
  async #readStill(file: File): Promise<boolean> {
    if (file.size > PRE_READ_JSON_BYTES || !/\.json$/i.test(file.name)) return false;
    const text = await file.text();
    if (!looksLikeStillSidecar(text)) return false;
    const read = readStillSidecar(text);
    if (this.exportFile !== file) return true;
    if (read.ok) this.still = read.still;
    else this.alert = read.problem;
    return true;
  }

  async #videosListedIn(file: File): Promise<{ fileName: string; role: string }[]> {
    let bytes: Uint8Array | null = new Uint8Array(await file.arrayBuffer());
    if (isZip(bytes)) {
      const contents = await unzipInWorker(bytes, packageZipOptions());
      if (this.exportFile === file) this.#unzipped = { file, contents };
      const path = packagedExportPath(contents.keys());
      bytes = path ? (contents.get(path) ?? null) : null;
    } else if (file.size > PRE_READ_JSON_BYTES) {
      return [];
    }
    const read = readExport(bytes, false);
    return read.ok && read.export.videos.length > 1
      ? read.export.videos.map((v) => ({ fileName: v.fileName, role: v.role }))
      : [];
  }

  async run(): Promise<void> {
    const exportFile = this.exportFile;
    const videoFiles = this.videoFiles;
    if (this.running || !exportFile || videoFiles.length === 0) return;
    this.running = true;
    this.checks = [];
    this.facts = null;
    this.alert = null;
    try {
      this.checks =
        this.still && this.stillImage
          ? await verifyStill(this.still, this.stillImage, videoFiles[0]!, (label, fraction) => {
              this.progress = { label, fraction };
            })
          : await this.#verify(exportFile, videoFiles);
    } catch (error) {
      // Not expected (every step reports in words), but the view must never break.
      this.alert = `Verification stopped: ${messageOf(error)}`;
    } finally {
      this.progress = null;
      this.running = false;
    }
  }

  async #verify(exportFile: File, videoFiles: readonly File[]): Promise<VerifyCheck[]> {
    this.progress = { label: `Reading ${exportFile.name}`, fraction: 0 };
    const bytes = new Uint8Array(await exportFile.arrayBuffer());
    const checks: VerifyCheck[] = [];
    let pkg: PackageVerification | null = null;
    let exportName = exportFile.name;
    let exportBytes: Uint8Array | null = bytes;
    if (isZip(bytes)) {
      this.progress = { label: `Checking the files in ${exportFile.name}`, fraction: 0 };
      try {
        const unzipped =
          this.#unzipped?.file === exportFile
            ? this.#unzipped.contents
            : await unzipInWorker(bytes, packageZipOptions()).catch((error) => {
                throw error instanceof ZipReadError ? new PackageError(error.message) : error;
              });
        pkg = await verifyPackageContents(unzipped);
      } catch (error) {
        const reason = error instanceof PackageError ? error.message : messageOf(error);
        this.alert = `${exportFile.name} could not be read as an evidence package (${reason}).`;
        return [unreadablePackageCheck(reason)];
      }
      const path = packagedExportPath(pkg.contents.keys());
      exportName = path ?? exportName;
      exportBytes = path ? (pkg.contents.get(path) ?? null) : null;
    }
    const read = readExport(exportBytes, pkg !== null);
    if (pkg) checks.push(...packageChecks(pkg, read.ok ? read.export : null));
    checks.push(exportCheck(read, exportName));
    if (!read.ok) {
      this.alert = read.problem;
      return checks;
    }
    const exported = read.export;
    const given = await this.#hashAll(videoFiles);
    const expected = expectedVideos(exported, pkg?.manifest ?? null);
    const { matches, extra } = matchVideoFiles(expected, given);
    const several = expected.length > 1;
    this.facts = {
      exportName: exportFile.name,
      videoName: matches
        .flatMap((m) => (m.given ? [m.given.fileName] : []))
        .concat(extra.map((e) => e.fileName))
        .join(', '),
      // In case order, the reference first (the checks start with the export's own video).
      videos: several
        ? exported.videos.flatMap((v) =>
            matches
              .filter((m) => m.expected.sha256 === v.sha256)
              .map((m) => ({ listed: m.expected.fileName, given: m.given?.fileName ?? null })),
          )
        : [],
      caseName: exported.caseName,
      referenceNumber: exported.referenceNumber,
      setName: exported.setName,
      sha256sumsSha256: pkg?.sha256sumsSha256 ?? null,
    };
    for (const match of matches) {
      checks.push(...(await this.#videoChecks(exported, match, given, videoFiles)));
    }
    checks.push(...extra.map((file) => extraFileCheck(file, expected.length)));
    this.progress = { label: 'Checking the audit log', fraction: 1 };
    checks.push(...(await auditChecks(exported.audit)));
    return checks;
  }

  /** Every file given, hashed here (never trusting its name). */
  async #hashAll(files: readonly File[]): Promise<GivenVideo[]> {
    const given: GivenVideo[] = [];
    for (const file of files) {
      const sha256 = await hashFile(file, (fraction) => {
        this.progress = { label: `Computing the SHA-256 of ${file.name}`, fraction };
      });
      given.push({ fileName: file.name, size: file.size, sha256 });
    }
    return given;
  }

  /** One video's checks: its file's SHA-256 and size, its frame count and listed frames. */
  async #videoChecks(
    exported: VerifiableExport,
    { expected, given }: VideoMatch,
    all: readonly GivenVideo[],
    files: readonly File[],
  ): Promise<VerifyCheck[]> {
    if (!given) return [missingVideoCheck(expected)];
    const file = files[all.indexOf(given)]!;
    const other = expected.own ? null : { sha256: expected.sha256, fileName: expected.fileName };
    const listed = expected.own ? exported : { evidence: expected, frames: expected.frames };
    const decoded = await this.#decode(
      file,
      listed.frames.map((f) => f.frame),
    );
    return [
      ...videoChecks(listed, given, other),
      ...frameChecks(
        listed,
        { ...decoded, videoIsOriginal: given.sha256 === expected.sha256 },
        other,
      ),
    ];
  }

  /** Opens the video on this view's engine and decodes each listed frame, one by one. */
  async #decode(file: File, frames: readonly number[]) {
    // A core of its own, stopped when done: nothing of the verified file stays loaded.
    const engine = new FfmpegEngine();
    try {
      return await this.#decodeOn(engine, file, frames);
    } finally {
      engine.close();
    }
  }

  async #decodeOn(engine: FfmpegEngine, file: File, frames: readonly number[]) {
    const outcomes: [number, FrameOutcome][] = [];
    this.progress = { label: `Opening ${file.name} with FFmpeg`, fraction: 0 };
    let source: VideoSource;
    try {
      source = await VideoSource.open(file, engine);
      // Each listed frame is decoded once and hashed: no need for the viewer's large cache.
      source.setCacheBytes(VERIFY_CACHE_BYTES);
    } catch (error) {
      return { frameCount: null, openError: messageOf(error), frames: outcomes };
    }
    const wanted = [...frames].sort((a, b) => a - b).filter((f, i, all) => f !== all[i - 1]);
    for (const [i, frame] of wanted.entries()) {
      this.progress = {
        label: `Decoding frame ${frame} (${i + 1} of ${wanted.length})`,
        fraction: i / Math.max(1, wanted.length),
      };
      if (frame >= source.frameCount) {
        outcomes.push([
          frame,
          {
            error: `The video has only ${source.frameCount} frames (0 to ${source.frameCount - 1}): this one is not in it.`,
          },
        ]);
        continue;
      }
      try {
        // A source of Verify's own, on FFmpeg only: the reference decoder.
        const md5 = (await frameMd5s(source, [frame])).get(frame)?.md5;
        const entry = source.table.frames[frameIndex(frame)];
        if (md5 === undefined)
          outcomes.push([frame, { error: 'This frame could not be decoded.' }]);
        else outcomes.push([frame, { md5, pts: entry?.reportedPts ?? null }]);
      } catch (error) {
        outcomes.push([frame, { error: messageOf(error) }]);
      }
    }
    return { frameCount: source.frameCount, openError: null, frames: outcomes };
  }
}

/** The export's text read for verifying; in words when there is none or it is not text. */
function readExport(bytes: Uint8Array | null, fromPackage: boolean): ExportRead {
  if (!bytes) {
    return {
      ok: false,
      problem: fromPackage
        ? 'The package holds no Framewise annotations file (annotations/<video>.framewise.json), so there is nothing to check the video against.'
        : 'The file could not be read.',
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      problem:
        'The file is neither an evidence package (zip) nor text: it is not a Framewise export.',
    };
  }
  return readExportForVerification(text);
}
