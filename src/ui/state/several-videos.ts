/**
 * What exports, the report and the packages say about a case of several videos (issue 15):
 * every video's stored facts in case order, the sync and its fit as the side-by-side views use
 * them (ws.videos.fit), and every annotation set of the case. Nothing for a case of one video,
 * whose exports are as before.
 */
import {
  distinctVideoNames,
  hasSeveralVideos,
  videosWithRoles,
} from '../../core/annotations/case-video-roles';
import type { SeveralVideosInput } from '../../core/exports/export-sync';
import { frameClock, type FrameClock } from '../../core/time/clock-calibration';
import { clockOfVideo, videosOf } from '../../core/annotations/case-videos';
import { frameClockOf, frameSeconds } from '../../media/audio-track';
import type { VideoSource } from '../../media/video-source';
import { ptsToSeconds } from '../../core/time/time-base';
import type { Workspace } from './workspace.svelte';

/** The several-videos input of the exports and report; null for a case of one video. */
export async function severalVideosOf(ws: Workspace): Promise<SeveralVideosInput | null> {
  const record = ws.caseRecord;
  if (!record || !hasSeveralVideos(record)) return null;
  const videos: SeveralVideosInput['videos'][number][] = [];
  for (const ref of videosWithRoles(record)) {
    const entry = ws.videos.entries.find((e) => e.sha256 === ref.sha256);
    const evidence = entry?.evidence ?? (await ws.repository.evidence(ref.sha256)) ?? null;
    if (!evidence) {
      // Never an export that quietly leaves a video of the case out.
      throw new Error(
        `the facts of ${ref.fileName} (SHA-256 ${ref.sha256}), a video of this case, are not stored in this browser`,
      );
    }
    videos.push({ ref, evidence });
  }
  return {
    videos,
    sync: ws.document.sync,
    fit: ws.videos.fit,
    sets: await ws.repository.setsOf(record.id),
  };
}

/** A frame's time on its own video's clock (s from the file's start): t_video of the sync. */
export function tVideoOf(source: VideoSource, frame: number): number | null {
  if (frame < 0 || frame >= source.table.frames.length) return null;
  const t = frameSeconds(frameClockOf(source), frame);
  return Number.isFinite(t) ? t : null;
}

/** A frame of any open video of the case with its DVR and corrected times; null uncalibrated. */
export function videoClockAt(
  ws: Workspace,
  source: VideoSource,
  sha256: string,
  frame: number,
): FrameClock | null {
  const clock = ws.caseRecord ? clockOfVideo(ws.caseRecord, sha256) : null;
  if (!clock) return null;
  const secondsOf = (n: number) => {
    const pts = source.table.frames[n]?.reportedPts ?? null;
    return pts === null ? null : ptsToSeconds(pts, source.facts.timeBase);
  };
  return frameClock(clock, secondsOf(frame), secondsOf(clock.frame));
}

/**
 * The name a video's stills are named by: its file name, unless an earlier video of the case
 * has the same one (then with the start of its SHA-256), so a package never holds two files
 * of one name.
 */
export function stillNameOf(ws: Workspace, video: { sha256: string; fileName: string }): string {
  const record = ws.caseRecord;
  if (!record || !hasSeveralVideos(record)) return video.fileName;
  const videos = videosOf(record);
  const named = distinctVideoNames(videos).get(video.sha256);
  const plain = videos.find((v) => v.sha256 === video.sha256)?.fileName;
  return named === undefined || named === plain
    ? video.fileName
    : `${video.fileName}.${video.sha256.slice(0, 8)}`;
}
