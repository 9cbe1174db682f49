/**
 * The court report of a case of several videos (issue 15): the table of its videos, the
 * Synchronisation section (the method in words, the anchors with their residuals, each
 * video's rate and offset with their uncertainty, the sound suggestions accepted, and why
 * sound is not the pictures), and a frame's time on the case timeline.
 */
import { formatUncertainty } from '../time/clock-zone';
import {
  anchorResidualMs,
  caseTimeOf,
  fitOf,
  SYNC_CONVENTION,
  syncMethodText,
} from '../sync/sync-account';
import { SOUND_TRAVEL_NOTE } from '../sync/sound-travel';
import type { VideoFit } from '../sync/fit';
import type { Block, Inline } from './report-model';
import type { CourtReportInput, ReportVideosInput } from './court-report-input';

const mono = (text: string): Inline => ({ text, mono: true });
const heading = (level: 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });

/** The several-videos input when the case has more than one video; else null. */
export function severalOf(input: CourtReportInput): ReportVideosInput | null {
  const several = input.severalVideos;
  return several && several.videos.length > 1 ? several : null;
}

/** How the report names a video: its file name. */
export function videoNames(several: ReportVideosInput): Map<string, string> {
  return new Map(several.videos.map((v) => [v.ref.sha256 as string, v.ref.fileName]));
}

/** "5.366676 s ± 0.016 s on the case timeline", or why there is none. */
export function caseTimeText(
  several: ReportVideosInput,
  sha256: string,
  tVideo: number | null | undefined,
): Inline {
  const fit = fitOf(several.fit, sha256);
  if (!fit || fit.state === 'unsynced') {
    return 'none: this video is not placed on the case timeline (no anchor links it)';
  }
  const time = caseTimeOf(fit, tVideo ?? null);
  if (!time) return 'not known (the frame’s time on its own clock is not known)';
  if (fit.state === 'reference')
    return mono(`${time.seconds.toFixed(6)} s (the reference video: exact)`);
  return mono(`${time.seconds.toFixed(6)} s ${formatUncertainty(time.sd)}`);
}

/** Evidence: one row per video of the case, in case order. */
export function videosTableBlocks(input: CourtReportInput): Block[] {
  const several = severalOf(input);
  if (!several) return [];
  return [
    paragraph(
      `This case holds ${several.videos.length} videos of one incident. The annotation set reported on is of `,
      mono(input.evidence.fileName),
      '; its facts follow the table. The reference video’s clock is the case timeline (see Synchronisation).',
    ),
    {
      kind: 'table',
      caption: 'Videos of the case',
      columns: ['Role', 'File', 'SHA-256', 'Frames', 'Codec'],
      rows: several.videos.map(({ ref, evidence }) => [
        ref.role === 'reference' ? 'reference' : 'added',
        evidence.fileName,
        mono(evidence.sha256),
        String(evidence.frameCount),
        `${evidence.codec} (${evidence.width}×${evidence.height})`,
      ]),
    },
  ];
}

const STATE_WORDS: Readonly<Record<VideoFit['state'], string>> = {
  reference: 'reference',
  synced: 'rate and offset fitted',
  'offset-only': 'offset only (rate taken as 1)',
  unsynced: 'not placed',
};

/** "+1.37", "−3.3" (U+2212); a value that rounds to zero has no sign. */
function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  if (Number(text) === 0) return text;
  return `${value > 0 ? '+' : '\u2212'}${text}`;
}

function mappingRow(name: string, role: string, fit: VideoFit | undefined): Inline[] {
  if (!fit || fit.state === 'unsynced') {
    return [name, `${role}; ${STATE_WORDS.unsynced}`, '—', '—', '—', '0'];
  }
  if (fit.state === 'reference') {
    return [name, 'reference: the case timeline', mono('1 (exact)'), mono('0 (exact)'), '—', '0'];
  }
  const rate = `${fit.rate.toFixed(6)} ± ${fit.rateSd.toFixed(6)}`;
  const offset = `${signed(fit.offset, 6)} ± ${fit.offsetSd.toFixed(6)}`;
  const rmse = fit.rmseMs === null ? '—' : fit.rmseMs.toFixed(1);
  return [
    name,
    `${role}; ${STATE_WORDS[fit.state]}`,
    mono(rate),
    mono(offset),
    rmse,
    String(fit.anchorCount),
  ];
}

/** The Synchronisation section; nothing for a case of one video. */
export function syncBlocks(input: CourtReportInput): Block[] {
  const several = severalOf(input);
  if (!several) return [];
  const names = videoNames(several);
  const name = (sha256: string) => names.get(sha256) ?? `${sha256.slice(0, 12)}…`;
  const { sync, fit } = several;
  const blocks: Block[] = [
    heading(2, 'Synchronisation'),
    paragraph(syncMethodText(names, sync, fit)),
    paragraph(`Convention: ${SYNC_CONVENTION}`),
  ];
  const endText = (end: { sha256: string; frame: number; seconds: number }) =>
    `${name(end.sha256)} frame ${end.frame} (${end.seconds.toFixed(6)} s)`;
  if (sync.anchors.length > 0) {
    blocks.push({
      kind: 'table',
      caption:
        'Anchors: frame of one video ↔ frame of another showing the same instant (times on each video’s own clock); residual: case time of the second minus the first',
      columns: [
        '#',
        'Video A: frame (time)',
        'Video B: frame (time)',
        'How found',
        'Residual (ms)',
      ],
      rows: sync.anchors.map((anchor, i) => {
        const residual = anchorResidualMs(fit, anchor);
        return [
          String(i + 1),
          endText(anchor.a),
          endText(anchor.b),
          `${SOURCE_WORDS[anchor.source]}${anchor.note.trim() ? `: ${anchor.note.trim()}` : ''}`,
          residual === null ? '—' : mono(signed(residual, 1)),
        ];
      }),
    });
  }
  blocks.push({
    kind: 'table',
    caption:
      'Each video on the case timeline: t_case = rate × t_video + offset, each ± one standard deviation; RMSE of its anchors’ residuals',
    columns: ['Video', 'Role', 'Rate', 'Offset (s)', 'RMSE (ms)', 'Anchors'],
    rows: several.videos.map(({ ref }) =>
      mappingRow(ref.fileName, ref.role, fitOf(fit, ref.sha256)),
    ),
  });
  const notes = fit.videos.flatMap((v) => (v.note ? [v.note] : []));
  if (notes.length > 0) blocks.push(paragraph(notes.join(' ')));
  if (fit.problems.length > 0) {
    blocks.push(
      paragraph({ text: 'The anchors do not all agree. ', bold: true }, fit.problems.join(' ')),
    );
  }
  blocks.push(heading(3, 'Offsets suggested by the sound'));
  if (sync.soundSuggestions.length === 0) {
    blocks.push(paragraph('No offset suggested by the sound was accepted.'));
  } else {
    blocks.push({
      kind: 'table',
      caption:
        'Accepted by the examiner (each also an anchor from the sound, above). Offset: of the second video, the first taken as reference (+: the second started later); score from 0 to 1',
      columns: ['Videos', 'Offset (s)', 'Score', 'Method', 'Accepted'],
      rows: sync.soundSuggestions.map((s) => [
        `${name(s.sha256B)} against ${name(s.sha256A)}`,
        mono(signed(s.offsetS, 3)),
        mono(s.score.toFixed(2)),
        s.method,
        mono(s.acceptedAt),
      ]),
    });
  }
  blocks.push(paragraph(SOUND_TRAVEL_NOTE));
  return blocks;
}

const SOURCE_WORDS = {
  frames: 'by eye on the pictures',
  'dvr-clock': 'from the on-screen clocks',
  sound: 'from the sound',
} as const;
