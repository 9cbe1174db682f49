import { maxScoreMatching, type Edge } from './assignment';

/**
 * How far two sets' events agree. Exactly what is done:
 *
 * Matching. Events (frames inclusive) are paired by temporal IoU = frames in both / frames in
 * either, one to one, the pairing of greatest total IoU among pairs with IoU ≥ `iouThreshold`
 * (Hungarian; labels play no part, so a pair may differ in label, reported as such). Onset
 * error = compared start − reference start, offset error = compared end − reference end, in
 * frames (and seconds when fps is given): positive means the compared set is later.
 *
 * Event-based kappa, after Bakeman, Quera & Gnisci (2009), Behavior Research Methods 41(1),
 * 137–147: a table of reference label (rows) × compared label (columns), with one more
 * category, "nothing". A matched pair whose onsets differ by at most `toleranceFrames` is
 * tallied at (its reference label, its compared label): an agreement when the labels are the
 * same. Any other event (unmatched, or matched with onsets too far apart) is tallied against
 * "nothing": a reference event at (label, nothing), a compared one at (nothing, label). The
 * (nothing, nothing) cell is structurally 0.
 *
 * Time-based kappa, after the same paper's time-unit kappa with tolerance: each frame of the
 * range is one unit; its category in a set is the labels of that set's events covering it
 * (several overlapping events: their labels together, "a + b", so categories stay mutually
 * exclusive), or "nothing". A frame is tallied at (reference category, compared category),
 * except that when these differ but the compared set shows the reference category on some
 * frame within ±`toleranceFrames` (inside the range), it is tallied as an agreement on the
 * reference category (the reference is the standard, so the rule is one-sided).
 *
 * Cohen's kappa of a table: (po − pe) / (1 − pe), po the share on the diagonal, pe Σ row
 * share × column share. Conventions: an empty table (both sets without events, or no frames)
 * is 1, as there is nothing they disagree on; a table all on the diagonal is 1 even when pe
 * is 1 (a single category). No agreement beyond chance gives ≤ 0.
 */

export interface TimedEvent {
  readonly id: string;
  readonly startFrame: number;
  /** Inclusive. */
  readonly endFrame: number;
  readonly label: string;
}

export interface EventAgreementOptions {
  readonly iouThreshold: number;
  readonly toleranceFrames: number;
  readonly fps: number | null;
  /** The frames compared (inclusive), for the time-based kappa. */
  readonly first: number;
  readonly last: number;
}

export interface EventPair {
  readonly reference: TimedEvent;
  readonly compared: TimedEvent;
  readonly iou: number;
  readonly onsetFrames: number;
  readonly offsetFrames: number;
  readonly onsetSeconds: number | null;
  readonly offsetSeconds: number | null;
}

/** Rows reference, columns compared, both in `categories` order. */
export interface AgreementTable {
  readonly categories: readonly string[];
  readonly counts: readonly (readonly number[])[];
}

export interface EventAgreement {
  readonly pairs: readonly EventPair[];
  readonly unmatchedReference: readonly TimedEvent[];
  readonly unmatchedCompared: readonly TimedEvent[];
  /** Mean |onset error| and |offset error| over the pairs, in frames; null with no pair. */
  readonly meanAbsOnsetFrames: number | null;
  readonly meanAbsOffsetFrames: number | null;
  readonly eventKappa: number;
  readonly eventTable: AgreementTable;
  readonly timeKappa: number;
  readonly timeTable: AgreementTable;
}

/** The category of no event; a label cannot be made of nothing but this character. */
export const NOTHING = '∅';

export function temporalIoU(a: TimedEvent, b: TimedEvent): number {
  const inter = Math.min(a.endFrame, b.endFrame) - Math.max(a.startFrame, b.startFrame) + 1;
  if (inter <= 0) return 0;
  const union = a.endFrame - a.startFrame + 1 + (b.endFrame - b.startFrame + 1) - inter;
  return inter / union;
}

export function cohenKappa(counts: readonly (readonly number[])[]): number {
  const k = counts.length;
  const total = counts.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) return 1;
  let diagonal = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    diagonal += counts[i]![i]!;
    const row = counts[i]!.reduce((a, b) => a + b, 0);
    const col = counts.reduce((s, r) => s + r[i]!, 0);
    pe += (row / total) * (col / total);
  }
  const po = diagonal / total;
  if (po === 1) return 1;
  return (po - pe) / (1 - pe);
}

/** A table over the categories met (sorted, "nothing" last) from (row, column) tallies. */
function tableOf(tallies: readonly (readonly [string, string])[]): AgreementTable {
  const named = new Set<string>();
  for (const [a, b] of tallies) [a, b].forEach((c) => c !== NOTHING && named.add(c));
  const categories = [...[...named].sort(), NOTHING];
  const at = new Map(categories.map((c, i) => [c, i]));
  const counts = categories.map(() => categories.map(() => 0));
  for (const [a, b] of tallies) counts[at.get(a)!]![at.get(b)!]! += 1;
  return { categories, counts };
}

export function eventAgreement(
  reference: readonly TimedEvent[],
  compared: readonly TimedEvent[],
  options: EventAgreementOptions,
): EventAgreement {
  const { iouThreshold, toleranceFrames, fps } = options;
  const edges: Edge[] = [];
  reference.forEach((r, row) =>
    compared.forEach((c, col) => edges.push({ row, col, score: temporalIoU(r, c) })),
  );
  const seconds = (frames: number) => (fps ? frames / fps : null);
  const pairs: EventPair[] = maxScoreMatching(edges, iouThreshold).map((m) => {
    const [r, c] = [reference[m.row]!, compared[m.col]!];
    const [onsetFrames, offsetFrames] = [c.startFrame - r.startFrame, c.endFrame - r.endFrame];
    return {
      reference: r,
      compared: c,
      iou: m.score,
      onsetFrames,
      offsetFrames,
      onsetSeconds: seconds(onsetFrames),
      offsetSeconds: seconds(offsetFrames),
    };
  });
  const pairedRef = new Set(pairs.map((p) => p.reference));
  const pairedCmp = new Set(pairs.map((p) => p.compared));
  const meanAbs = (f: (p: EventPair) => number) =>
    pairs.length ? pairs.reduce((s, p) => s + Math.abs(f(p)), 0) / pairs.length : null;

  const eventTallies: [string, string][] = [];
  for (const p of pairs) {
    if (Math.abs(p.onsetFrames) <= toleranceFrames)
      eventTallies.push([p.reference.label, p.compared.label]);
    else eventTallies.push([p.reference.label, NOTHING], [NOTHING, p.compared.label]);
  }
  reference.filter((r) => !pairedRef.has(r)).forEach((r) => eventTallies.push([r.label, NOTHING]));
  compared.filter((c) => !pairedCmp.has(c)).forEach((c) => eventTallies.push([NOTHING, c.label]));
  const eventTable = tableOf(eventTallies);
  const timeTable = timeTableOf(reference, compared, options);
  return {
    pairs,
    unmatchedReference: reference.filter((r) => !pairedRef.has(r)),
    unmatchedCompared: compared.filter((c) => !pairedCmp.has(c)),
    meanAbsOnsetFrames: meanAbs((p) => p.onsetFrames),
    meanAbsOffsetFrames: meanAbs((p) => p.offsetFrames),
    eventKappa: cohenKappa(eventTable.counts),
    eventTable,
    timeKappa: cohenKappa(timeTable.counts),
    timeTable,
  };
}

/** Each frame's category in one set: the labels of the events covering it, or nothing. */
function categoriesPerFrame(events: readonly TimedEvent[], first: number, last: number): string[] {
  const covering: string[][] = Array.from({ length: Math.max(0, last - first + 1) }, () => []);
  for (const e of events) {
    for (let f = Math.max(first, e.startFrame); f <= Math.min(last, e.endFrame); f++) {
      covering[f - first]!.push(e.label);
    }
  }
  return covering.map((labels) =>
    labels.length ? [...new Set(labels)].sort().join(' + ') : NOTHING,
  );
}

function timeTableOf(
  reference: readonly TimedEvent[],
  compared: readonly TimedEvent[],
  { first, last, toleranceFrames }: EventAgreementOptions,
): AgreementTable {
  const ref = categoriesPerFrame(reference, first, last);
  const cmp = categoriesPerFrame(compared, first, last);
  const tallies: [string, string][] = ref.map((a, i) => {
    const b = cmp[i]!;
    if (a === b) return [a, b];
    const lo = Math.max(0, i - toleranceFrames);
    const hi = Math.min(cmp.length - 1, i + toleranceFrames);
    for (let j = lo; j <= hi; j++) if (cmp[j] === a) return [a, a];
    return [a, b];
  });
  return tableOf(tallies);
}
