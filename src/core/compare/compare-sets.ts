import type { EventId, TrackId } from '../ids';
import type { AnnotationEvent, Label, Track } from '../annotations/model';
import { attributeAgreement, type AttributeAgreement } from './attribute-agreement';
import { clearMot, type FrameOutcome } from './clear-mot';
import {
  eventAgreement,
  type EventAgreement,
  type EventPair,
  type TimedEvent,
} from './event-agreement';
import { hota } from './hota';
import { identity } from './identity';
import { buildSequence } from './sequence';
import { SIMILARITY_NOTE } from './similarity';

/**
 * Issue 17: one annotation set compared with another (the reference, e.g. the trainer's or
 * the first examiner's). Tracks are matched by geometry alone, whatever their labels (as
 * CVAT's quality check does): a label that differs is a difference of its own ("wrong label")
 * and a cell off the diagonal of `labelConfusion`, not a missed object. Every choice made is
 * echoed in `options`, so a result can be read and reproduced on its own.
 */

export interface CompareOptions {
  /** Similarity a pair needs to be matched (CLEAR, IDF1, the differences). */
  readonly iouThreshold: number;
  /** Below the threshold but at least this: named "low overlap" rather than missing + extra. */
  readonly lowOverlap: number;
  /** Points are alike by max(0, 1 − distance / this). */
  readonly pointTolerancePx: number;
  /** Temporal IoU two events need to be paired. */
  readonly eventIouThreshold: number;
  /** ± frames on onsets (event kappa) and on each frame (time kappa). */
  readonly eventToleranceFrames: number;
  /** Inclusive; null = the frames both sets cover. */
  readonly frames: { readonly first: number; readonly last: number } | null;
  /** For errors in seconds; null: frames only. */
  readonly fps: number | null;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  iouThreshold: 0.5,
  lowOverlap: 0.3,
  pointTolerancePx: 10,
  eventIouThreshold: 0.5,
  eventToleranceFrames: 5,
  frames: null,
  fps: null,
};

/** What a set brings: its tracks, its events and the label set naming them. */
export interface ComparedSet {
  readonly tracks: readonly Track[];
  readonly events: readonly AnnotationEvent[];
  readonly labels: readonly Label[];
}

export type DifferenceKind =
  | 'missing'
  | 'extra'
  | 'low-overlap'
  | 'wrong-label'
  | 'identity-switch'
  | 'missing-event'
  | 'extra-event'
  | 'event-wrong-label'
  | 'event-early'
  | 'event-late';

/** A run of consecutive frames with the same difference between the same objects. */
export interface Difference {
  readonly frame: number;
  /** Inclusive; = frame for a single frame (an identity switch always). */
  readonly endFrame: number;
  readonly kind: DifferenceKind;
  readonly referenceId: TrackId | EventId | null;
  readonly comparedId: TrackId | EventId | null;
  /** In words, e.g. "IoU 0.32–0.41, matching needs 0.5". */
  readonly details: string;
}

/** Frames by label: matched pairs, then reference objects unmatched, compared ones unmatched. */
export interface LabelConfusion {
  readonly labels: readonly string[];
  /** counts[reference label][compared label]: frames matched by geometry. */
  readonly counts: readonly (readonly number[])[];
  readonly missed: readonly number[];
  readonly extra: readonly number[];
}

export interface CompareResult {
  readonly options: CompareOptions;
  /** The frames actually compared (inclusive); null when neither set has anything. */
  readonly framesCompared: { readonly first: number; readonly last: number } | null;
  readonly similarityNote: string;
  readonly tp: number;
  readonly fn: number;
  readonly fp: number;
  readonly idSwitches: number;
  readonly precision: number;
  readonly recall: number;
  readonly mota: number;
  readonly motp: number;
  readonly idf1: number;
  readonly hota: number;
  readonly detA: number;
  readonly assA: number;
  readonly locA: number;
  readonly eventKappa: number;
  readonly timeKappa: number;
  readonly events: EventAgreement;
  readonly labelConfusion: LabelConfusion;
  /** Per attribute, on the frames matched: how often both sets give the same value. */
  readonly attributes: readonly AttributeAgreement[];
  readonly differences: readonly Difference[];
}

/** The frames a set has anything on: first keyframe or event start to last of either. */
function spanOf(set: ComparedSet): { first: number; last: number } | null {
  const frames = [
    ...set.tracks.flatMap((t) => t.keyframes.map((k) => k.frame as number)),
    ...set.events.flatMap((e) => [e.startFrame as number, e.endFrame as number]),
  ];
  return frames.length ? { first: Math.min(...frames), last: Math.max(...frames) } : null;
}

/** Both sets' common span; a set with nothing leaves the other's (it had the chance to mark). */
function rangeOf(reference: ComparedSet, compared: ComparedSet) {
  const [a, b] = [spanOf(reference), spanOf(compared)];
  if (!a || !b) return a ?? b;
  const range = { first: Math.max(a.first, b.first), last: Math.min(a.last, b.last) };
  return range.first <= range.last ? range : null;
}

const nameOf = (labels: readonly Label[], id: string | null) =>
  id === null ? '(no label)' : (labels.find((l) => l.id === id)?.name ?? id);

export function compareSets(
  reference: ComparedSet,
  compared: ComparedSet,
  given: Partial<CompareOptions> = {},
): CompareResult {
  const options: CompareOptions = { ...DEFAULT_COMPARE_OPTIONS, ...given };
  const range = options.frames ?? rangeOf(reference, compared);
  const [first, last] = range ? [range.first, range.last] : [0, -1];
  const seq = buildSequence(
    reference.tracks,
    compared.tracks,
    first,
    last,
    options.pointTolerancePx,
  );
  const clear = clearMot(seq, options.iouThreshold, options.lowOverlap);
  const id = identity(seq, options.iouThreshold);
  const h = hota(seq);
  const refLabel = reference.tracks.map((t) => nameOf(reference.labels, t.labelId));
  const cmpLabel = compared.tracks.map((t) => nameOf(compared.labels, t.labelId));

  const timed = (set: ComparedSet): TimedEvent[] =>
    set.events
      .filter((e) => e.endFrame >= first && e.startFrame <= last)
      .map((e) => ({
        id: e.id,
        startFrame: e.startFrame,
        endFrame: e.endFrame,
        label: nameOf(set.labels, e.labelId),
      }));
  const events = eventAgreement(timed(reference), timed(compared), {
    iouThreshold: options.eventIouThreshold,
    toleranceFrames: options.eventToleranceFrames,
    fps: options.fps,
    first,
    last,
  });

  const differences = [
    ...trackDifferences(
      clear.frames,
      reference.tracks,
      compared.tracks,
      refLabel,
      cmpLabel,
      options,
    ),
    ...eventDifferences(events, options.eventToleranceFrames),
  ].sort((a, b) => a.frame - b.frame || a.kind.localeCompare(b.kind));
  return {
    options,
    framesCompared: range,
    similarityNote: SIMILARITY_NOTE,
    tp: clear.tp,
    fn: clear.fn,
    fp: clear.fp,
    idSwitches: clear.idsw,
    precision: clear.precision,
    recall: clear.recall,
    mota: clear.mota,
    motp: clear.motp,
    idf1: id.idf1,
    hota: h.hota,
    detA: h.detA,
    assA: h.assA,
    locA: h.locA,
    eventKappa: events.eventKappa,
    timeKappa: events.timeKappa,
    events,
    attributes: attributeAgreement(clear.frames, reference, compared),
    labelConfusion: confusionOf(clear.frames, refLabel, cmpLabel),
    differences,
  };
}

function confusionOf(
  frames: readonly FrameOutcome[],
  refLabel: readonly string[],
  cmpLabel: readonly string[],
): LabelConfusion {
  const labels = [...new Set([...refLabel, ...cmpLabel])].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const counts = labels.map(() => labels.map(() => 0));
  const missed = labels.map(() => 0);
  const extra = labels.map(() => 0);
  for (const f of frames) {
    for (const m of f.matches) counts[at.get(refLabel[m.row]!)!]![at.get(cmpLabel[m.col]!)!]! += 1;
    for (const m of f.lowOverlap) {
      missed[at.get(refLabel[m.row]!)!]! += 1;
      extra[at.get(cmpLabel[m.col]!)!]! += 1;
    }
    for (const g of f.missing) missed[at.get(refLabel[g]!)!]! += 1;
    for (const t of f.extra) extra[at.get(cmpLabel[t]!)!]! += 1;
  }
  return { labels, counts, missed, extra };
}

const round = (x: number) => x.toFixed(2);

/** Per-frame findings merged into runs over consecutive frames (same kind, same objects). */
function trackDifferences(
  frames: readonly FrameOutcome[],
  refTracks: readonly Track[],
  cmpTracks: readonly Track[],
  refLabel: readonly string[],
  cmpLabel: readonly string[],
  options: CompareOptions,
): Difference[] {
  type Run = {
    frame: number;
    endFrame: number;
    kind: DifferenceKind;
    g: number;
    t: number;
    lo: number;
    hi: number;
  };
  const open = new Map<string, Run>();
  const done: Run[] = [];
  const note = (frame: number, kind: DifferenceKind, g: number, t: number, score = NaN) => {
    const k = `${kind}|${g}|${t}`;
    const run = open.get(k);
    if (run && run.endFrame === frame - 1 && kind !== 'identity-switch') {
      run.endFrame = frame;
      run.lo = Math.min(run.lo, score);
      run.hi = Math.max(run.hi, score);
      return;
    }
    if (run) done.push(run);
    open.set(k, { frame, endFrame: frame, kind, g, t, lo: score, hi: score });
  };
  for (const f of frames) {
    for (const g of f.missing) note(f.frame, 'missing', g, -1);
    for (const t of f.extra) note(f.frame, 'extra', -1, t);
    for (const m of f.lowOverlap) note(f.frame, 'low-overlap', m.row, m.col, m.score);
    for (const m of f.matches)
      if (refLabel[m.row] !== cmpLabel[m.col]) note(f.frame, 'wrong-label', m.row, m.col);
    for (const s of f.idSwitches) note(f.frame, 'identity-switch', s.gt, s.tr, s.previousTr);
  }
  done.push(...open.values());
  return done.map((r) => {
    const details =
      r.kind === 'missing'
        ? `${refLabel[r.g]} not in the compared set`
        : r.kind === 'extra'
          ? `${cmpLabel[r.t]} not in the reference set`
          : r.kind === 'low-overlap'
            ? `IoU ${round(r.lo)}${r.hi > r.lo ? `–${round(r.hi)}` : ''}, matching needs ${options.iouThreshold}`
            : r.kind === 'wrong-label'
              ? `reference says ${refLabel[r.g]}, compared says ${cmpLabel[r.t]}`
              : `was matched to ${cmpTracks[r.lo]?.id ?? '?'} before`;
    return {
      frame: r.frame,
      endFrame: r.endFrame,
      kind: r.kind,
      referenceId: r.g >= 0 ? refTracks[r.g]!.id : null,
      comparedId: r.t >= 0 ? cmpTracks[r.t]!.id : null,
      details,
    };
  });
}

/**
 * Events: missing, extra, with another label; and every pair whose onset differs, early or
 * late by so many frames (and seconds), saying whether that is within the tolerance (which
 * counts it as agreeing in the event kappa).
 */
function eventDifferences(events: EventAgreement, toleranceFrames: number): Difference[] {
  const id = (e: TimedEvent) => e.id as EventId;
  return [
    ...events.unmatchedReference.map((e) => ({
      frame: e.startFrame,
      endFrame: e.endFrame,
      kind: 'missing-event' as const,
      referenceId: id(e),
      comparedId: null,
      details: `${e.label} not in the compared set`,
    })),
    ...events.unmatchedCompared.map((e) => ({
      frame: e.startFrame,
      endFrame: e.endFrame,
      kind: 'extra-event' as const,
      referenceId: null,
      comparedId: id(e),
      details: `${e.label} not in the reference set`,
    })),
    ...events.pairs
      .filter((p) => p.reference.label !== p.compared.label)
      .map((p) => ({
        frame: p.reference.startFrame,
        endFrame: p.reference.endFrame,
        kind: 'event-wrong-label' as const,
        referenceId: id(p.reference),
        comparedId: id(p.compared),
        details: `reference says ${p.reference.label}, compared says ${p.compared.label}`,
      })),
    ...events.pairs
      .filter((p) => p.onsetFrames !== 0)
      .map((p) => timingDifference(p, toleranceFrames)),
  ];
}

function timingDifference(p: EventPair, toleranceFrames: number): Difference {
  const frames = Math.abs(p.onsetFrames);
  const seconds = p.onsetSeconds === null ? '' : ` (${Math.abs(p.onsetSeconds).toFixed(3)} s)`;
  const within = frames <= toleranceFrames ? `, within the ±${toleranceFrames} tolerance` : '';
  const offset =
    p.offsetFrames === 0
      ? 'ends on the same frame'
      : `ends ${Math.abs(p.offsetFrames)} frame${Math.abs(p.offsetFrames) === 1 ? '' : 's'} ${p.offsetFrames < 0 ? 'early' : 'late'}`;
  return {
    frame: p.reference.startFrame,
    endFrame: p.reference.startFrame,
    kind: p.onsetFrames < 0 ? 'event-early' : 'event-late',
    referenceId: p.reference.id as EventId,
    comparedId: p.compared.id as EventId,
    details: `${p.reference.label} starts ${frames} frame${frames === 1 ? '' : 's'}${seconds} ${p.onsetFrames < 0 ? 'early' : 'late'}${within}; ${offset}`,
  };
}
