/**
 * Verifying a case of several videos (issue 15). The annotations file lists every video of
 * the case (`videos`), the package's manifest.json the frames of each that its stills show
 * (`citedFrames`, with their MD5s). The person gives the originals in any order: each file is
 * matched to a listed video by SHA-256, else by file name, else as the one left over; each
 * video is then checked as the export's own is (SHA-256, size, frame count, each listed
 * frame's MD5). A listed video with no file, or a file that is none of them, fails in words.
 */
import type { PackageManifest } from '../exports/evidence-package';
import { isObject } from '../json-guard';
import { check, type VerifyCheck } from './verify-check';
import { text, type ListedFrame, type VerifiableExport } from './verify-export';

/** A video to check and what to check it against. */
export interface ExpectedVideo {
  readonly role: 'reference' | 'added';
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
  readonly frameCount: number | null;
  /** The frames to decode and compare. */
  readonly frames: readonly ListedFrame[];
  /** The export's own video: checked with its frames, under the checks' usual ids. */
  readonly own: boolean;
}

/** A file the person gave: its name, size and SHA-256 as computed here. */
export interface GivenVideo {
  readonly fileName: string;
  readonly size: number;
  readonly sha256: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * The cited frames manifest.json lists per video (by SHA-256); what cannot be read as such is
 * left out and named in `problems` (a manifest is as untrusted as the rest of the package).
 */
export function manifestCitedFrames(manifest: PackageManifest | null): {
  readonly frames: ReadonlyMap<string, readonly ListedFrame[]>;
  readonly problems: readonly string[];
} {
  const frames = new Map<string, ListedFrame[]>();
  const problems: string[] = [];
  const videos: unknown = manifest?.videos;
  if (videos === undefined) return { frames, problems };
  if (!Array.isArray(videos)) return { frames, problems: ['manifest.json: videos is not a list'] };
  videos.forEach((v: unknown, i) => {
    const item = isObject(v) ? v : {};
    const cited = Array.isArray(item.citedFrames) ? (item.citedFrames as unknown[]) : null;
    if (!HEX64.test(text(item.sha256)) || !cited) {
      problems.push(`manifest.json: videos[${i}] is not a video with a SHA-256 and cited frames`);
      return;
    }
    const listed: ListedFrame[] = [];
    cited.forEach((f, j) => {
      const frame = isObject(f) ? f : {};
      if (isCount(frame.frame) && HEX32.test(text(frame.md5))) {
        const pts = Number.isSafeInteger(frame.pts) ? (frame.pts as number) : null;
        listed.push({ frame: frame.frame, pts, md5: frame.md5 as string });
      } else {
        problems.push(`manifest.json: videos[${i}].citedFrames[${j}] is not a frame with an MD5`);
      }
    });
    frames.set(item.sha256 as string, listed);
  });
  return { frames, problems };
}

/**
 * The videos to check: the export's own (its frames), then, for a case of several, every
 * other video it lists, with the cited frames the package's manifest gives for it (none when
 * only the annotations file was given: then its SHA-256, size and frame count are checked).
 */
export function expectedVideos(
  exported: VerifiableExport,
  manifest: PackageManifest | null,
): ExpectedVideo[] {
  const own: ExpectedVideo = {
    role: exported.videos.find((v) => v.sha256 === exported.evidence.sha256)?.role ?? 'reference',
    ...exported.evidence,
    frames: exported.frames,
    own: true,
  };
  const cited = manifestCitedFrames(manifest).frames;
  const others = exported.videos
    .filter((v) => v.sha256 !== exported.evidence.sha256)
    .filter((v, i, all) => all.findIndex((w) => w.sha256 === v.sha256) === i)
    .map((v) => ({ ...v, frames: cited.get(v.sha256) ?? [], own: false }));
  return [own, ...others];
}

export interface VideoMatch {
  readonly expected: ExpectedVideo;
  readonly given: GivenVideo | null;
}

/**
 * Each expected video with the file given for it: the file of its SHA-256; else one of its
 * name; else, when one video and one file are left, that file (so a changed original is
 * still checked, and fails, rather than reported missing). Files matching none: `extra`.
 */
export function matchVideoFiles(
  expected: readonly ExpectedVideo[],
  given: readonly GivenVideo[],
): { readonly matches: VideoMatch[]; readonly extra: GivenVideo[] } {
  const left = [...given];
  const take = (test: (g: GivenVideo) => boolean): GivenVideo | null => {
    const i = left.findIndex(test);
    return i < 0 ? null : left.splice(i, 1)[0]!;
  };
  const found = new Map<ExpectedVideo, GivenVideo | null>(expected.map((e) => [e, null]));
  for (const e of expected)
    found.set(
      e,
      take((g) => g.sha256 === e.sha256),
    );
  for (const e of expected) {
    if (!found.get(e))
      found.set(
        e,
        take((g) => g.fileName === e.fileName),
      );
  }
  const unmatched = expected.filter((e) => !found.get(e));
  if (unmatched.length === 1 && left.length === 1) found.set(unmatched[0]!, left.pop()!);
  return {
    matches: expected.map((e) => ({ expected: e, given: found.get(e) ?? null })),
    extra: left,
  };
}

/** A listed video for which no file was given. */
export function missingVideoCheck(video: ExpectedVideo): VerifyCheck {
  return check(
    `video-sha256:${video.sha256}`,
    'video',
    `Video ${video.fileName}: SHA-256 of the whole file`,
    false,
    `No file was given for ${video.fileName}, a video of the case (${video.role === 'reference' ? 'its reference' : 'added to it'}), so it was not checked. Choose its original too and verify again.`,
    [{ what: 'SHA-256', expected: video.sha256, found: '(no file given)' }],
  );
}

/** A file given that is none of the listed videos. */
export function extraFileCheck(file: GivenVideo, listed: number): VerifyCheck {
  return check(
    `video-extra:${file.fileName}:${file.sha256}`,
    'video',
    `Video ${file.fileName}: one of the case's videos?`,
    false,
    `This file is none of the ${listed === 1 ? 'video' : `${listed} videos`} the export lists (its SHA-256 and name match none of them).`,
    [{ what: 'SHA-256', expected: '(one listed)', found: file.sha256 }],
  );
}

/** manifest.json and the annotations file must list the same videos. */
export function manifestVideoProblems(
  manifest: PackageManifest | null,
  exported: VerifiableExport,
): string[] {
  const { problems } = manifestCitedFrames(manifest);
  const inManifest = Array.isArray(manifest?.videos)
    ? manifest.videos.map((v) => text((v as { sha256?: unknown } | null)?.sha256))
    : [];
  const inExport = exported.videos.map((v) => v.sha256);
  const same =
    inManifest.length === inExport.length && inExport.every((s) => inManifest.includes(s));
  if (manifest && (inManifest.length > 0 || inExport.length > 0) && !same) {
    return [...problems, 'manifest.json lists other videos than the annotations file'];
  }
  return [...problems];
}
