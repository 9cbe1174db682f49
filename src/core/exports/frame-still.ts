import { exportFileName } from './export-json';
import type { FrameDecoderName, Generator } from './export-json-format';
import { frameIndex, type Pts } from '../ids';
import type { PositionSource } from '../annotations/interpolation';
import type { Evidence, Label, Shape, Track } from '../annotations/model';
import { formatTimeBase, ptsToSeconds } from '../time/time-base';
import { labelOf, resolveAt, trackTitle } from '../annotations/tracks';
import { sha256HexOfBytes } from './evidence-package';
import { fileArgument, shellQuote } from './shell-command';
import {
  computedPositionsAt,
  computedStatement,
  type ComputedPosition,
} from '../annotations/computed-positions';

/**
 * The sidecar JSON of a frame still: what a PNG of one frame shows and where it came from,
 * so a still handed to a court can be traced back to the exact frame of the exact file.
 *
 * Decisions:
 * - Pure builder: the PNG is made elsewhere (canvas). Width, height and SHA-256 are read from
 *   the PNG bytes themselves, so the sidecar cannot disagree with the image it describes.
 * - frame.md5 is the framemd5 of the decoded frame (as ffmpeg's framemd5 muxer prints it), so
 *   anyone can decode the frame again and show it is the same picture; null if not known.
 * - File names sit beside the video's: "clip.mp4.frame-000123.clean.png", and the sidecar
 *   appends ".json" ("….clean.png.json"), pairing it with its image unmistakably.
 * - `overlays` only on annotated stills: each track drawn, with its shape on this frame and
 *   whether a person drew it here or it was computed (interpolated, held…); `computed` says
 *   the same in words ("Computed, not observed on this frame: …"), so a still never passes a
 *   computed box off as an observation.
 */

export const STILL_FORMAT = 'framewise.still';
export const STILL_VERSION = 1;

export type StillKind = 'clean' | 'annotated' | 'enhanced';

/**
 * What an enhanced still was made with (issue 18): the View panel's filters as one FFmpeg
 * filter chain, applied to the decoded frame with FFmpeg's own arithmetic.
 */
export interface StillEnhancementInput {
  /** The FFmpeg filter chain, e.g. "eq=gamma=1.6:contrast=1.2". */
  readonly filterChain: string;
  /** The same in words, as the badge over the stage said it: "contrast 1.2, gamma 1.6". */
  readonly words: string;
  /** MD5 of the filtered picture in the frame's own pixel format (FFmpeg's framemd5 of it). */
  readonly pictureMd5: string;
  readonly pixelFormat: string;
}

export interface StillEnhancement extends StillEnhancementInput {
  /** Makes FFmpeg's PNG of the same filtered frame. */
  readonly ffmpegCommand: string;
  /** Prints FFmpeg's MD5 of the filtered picture: it must be `pictureMd5`. */
  readonly md5Command: string;
  /** What is exact and what is not, in words. */
  readonly fidelity: string;
}

/** How close the enhanced PNG is to FFmpeg's own PNG of the chain (tested; issue 18). */
export const ENHANCED_FIDELITY =
  "The filtered picture is FFmpeg's, bit for bit: its MD5 is the one md5Command prints. " +
  "Only its conversion to RGB for the PNG is the browser's: FFmpeg's PNG from ffmpegCommand " +
  'agrees with this one within PSNR 40 dB or better.';

/** The commands that make an enhanced still's picture again with native FFmpeg. */
export function enhancementCommands(
  videoFileName: string,
  frame: number,
  filterChain: string,
): { ffmpegCommand: string; md5Command: string } {
  const filters = shellQuote(`select=eq(n\\,${frame}),${filterChain}`);
  const input = `ffmpeg -v error -i ${fileArgument(videoFileName)} -map 0:v:0 -vf ${filters}`;
  const png = `frame-${String(frame).padStart(6, '0')}.enhanced.ffmpeg.png`;
  return {
    ffmpegCommand: `${input} -frames:v 1 ${png}`,
    md5Command: `${input} -frames:v 1 -f framemd5 -`,
  };
}

export interface StillOverlay {
  readonly trackId: string;
  /** How people refer to the track: "officer #2". */
  readonly title: string;
  readonly label: string;
  readonly number: number;
  /** drawn: a person drew it on this very frame; otherwise computed (see interpolation.ts). */
  readonly source: PositionSource;
  readonly occluded: boolean;
  readonly shape: Shape;
}

export interface FrameStill {
  readonly format: typeof STILL_FORMAT;
  readonly version: typeof STILL_VERSION;
  readonly kind: StillKind;
  readonly source: { readonly fileName: string; readonly sha256: string };
  readonly frame: {
    readonly index: number;
    /** null where the stream gives the frame no timestamp. */
    readonly pts: number | null;
    /** pts × time base (as ffprobe's pts_time); null with pts. */
    readonly seconds: number | null;
    readonly timeBase: string;
    /** framemd5 of the decoded frame; null if not known. */
    readonly md5: string | null;
    /** The decoder that made the frame the still is of (and its MD5). */
    readonly decoder: FrameDecoderName;
  };
  readonly image: {
    readonly fileName: string;
    readonly width: number;
    readonly height: number;
    readonly sha256: string;
  };
  readonly generator: Generator;
  readonly createdAt: string;
  readonly overlays?: readonly StillOverlay[];
  /**
   * Annotated stills: the positions drawn on it that no person drew on this frame (held,
   * interpolated…), and the statement that says so in words; null when all were drawn here.
   */
  readonly computed?: {
    readonly statement: string | null;
    readonly positions: readonly ComputedPosition[];
  };
  /**
   * Regions blocked out (filled black) for publication, in frame pixels: the image is not the
   * frame as decoded there, though `frame.md5` still names the frame it was made from.
   */
  readonly redacted: readonly StillRedaction[];
  /** Enhanced stills: the filters applied and how to reproduce them. */
  readonly enhancement?: StillEnhancement;
}

/** An object blocked out of a still: its title and the box filled black. */
export interface StillRedaction {
  readonly title: string;
  readonly box: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

export interface FrameStillInput {
  readonly kind: StillKind;
  readonly evidence: Evidence;
  readonly frame: number;
  readonly pts: number | null;
  readonly frameMd5: string | null;
  readonly frameDecoder: FrameDecoderName;
  /** The PNG's bytes. */
  readonly png: Uint8Array;
  readonly generator: Generator;
  readonly createdAt: string;
  /** For annotated stills: the case's labels and the tracks drawn on the image. */
  readonly labels?: readonly Label[];
  readonly tracks?: readonly Track[];
  /** Regions blocked out of the image (none: an unredacted still). */
  readonly redacted?: readonly StillRedaction[];
  /** For enhanced stills: the filters applied. */
  readonly enhancement?: StillEnhancementInput;
}

/** "clip.mp4" → image "clip.mp4.frame-000123.clean.png", sidecar "….clean.png.json". */
export function stillFileNames(
  videoFileName: string,
  frame: number,
  kind: StillKind,
): { image: string; sidecar: string } {
  const image = exportFileName(
    videoFileName,
    `frame-${String(frame).padStart(6, '0')}.${kind}.png`,
  );
  return { image, sidecar: `${image}.json` };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's header (IHDR, which must come first); throws if not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const isPng =
    png.length >= 24 &&
    PNG_SIGNATURE.every((b, i) => png[i] === b) &&
    String.fromCharCode(...png.subarray(12, 16)) === 'IHDR';
  if (!isPng) throw new RangeError('not a PNG image');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The tracks drawn on an annotated still, as they are on its frame (those in view only). */
function overlaysAt(labels: readonly Label[], tracks: readonly Track[], frame: number) {
  const overlays: StillOverlay[] = [];
  for (const track of [...tracks].sort((a, b) => a.number - b.number)) {
    const resolved = resolveAt(track, frameIndex(frame));
    if (!resolved) continue;
    overlays.push({
      trackId: track.id,
      title: trackTitle(labels, track),
      label: labelOf(labels, track)?.name ?? '',
      number: track.number,
      source: resolved.source,
      occluded: resolved.occluded,
      shape: resolved.shape,
    });
  }
  return overlays;
}

/** The sidecar of a still. */
export async function buildFrameStill(input: FrameStillInput): Promise<FrameStill> {
  const { evidence, frame, pts } = input;
  const { width, height } = pngSize(input.png);
  const still: FrameStill = {
    format: STILL_FORMAT,
    version: STILL_VERSION,
    kind: input.kind,
    source: { fileName: evidence.fileName, sha256: evidence.sha256 },
    frame: {
      index: frame,
      pts,
      seconds: pts === null ? null : ptsToSeconds(pts as Pts, evidence.timeBase),
      timeBase: formatTimeBase(evidence.timeBase),
      md5: input.frameMd5,
      decoder: input.frameDecoder,
    },
    image: {
      fileName: stillFileNames(evidence.fileName, frame, input.kind).image,
      width,
      height,
      sha256: await sha256HexOfBytes(input.png),
    },
    generator: input.generator,
    createdAt: input.createdAt,
    redacted: input.redacted ?? [],
  };
  if (input.kind === 'enhanced') {
    if (!input.enhancement) throw new Error('an enhanced still needs its filter chain');
    const commands = enhancementCommands(evidence.fileName, frame, input.enhancement.filterChain);
    return {
      ...still,
      enhancement: { ...input.enhancement, ...commands, fidelity: ENHANCED_FIDELITY },
    };
  }
  if (input.kind === 'clean') return still;
  const labels = input.labels ?? [];
  const positions = computedPositionsAt(labels, input.tracks ?? [], frameIndex(frame));
  return {
    ...still,
    overlays: overlaysAt(labels, input.tracks ?? [], frame),
    computed: { statement: computedStatement(positions), positions },
  };
}

/** The sidecar as the file's text: indented JSON ending in a newline. */
export const frameStillJson = (still: FrameStill): string => `${JSON.stringify(still, null, 2)}\n`;
