/**
 * A case of several videos: the citations of each other video's latest set (the one changed
 * last), for the court report and the packages. Each is decoded afresh from that video's open
 * file (ws.videos.sourceOf); a video whose file is not open has its citations listed with
 * their frame numbers and the reason there is no still, never dropped.
 */
import type { OtherVideoCitations } from '../../core/report/court-report-input';
import { latestSetOfVideo } from '../../core/annotations/case-video-roles';
import { videosOf } from '../../core/annotations/case-videos';
import { ptsToSeconds } from '../../core/time/time-base';
import { frameIndex } from '../../core/ids';
import type { FrameRenderer } from '../../media/frame-renderer';
import {
  citationNotes,
  decodeCitation,
  type CitingVideo,
  type DescribedStill,
} from './cited-frame-decode';
import { stillNameOf, videoClockAt } from './several-videos';
import type { Workspace } from './workspace.svelte';

export async function otherVideosCitations(
  ws: Workspace,
  label: string,
  renderer: FrameRenderer,
  stills: DescribedStill[],
): Promise<OtherVideoCitations[]> {
  const record = ws.caseRecord;
  if (!record) return [];
  const sets = await ws.repository.setsOf(record.id);
  const others: OtherVideoCitations[] = [];
  for (const { sha256, fileName } of videosOf(record)) {
    if (sha256 === ws.evidence?.sha256) continue;
    const set = latestSetOfVideo(sets, sha256);
    if (!set) continue; // No set: nothing of it is cited.
    const records = await ws.repository.recordsOf(set.id);
    const notes = citationNotes(records.notes);
    const source = ws.videos.sourceOf(sha256);
    const evidence =
      ws.videos.entries.find((e) => e.sha256 === sha256)?.evidence ??
      (await ws.repository.evidence(sha256)) ??
      null;
    if (!source || !evidence) {
      others.push({
        sha256,
        fileName,
        set,
        cited: [],
        notDecoded: notes.map((n) => ({
          frame: n.frame,
          caption: n.text,
          pts: n.pts,
          seconds: n.pts === null || !evidence ? null : ptsToSeconds(n.pts, evidence.timeBase),
        })),
        reason: `${fileName} was not open when this report was made`,
      });
      continue;
    }
    const video: CitingVideo = {
      sha256,
      source,
      tracks: records.tracks,
      still: {
        evidence,
        ptsOf: (frame) => source.table.frames[frame]?.reportedPts ?? null,
        namedAs: stillNameOf(ws, { sha256, fileName }),
      },
      of: ` of ${fileName}`,
      clockAt: (frame) => videoClockAt(ws, source, sha256, frame),
      // Its own file's decoders, not the lead's: a WebCodecs frame that differs stops its own.
      referenceFrame: (frame) =>
        source.referenceFrame(frameIndex(frame), () => source.stopWebCodecs()),
      timed: true,
    };
    const cited = [];
    for (const [i, note] of notes.entries()) {
      ws.progress = { label: `${label} (${fileName})`, fraction: i / Math.max(1, notes.length) };
      cited.push(await decodeCitation(ws, renderer, video, note, stills));
    }
    others.push({ sha256, fileName, set, cited, notDecoded: [], reason: null });
  }
  return others;
}
