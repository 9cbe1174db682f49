/**
 * The cited frames (citation notes of the set on screen), each decoded afresh: its MD5 and its
 * clean and annotated stills come from that decode, never from what happens to be on screen.
 * For the court report and for both evidence packages.
 */
import type { CitedFrame } from '../../core/report/court-report';
import { frameIndex } from '../../core/ids';
import { ptsToSeconds } from '../../core/time/time-base';
import { visibleAt } from '../../core/annotations/tracks';
import { computedPositionsAt, computedStatement } from '../../core/annotations/computed-positions';
import { FrameRenderer } from '../../media/frame-renderer';
import { clockAt } from './frame-clock';
import { redactionsAt, stillsOf, type StillFile } from './frame-stills';
import { stageObjectOf } from './stage-objects';
import type { Workspace } from './workspace.svelte';

/** A still made for a package, with what it is in plain words (for manifest.json). */
export interface DescribedStill extends StillFile {
  readonly frame: number;
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

/** The citation notes of the set on screen, in frame order. */
export function citations(ws: Workspace) {
  return [...ws.document.notes.values()]
    .filter((n) => n.kind === 'citation')
    .sort((a, b) => a.frame - b.frame || a.createdAt.localeCompare(b.createdAt));
}

/** Decodes each cited frame and makes its stills, with `label` on the progress bar. */
export async function citedFrames(
  ws: Workspace,
  label: string,
): Promise<{ cited: CitedFrame[]; stills: DescribedStill[] }> {
  const source = ws.source!;
  const timeBase = ws.evidence!.timeBase;
  const cites = citations(ws);
  const renderer = new FrameRenderer();
  const cited: CitedFrame[] = [];
  const stills: DescribedStill[] = [];
  try {
    for (const [i, citation] of cites.entries()) {
      ws.progress = { label, fraction: i / cites.length };
      // FFmpeg's decode, the reference, whatever decoder the screen uses.
      const decoded = await ws.decoders.referenceFrame(source, citation.frame);
      const rendered = await renderer.render(decoded, source.facts.colorSpace);
      const visible = visibleAt(ws.document.tracks.values(), frameIndex(citation.frame));
      const redacted = redactionsAt(ws, visible);
      const made = await stillsOf(ws, {
        frame: citation.frame,
        md5: rendered.md5,
        decoder: decoded.decoder,
        bitmap: rendered.bitmap,
        objects: visible.map((r) => stageObjectOf(ws.labels, r)),
        tracks: visible.map((r) => r.track),
        redacted,
      });
      rendered.bitmap.close();
      // A frame cited twice is one set of stills (the package refuses duplicate names).
      if (!stills.some((s) => s.frame === citation.frame)) {
        const whose = `cited frame ${citation.frame}`;
        for (const file of made.files) {
          stills.push({
            ...file,
            frame: citation.frame,
            cited: true,
            description: stillDescription(file.name, whose),
          });
        }
      }
      const pts = ws.ptsOf(citation.frame);
      cited.push({
        frame: citation.frame,
        caption: citation.text,
        pts,
        seconds: pts === null ? null : ptsToSeconds(pts, timeBase),
        md5: rendered.md5,
        clock: clockAt(ws, citation.frame),
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
      });
    }
  } finally {
    renderer.dispose();
  }
  return { cited, stills };
}
