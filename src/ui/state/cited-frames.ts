/**
 * The cited frames (citation notes of the set on screen), each decoded afresh: its MD5 and its
 * clean and annotated stills come from that decode, never from what happens to be on screen.
 * For the court report and for both evidence packages. In a case of several videos the
 * citations of each other video's latest set follow (cited-other-videos.ts).
 */
import type { CitedFrame, OtherVideoCitations } from '../../core/report/court-report-input';
import type { Evidence } from '../../core/annotations/model';
import { FrameRenderer } from '../../media/frame-renderer';
import { clockAt } from './frame-clock';
import {
  citationNotes,
  decodeCitation,
  type CitingVideo,
  type DescribedStill,
} from './cited-frame-decode';
import { otherVideosCitations } from './cited-other-videos';
import type { Workspace } from './workspace.svelte';

export { stillDescription, type DescribedStill } from './cited-frame-decode';

/** Every cited frame decoded, with the stills made of them. */
export interface CitedFrames {
  /** The set on screen's. */
  readonly cited: CitedFrame[];
  readonly stills: DescribedStill[];
  /** A case of several videos: each other video's latest set's citations (else none). */
  readonly others: OtherVideoCitations[];
}

/** The citation notes of the set on screen, in frame order. */
export const citations = (ws: Workspace) => citationNotes(ws.document.notes.values());

/** Decodes each cited frame and makes its stills, with `label` on the progress bar. */
export async function citedFrames(ws: Workspace, label: string): Promise<CitedFrames> {
  const source = ws.source!;
  const evidence: Evidence = ws.evidence!;
  const several = (ws.caseRecord?.addedVideos.length ?? 0) > 0;
  const lead: CitingVideo = {
    sha256: evidence.sha256,
    source,
    tracks: [...ws.document.tracks.values()],
    of: several ? ` of ${evidence.fileName}` : '',
    clockAt: (frame) => clockAt(ws, frame),
    referenceFrame: (frame) => ws.decoders.referenceFrame(source, frame),
    timed: several,
  };
  const cites = citations(ws);
  const renderer = new FrameRenderer();
  const cited: CitedFrame[] = [];
  const stills: DescribedStill[] = [];
  try {
    for (const [i, citation] of cites.entries()) {
      ws.progress = { label, fraction: i / Math.max(1, cites.length) };
      cited.push(await decodeCitation(ws, renderer, lead, citation, stills));
    }
    const others = several ? await otherVideosCitations(ws, label, renderer, stills) : [];
    return { cited, stills, others };
  } finally {
    renderer.dispose();
  }
}
