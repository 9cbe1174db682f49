/**
 * Cited frames in the court report: each clean beside annotated with its numbers. In a case
 * of several videos each also names its video and its time on the case timeline, and the
 * citations of each other video's latest set follow; one whose video was not open is listed
 * with its numbers and the reason it has no still, never left out.
 */
import type { Block, Inline } from './report-model';
import type {
  CitedFrame,
  CourtReportInput,
  OtherVideoCitations,
  ReportVideosInput,
  UndecodedCitation,
} from './court-report-input';
import { clockTimeText } from './court-report-tables';
import { caseTimeText, severalOf } from './court-report-sync';
import {
  enhancedStillExports,
  frameEnhancementBlocks,
  type EnhancedStillExport,
} from './court-report-enhancements';

const mono = (text: string): Inline => ({ text, mono: true });
const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
const facts = (rows: [string, Inline][]): Block => ({
  kind: 'facts',
  rows: rows.map(([label, value]) => ({ label, value })),
});

/** Where a frame is from, for the rows of a case of several videos. */
interface VideoOf {
  readonly several: ReportVideosInput;
  readonly sha256: string;
  readonly fileName: string;
}

export function citedBlocks(input: CourtReportInput): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Cited frames' }];
  const several = severalOf(input);
  const own: VideoOf | null = several
    ? { several, sha256: input.evidence.sha256, fileName: input.evidence.fileName }
    : null;
  if (several) {
    blocks.push(
      paragraph(
        'First the frames cited in the set reported on, then those cited in the latest set of each other video of the case, each with its time on the case timeline (see Synchronisation).',
      ),
    );
  }
  if (input.cited.length === 0) blocks.push(paragraph('No frame was cited.'));
  const enhanced = enhancedStillExports(input.audit);
  const ownVideo = { sha256: input.evidence.sha256, fileName: input.evidence.fileName };
  for (const c of input.cited) {
    blocks.push(...frameBlocks(c, own), ...enhancementsOf(enhanced, ownVideo, c.frame));
  }
  for (const other of several?.others ?? []) {
    blocks.push(...otherBlocks(several!, other, enhanced));
  }
  return blocks;
}

/** A cited frame's enhanced stills (court-report-enhancements.ts). */
const enhancementsOf = (
  enhanced: readonly EnhancedStillExport[],
  video: { readonly sha256: string; readonly fileName: string },
  frame: number,
) => frameEnhancementBlocks(enhanced, video.sha256, video.fileName, frame);

function otherBlocks(
  several: ReportVideosInput,
  other: OtherVideoCitations,
  enhanced: readonly EnhancedStillExport[],
): Block[] {
  const video: VideoOf = { several, sha256: other.sha256, fileName: other.fileName };
  const set = other.set;
  const count = other.cited.length + other.notDecoded.length;
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: `Cited in ${other.fileName}` },
    paragraph(
      `From its latest annotation set, ${set.name}, by ${set.annotator.trim() || 'no annotator named'} (${set.status}): `,
      count === 0 ? 'no frame was cited.' : `${count} cited ${count === 1 ? 'frame' : 'frames'}.`,
    ),
  ];
  for (const c of other.cited) {
    blocks.push(...frameBlocks(c, video), ...enhancementsOf(enhanced, other, c.frame));
  }
  for (const c of other.notDecoded) blocks.push(...undecodedBlocks(c, video, other.reason));
  return blocks;
}

const title = (frame: number, caption: string, video: VideoOf | null) =>
  `${video ? `${video.fileName}, frame` : 'Frame'} ${frame}: ${caption}`;

const videoRows = (video: VideoOf | null, tVideo: number | null | undefined): [string, Inline][] =>
  video
    ? [
        ['Video', video.fileName],
        ['Case time', caseTimeText(video.several, video.sha256, tVideo)],
      ]
    : [];

function frameBlocks(c: CitedFrame, video: VideoOf | null): Block[] {
  const redacted = c.redacted.length > 0 ? ` (redacted: ${c.redacted.join(', ')})` : '';
  const name = video ? `${video.fileName}, frame` : 'Frame';
  return [
    { kind: 'heading', level: 3, text: title(c.frame, c.caption, video) },
    facts([
      ...videoRows(video, c.tVideo).slice(0, 1),
      ['Frame index', String(c.frame)],
      ['pts', c.pts === null ? 'none' : mono(String(c.pts))],
      ['Seconds', c.seconds === null ? '—' : mono(c.seconds.toFixed(6))],
      ...videoRows(video, c.tVideo).slice(1),
      ['DVR time', c.clock ? mono(clockTimeText(c.clock, 'dvrTime')) : 'not calibrated'],
      [
        'Corrected time',
        c.clock ? mono(clockTimeText(c.clock, 'correctedTime')) : 'not calibrated',
      ],
      ['Frame MD5', mono(c.md5)],
    ]),
    {
      kind: 'figures',
      figures: [
        {
          image: c.clean,
          width: c.width,
          height: c.height,
          caption: `${name} ${c.frame} as decoded${redacted}`,
        },
        {
          image: c.annotated,
          width: c.width,
          height: c.height,
          // A computed position says so beside the still it is on, not only in the tables.
          caption: `${name} ${c.frame} with annotations (illustrative)${redacted}${c.computed ? `. ${c.computed}` : ''}`,
        },
      ],
    },
  ];
}

function undecodedBlocks(c: UndecodedCitation, video: VideoOf, reason: string | null): Block[] {
  return [
    { kind: 'heading', level: 3, text: title(c.frame, c.caption, video) },
    facts([
      ['Video', video.fileName],
      ['Frame index', String(c.frame)],
      ['pts', c.pts === null ? 'none' : mono(String(c.pts))],
      ['Seconds', c.seconds === null ? '—' : mono(c.seconds.toFixed(6))],
      ['Case time', 'not known: the video was not decoded for this report'],
      ['Frame MD5', 'not computed'],
    ]),
    paragraph(
      { text: 'No still: ', bold: true },
      `${reason ?? `${video.fileName} was not open when this report was made`}, so this frame could not be decoded. Open the video in the case and make the report again to include it.`,
    ),
  ];
}
