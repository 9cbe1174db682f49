/**
 * Decoding one citation afresh (FFmpeg, the reference decoder) and making its stills, for any
 * video of the case: shared by the set on screen's (cited-frames.ts) and the other videos'
 * (cited-other-videos.ts).
 */
import { frameIndex } from '../../core/ids';
import { ptsToSeconds } from '../../core/time/time-base';
import { visibleAt } from '../../core/annotations/tracks';
import { computedPositionsAt, computedStatement } from '../../core/annotations/computed-positions';
import type { Note, Track } from '../../core/annotations/model';
import type { CitedFrame } from '../../core/report/court-report-input';
import type { FrameClock } from '../../core/time/clock-calibration';
import { cleanOf, type FrameRenderer } from '../../media/frame-renderer';
import type { DecodedFrame, VideoSource } from '../../media/video-source';
import { redactionsAt, stillsOf, type StillFile, type StillVideo } from './frame-stills';
import { stageObjectOf } from './stage-objects';
import { tVideoOf } from './several-videos';
import type { Workspace } from './workspace.svelte';

/** A still made for a package, with what it is in plain words (for manifest.json). */
export interface DescribedStill extends StillFile {
  readonly frame: number;
  /** The SHA-256 of the video it is a frame of. */
  readonly video: string;
  /** A cited frame's (else the frame on screen's, in the Export menu's package). */
  readonly cited: boolean;
  readonly description: string;
}

/** What a still file is, from its name (clean or annotated PNG, or either's JSON sidecar). */
export function stillDescription(name: string, whose: string): string {
  const kind = name.includes('.annotated.') ? 'annotated' : 'clean';
  return name.endsWith('.json')
    ? `description (JSON sidecar: hash, frame, pts, MD5) of the ${kind} still of ${whose}`
    : `${kind} still (PNG) of ${whose}`;
}

/** Citation notes in frame order. */
export const citationNotes = (notes: Iterable<Note>): Note[] =>
  [...notes]
    .filter((n) => n.kind === 'citation')
    .sort((a, b) => a.frame - b.frame || a.createdAt.localeCompare(b.createdAt));

/** A video whose citations are decoded: the one on screen, or another of the case. */
export interface CitingVideo {
  readonly sha256: string;
  readonly source: VideoSource;
  readonly tracks: Iterable<Track>;
  /** Its facts and names for the stills; absent for the one on screen. */
  readonly still?: StillVideo;
  /** How its stills are named in words: "cited frame 12" (+ " of cam-b.mp4"). */
  readonly of: string;
  readonly clockAt: (frame: number) => FrameClock | null;
  /** FFmpeg's decode of a frame (the reference), whatever decoder its view uses. */
  readonly referenceFrame: (frame: number) => Promise<DecodedFrame>;
  /** Whether the case time of its frames is given (a case of several videos). */
  readonly timed: boolean;
}

/**
 * Decodes one citation with FFmpeg (the reference decoder, whatever the screen uses) and makes
 * its stills; `stills` gets them unless that frame's are there already (a frame cited twice).
 */
export async function decodeCitation(
  ws: Workspace,
  renderer: FrameRenderer,
  video: CitingVideo,
  citation: Note,
  stills: DescribedStill[],
): Promise<CitedFrame> {
  const { source } = video;
  const decoded = await video.referenceFrame(citation.frame);
  const rendered = await renderer.render(decoded, source.facts.colorSpace);
  const visible = visibleAt(video.tracks, frameIndex(citation.frame));
  const redacted = redactionsAt(ws, visible);
  let made: Awaited<ReturnType<typeof stillsOf>>;
  try {
    made = await stillsOf(
      ws,
      {
        frame: citation.frame,
        md5: rendered.md5,
        decoder: decoded.decoder,
        bitmap: cleanOf(rendered),
        objects: visible.map((r) => stageObjectOf(ws.labels, r)),
        tracks: visible.map((r) => r.track),
        redacted,
      },
      video.still,
    );
  } finally {
    rendered.close();
  }
  // A frame cited twice is one set of stills (the package refuses duplicate names).
  if (!stills.some((s) => s.video === video.sha256 && s.frame === citation.frame)) {
    const whose = `cited frame ${citation.frame}${video.of}`;
    for (const file of made.files) {
      stills.push({
        ...file,
        frame: citation.frame,
        video: video.sha256,
        cited: true,
        description: stillDescription(file.name, whose),
      });
    }
  }
  const pts = source.table.frames[citation.frame]?.reportedPts ?? null;
  return {
    frame: citation.frame,
    caption: citation.text,
    pts,
    seconds: pts === null ? null : ptsToSeconds(pts, source.facts.timeBase),
    md5: rendered.md5,
    clock: video.clockAt(citation.frame),
    width: made.images.width,
    height: made.images.height,
    clean: made.images.clean,
    annotated: made.images.annotated,
    redacted: redacted.map((r) => r.title),
    computed: computedStatement(
      computedPositionsAt(
        ws.labels,
        visible.map((r) => r.track),
        frameIndex(citation.frame),
      ),
    ),
    ...(video.timed ? { tVideo: tVideoOf(source, citation.frame) } : {}),
  };
}
