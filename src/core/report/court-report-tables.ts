/** The tracks, events and notes of the court report (court-report.ts). */
import { frameIndex } from '../ids';
import { positionAt } from '../annotations/interpolation';
import { describeShape } from '../annotations/shapes';
import { trackTitle } from '../annotations/tracks';
import { trackedWords } from '../annotations/computed-positions';
import type { Keyframe } from '../annotations/model';
import type { Block, Inline } from './report-model';
import type { CourtReportInput } from './court-report-input';
import type { FrameClock } from '../time/clock-calibration';
import { formatClockTime } from '../time/clock-zone';

const SOURCE_WORDS = {
  drawn: 'drawn',
  propagated: 'computed (propagated)',
  computed: 'computed',
  interpolated: 'computed (interpolated)',
  held: 'computed (held)',
  tracked: 'tracked',
} as const;

/**
 * How a position came about. A tracked one says its confidence and who confirmed it (or that
 * no one did), never "drawn": the tracker proposed it, a person at most confirmed it.
 */
const sourceText = (source: keyof typeof SOURCE_WORDS, keyframe: Keyframe) =>
  source === 'tracked' ? trackedWords(keyframe.tracking) : SOURCE_WORDS[source];

const flags = (outside: boolean, occluded: boolean) =>
  [outside ? 'outside' : '', occluded ? 'occluded' : ''].filter(Boolean).join(', ') || '—';

/** Every keyframe of every track, and each track's position on each cited frame. */
export function trackTables(input: CourtReportInput): Block[] {
  const { document } = input;
  const tracks = [...document.tracks.values()].sort((a, b) => a.number - b.number);
  const title = (t: (typeof tracks)[number]) => trackTitle(document.labels, t);
  const keyframes: Inline[][] = tracks.flatMap((t) =>
    t.keyframes.map((k) => [
      title(t),
      String(k.frame),
      sourceText(k.origin, k),
      flags(k.outside, k.occluded),
      describeShape(k.shape),
    ]),
  );
  const positions: Inline[][] = [];
  for (const cited of input.cited) {
    for (const t of tracks) {
      const at = positionAt(t, frameIndex(cited.frame));
      if (!at) continue;
      positions.push([
        String(cited.frame),
        title(t),
        sourceText(at.source, at.keyframe),
        at.occluded ? 'occluded' : '—',
        describeShape(at.shape),
      ]);
    }
  }
  return [
    { kind: 'heading', level: 2, text: 'Tracks' },
    {
      kind: 'paragraph',
      content: [
        'Drawn: a person drew or edited the shape on that frame. Computed: Framewise worked it ',
        'out (copied forward by Propagate, interpolated between keyframes, or held after one).',
        ...(tracks.some((t) => t.keyframes.some((k) => k.origin === 'tracked'))
          ? [
              ' Tracked: proposed by the tracker, with its confidence, and confirmed by the person ',
              'named or not confirmed (see Assisted tracking).',
            ]
          : []),
      ],
    },
    {
      kind: 'table',
      caption: 'Keyframes',
      columns: ['Object', 'Frame', 'Set by', 'Flags', 'Shape (frame pixels)'],
      rows: keyframes.length > 0 ? keyframes : [['—', '—', '—', '—', 'no objects']],
    },
    {
      kind: 'table',
      caption: 'Positions on the cited frames',
      columns: ['Frame', 'Object', 'Position', 'Flags', 'Shape (frame pixels)'],
      rows: positions.length > 0 ? positions : [['—', '—', '—', '—', 'no object in view']],
    },
  ];
}

/** A frame's DVR or corrected time with its uncertainty and zone, for the report's tables. */
export function clockTimeText(clock: FrameClock, which: 'dvrTime' | 'correctedTime'): string {
  return formatClockTime(clock[which], clock.uncertaintySeconds, clock.utcOffsetMinutes);
}

export function eventsTable(input: CourtReportInput): Block {
  const labelName = (id: string | null) =>
    input.document.labels.find((l) => l.id === id)?.name ?? '—';
  const when = (frame: number) => {
    const clock = input.frameClock(frame);
    const pts = input.framePts(frame);
    return `${frame}${pts === null ? '' : ` (pts ${pts})`}${clock ? ` · DVR ${clockTimeText(clock, 'dvrTime')}` : ''}`;
  };
  const events = [...input.document.events.values()].sort(
    (a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame,
  );
  return {
    kind: 'table',
    caption: 'Events (frames inclusive)',
    columns: ['From', 'To', 'Category', 'Description'],
    rows:
      events.length > 0
        ? events.map((e) => [
            when(e.startFrame),
            when(e.endFrame),
            labelName(e.labelId),
            e.description,
          ])
        : [['—', '—', '—', 'no events']],
  };
}

/** Observations and interpretations under their own headings, never mixed. */
export function notesBlocks(input: CourtReportInput): Block[] {
  const notes = [...input.document.notes.values()].sort(
    (a, b) => a.frame - b.frame || a.createdAt.localeCompare(b.createdAt),
  );
  const section = (kind: 'observation' | 'interpretation', title: string): Block[] => {
    const rows = notes.filter((n) => n.kind === kind).map((n) => [String(n.frame), n.text]);
    return [
      { kind: 'heading', level: 3, text: title },
      rows.length > 0
        ? { kind: 'table', columns: ['Frame', 'Note'], rows }
        : { kind: 'paragraph', content: ['None.'] },
    ];
  };
  return [
    { kind: 'heading', level: 2, text: 'Notes' },
    ...section('observation', 'Observations: what the frames show'),
    ...section('interpretation', 'Interpretations: what the examiner concludes'),
  ];
}
