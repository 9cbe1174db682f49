/**
 * The court report's Assisted tracking section (issue 16): which tracker proposed positions
 * (its method in words, as the keyframes carry it: core may not import the tracker), and per
 * object how many frames it tracked, over which span, how many a person confirmed (by whom,
 * when), how many no one did, and the tracker's confidence. Only when the set has tracked
 * keyframes, so a report without tracking reads as before.
 */
import { trackTitle } from '../annotations/tracks';
import type { Keyframe, Track, TrackingFacts } from '../annotations/model';
import type { AnnotationDocument } from '../annotations/history';
import type { Block, Inline } from './report-model';

const mono = (text: string): Inline => ({ text, mono: true });
const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });

/** Said wherever unconfirmed tracked positions are counted. */
export const UNCONFIRMED_WORDS =
  'unconfirmed tracked positions are proposals, not observations, and are not used by measurements';

type TrackedKeyframe = Keyframe & { readonly tracking: TrackingFacts };

const trackedOf = (track: Track): TrackedKeyframe[] =>
  track.keyframes.filter((k): k is TrackedKeyframe => k.origin === 'tracked' && !!k.tracking);

/** One person's confirmations on one object. */
export interface Confirmation {
  readonly by: string;
  readonly count: number;
  /** The frames confirmed, ascending. */
  readonly frames: readonly number[];
  /** ISO 8601 UTC: the first and last confirmation (equal when made at once). */
  readonly firstAt: string;
  readonly lastAt: string;
}

export interface TrackedObject {
  /** "vehicle #1", as the report names objects elsewhere. */
  readonly title: string;
  readonly frames: number;
  readonly firstFrame: number;
  readonly lastFrame: number;
  /** By name, in order of name. */
  readonly confirmations: readonly Confirmation[];
  readonly unconfirmed: number;
  readonly minConfidence: number;
  readonly meanConfidence: number;
}

/** Each object with tracked keyframes, in track-number order; empty when none has. */
export function trackedObjects(document: AnnotationDocument): TrackedObject[] {
  const tracks = [...document.tracks.values()].sort((a, b) => a.number - b.number);
  return tracks.flatMap((track) => {
    const tracked = trackedOf(track);
    if (tracked.length === 0) return [];
    const byName = new Map<string, { frames: number[]; at: string[] }>();
    for (const { frame, tracking: t } of tracked) {
      if (t.confirmedBy === null) continue;
      const entry = byName.get(t.confirmedBy) ?? { frames: [], at: [] };
      entry.frames.push(frame);
      if (t.confirmedAt !== null) entry.at.push(t.confirmedAt);
      byName.set(t.confirmedBy, entry);
    }
    const confirmations = [...byName]
      .sort(([a], [b]) => a.localeCompare(b, 'en'))
      .map(([by, { frames, at }]) => {
        const sorted = [...at].sort();
        return {
          by,
          count: frames.length,
          frames,
          firstAt: sorted[0] ?? '',
          lastAt: sorted.at(-1) ?? '',
        };
      });
    const confidences = tracked.map((k) => k.tracking.confidence);
    const confirmedCount = confirmations.reduce((n, c) => n + c.count, 0);
    return [
      {
        title: trackTitle(document.labels, track),
        frames: tracked.length,
        firstFrame: tracked[0]!.frame,
        lastFrame: tracked.at(-1)!.frame,
        confirmations,
        unconfirmed: tracked.length - confirmedCount,
        minConfidence: Math.min(...confidences),
        meanConfidence: confidences.reduce((a, b) => a + b, 0) / confidences.length,
      },
    ];
  });
}

/** The distinct tracker methods the set's tracked keyframes name, in order of first use. */
export function trackerMethods(document: AnnotationDocument): string[] {
  const methods = new Set<string>();
  for (const track of document.tracks.values()) {
    for (const k of trackedOf(track)) methods.add(k.tracking.algorithm);
  }
  return [...methods];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "11–14, 20, 31–33": ascending frames as runs, so a long confirmed run stays one item. */
export function frameRuns(frames: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const f of frames) {
    const last = runs.at(-1);
    if (last && f === last[1] + 1) last[1] = f;
    else runs.push([f, f]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)).join(', ');
}

function confirmationText(c: Confirmation): string {
  const when = c.firstAt === c.lastAt ? c.firstAt : `${c.firstAt} to ${c.lastAt}`;
  const frames = `frame${c.count === 1 ? '' : 's'} ${frameRuns(c.frames)}`;
  return `${c.count} by ${c.by}, ${frames}${when ? ` (${when})` : ''}`;
}

/** The Assisted tracking section; nothing when no object has a tracked keyframe. */
export function trackingBlocks(document: AnnotationDocument): Block[] {
  const objects = trackedObjects(document);
  if (objects.length === 0) return [];
  const methods = trackerMethods(document);
  const unconfirmed = objects.reduce((n, o) => n + o.unconfirmed, 0);
  return [
    { kind: 'heading', level: 3, text: 'Assisted tracking' },
    paragraph(
      'Some positions were proposed by a tracker, which followed an object’s box from frame ',
      'to frame, and kept as tracked keyframes. A tracked position is never counted as drawn: ',
      'it is a machine’s proposal until a person confirms it (a whole run at once, or frame by ',
      'frame; who and when are below). The report’s tables and the native JSON export say on ',
      'every such position that it was tracked, with the tracker’s confidence (0 to 1), and ',
      'who confirmed it or that no one did. Measurements use a tracked ',
      `position only once confirmed; ${UNCONFIRMED_WORDS}.`,
    ),
    {
      kind: 'facts',
      rows: methods.map((method, i) => ({
        label: methods.length === 1 ? 'Tracker' : `Tracker ${i + 1}`,
        value: method,
      })),
    },
    {
      kind: 'table',
      caption: 'Tracked positions by object (confidence: the tracker’s own score, 0 to 1)',
      columns: ['Object', 'Frames tracked', 'Confirmed', 'Not confirmed', 'Confidence min / mean'],
      rows: objects.map((o) => [
        o.title,
        `${o.frames} (frames ${o.firstFrame}–${o.lastFrame})`,
        o.confirmations.length === 0 ? '0' : o.confirmations.map(confirmationText).join('; '),
        String(o.unconfirmed),
        mono(`${o.minConfidence.toFixed(2)} / ${o.meanConfidence.toFixed(2)}`),
      ]),
    },
    paragraph(
      unconfirmed === 0
        ? 'Every tracked position was confirmed by the person named.'
        : `${plural(unconfirmed, 'tracked position is', 'tracked positions are')} not confirmed: ${UNCONFIRMED_WORDS}.`,
    ),
  ];
}
