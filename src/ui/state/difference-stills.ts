/**
 * Stills for a trainee's feedback sheet (issue 17): a difference's frame, decoded by FFmpeg
 * (the reference decoder, as for the court report), drawn twice: with the reference's objects
 * and with the trainee's, side by side on the sheet.
 */
import type { ComparedSet, Difference } from '../../core/compare/compare-sets';
import { visibleAt } from '../../core/annotations/tracks';
import { frameIndex } from '../../core/ids';
import type { Figure } from '../../core/report/report-model';
import { renderFrameStills } from '../../canvas/still-renderer';
import { FrameRenderer, cleanOf } from '../../media/frame-renderer';
import type { VideoSource } from '../../media/video-source';
import { stageObjectOf } from './stage-objects';

/** Differences given stills on a sheet: enough to learn from, few enough to stay light. */
export const STILLS_PER_SHEET = 6;

export async function differenceStills(
  source: VideoSource,
  sets: { reference: ComparedSet; compared: ComparedSet; names: [string, string] },
  differences: readonly Difference[],
): Promise<Map<Difference, readonly [Figure, Figure]>> {
  const renderer = new FrameRenderer();
  const out = new Map<Difference, readonly [Figure, Figure]>();
  try {
    for (const difference of differences.slice(0, STILLS_PER_SHEET)) {
      const frame = frameIndex(difference.frame);
      const decoded = await source.referenceFrame(frame);
      const rendered = await renderer.render(decoded, source.facts.colorSpace);
      const figureOf = async (set: ComparedSet, name: string): Promise<Figure> => {
        const objects = visibleAt(set.tracks, frame).map((r) => stageObjectOf(set.labels, r));
        const images = await renderFrameStills(cleanOf(rendered), objects);
        return {
          image: images.annotated,
          width: images.width,
          height: images.height,
          caption: `${name}, frame ${difference.frame} (MD5 ${rendered.md5})`,
        };
      };
      try {
        out.set(difference, [
          await figureOf(sets.reference, sets.names[0]),
          await figureOf(sets.compared, sets.names[1]),
        ]);
      } finally {
        rendered.close();
      }
    }
  } finally {
    renderer.dispose();
  }
  return out;
}
