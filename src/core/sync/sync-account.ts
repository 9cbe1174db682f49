/**
 * The synchronisation as exports and the court report state it (issue 15): how the videos
 * were lined up, in plain words; the residual of each anchor; and a frame's time on the case
 * timeline with its uncertainty. Shared, so the JSON, sync.json and the report never word or
 * compute the same thing two ways.
 */
import type { CaseSync, SyncAnchor } from './model';
import type { SyncFit, VideoFit } from './fit';

/** The convention every exported number follows. */
export const SYNC_CONVENTION =
  't_case = rate × t_video + offset, in seconds: t_video is a frame’s time on its own video’s clock (from the file’s start), t_case its time on the case timeline, which is the reference video’s clock (rate 1, offset 0).';

/** A time on the case timeline with its standard deviation (s). */
export interface CaseTime {
  readonly seconds: number;
  readonly sd: number;
}

/**
 * The case time of t_video in a video: rate × t + offset, its sd from the mapping's own
 * (co)variance; null when the video is not placed (unsynced) or t_video is not known.
 */
export function caseTimeOf(fit: VideoFit | undefined, tVideo: number | null): CaseTime | null {
  if (!fit || fit.state === 'unsynced' || tVideo === null) return null;
  const variance =
    tVideo * tVideo * fit.rateSd ** 2 + 2 * tVideo * fit.rateOffsetCov + fit.offsetSd ** 2;
  return { seconds: fit.rate * tVideo + fit.offset, sd: Math.sqrt(Math.max(0, variance)) };
}

/** A video's fit by SHA-256. */
export const fitOf = (fit: SyncFit, sha256: string): VideoFit | undefined =>
  fit.videos.find((v) => v.sha256 === sha256);

/** t_case of end b minus t_case of end a (ms); null when either video is not placed. */
export function anchorResidualMs(fit: SyncFit, anchor: SyncAnchor): number | null {
  const a = fitOf(fit, anchor.a.sha256);
  if (!a || a.state === 'unsynced') return null;
  return a.residualsMs[anchor.id] ?? null;
}

const SOURCE_WORDS: Readonly<Record<SyncAnchor['source'], string>> = {
  frames: 'matched by eye on the pictures',
  'dvr-clock': 'read from the cameras’ on-screen clocks',
  sound: 'from the sound (a suggestion the examiner accepted)',
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * How the videos were lined up, in plain words: the anchors by how they were found, the fit,
 * the accepted sound suggestions, and which videos are not placed. `names` words each video.
 */
export function syncMethodText(
  names: ReadonlyMap<string, string>,
  sync: CaseSync,
  fit: SyncFit,
): string {
  const name = (sha256: string) => names.get(sha256) ?? `the video ${sha256.slice(0, 12)}…`;
  const reference = fit.videos[0];
  const parts: string[] = [
    `The videos are put on one timeline, the clock of the reference video ${reference ? name(reference.sha256) : '(none)'}.`,
  ];
  const { anchors } = sync;
  if (anchors.length === 0) {
    parts.push(
      'No anchor was made: the other videos are not synchronised, and times in different videos cannot be compared.',
    );
  } else {
    const bySource = (['frames', 'dvr-clock', 'sound'] as const)
      .map((source) => [source, anchors.filter((a) => a.source === source).length] as const)
      .filter(([, n]) => n > 0)
      .map(([source, n]) => `${n} ${SOURCE_WORDS[source]}`);
    parts.push(
      `${count(anchors.length, 'anchor', 'anchors')} (${bySource.join('; ')}): each pairs a frame of one video with the frame of another that the examiner judged to show the same instant.`,
      'Each video’s rate and offset are fitted to its anchors by weighted least squares, each anchor end taken as uncertain by ± half its frame interval; one anchor alone gives the offset only, the video’s clock taken to run at the reference’s rate. The residual of an anchor is how far apart the fitted mappings put its two frames on the case timeline.',
    );
  }
  const suggestions = sync.soundSuggestions.length;
  if (suggestions > 0) {
    parts.push(
      `${count(suggestions, 'offset was', 'offsets were')} suggested by comparing the videos’ sound and accepted by the examiner (each became an anchor from the sound); a suggestion is a measurement of when the sound reached each camera, which is not when it was made.`,
    );
  }
  const unsynced = fit.videos.filter((v) => v.state === 'unsynced').map((v) => name(v.sha256));
  if (unsynced.length > 0 && anchors.length > 0) {
    parts.push(`Not placed on the case timeline (no anchor links it): ${unsynced.join(', ')}.`);
  }
  return parts.join(' ');
}
