import type { AnchorEnd, SyncAnchor } from './model';
import { caseTime, mappingVariance, type LineFit, type Observation } from './fit-maths';
import { disagreements, fitVideo, rmseOf } from './fit-video';
import { unusedText, type Labels, type SyncProblem } from './fit-words';

/**
 * Each video's place on the case timeline (t_case = rate × t_video + offset) from the anchors
 * the examiner made, and the anchors that contradict each other, named in plain words.
 *
 * Videos are placed breadth-first from the reference: each round fits every video anchored to
 * videos already placed, so a video anchored only to another non-reference video is placed
 * once that one is. One anchor gives the offset (the rate taken as 1); two or more far enough
 * apart give rate and offset by weighted least squares.
 *
 * Uncertainty of an anchor end: the instant may lie anywhere within ±½ of that frame's
 * interval, taken as uniform, so its standard deviation is half / √3; an anchor's two ends
 * combine in quadrature (one anchor alone: offsetSd = √((h_a² + h_b²) / 3)). The mapping of
 * the video an anchor leads to adds its own uncertainty, shared by all anchors through it
 * (fit-maths.ts, weightedLine). Anchors disagree when no clock within 2 % of the reference's
 * puts every one within max(3 sd, one frame interval) of it (plausibleClockFits); the
 * sentences name the pair, the one anchor, or the set (fit-words.ts).
 */

export interface SyncVideo {
  readonly sha256: string;
  /** The video's nominal frame interval (s), used where an anchor end does not give its own. */
  readonly frameIntervalS: number;
  /** How the words name it ("camera B"); default "video 2" by position. */
  readonly name?: string;
}

export type { SyncProblem } from './fit-words';

export type SyncState = 'reference' | 'synced' | 'offset-only' | 'unsynced';

export interface PlacedVideoFit {
  readonly sha256: string;
  readonly state: 'reference' | 'synced' | 'offset-only';
  readonly rate: number;
  readonly offset: number;
  /** Standard error of the rate; 0 where the rate is taken as 1, not measured. */
  readonly rateSd: number;
  readonly offsetSd: number;
  /** Covariance of rate and offset (for the uncertainty of t_case at any t_video). */
  readonly rateOffsetCov: number;
  /** RMS of the residuals of the anchors this video was fitted to; null under two. */
  readonly rmseMs: number | null;
  /**
   * By anchor id, every anchor of this video whose other video is placed: where the other
   * video puts the instant minus where this one does, on the case timeline (ms).
   */
  readonly residualsMs: Readonly<Record<string, number>>;
  /** The anchors this video was fitted to (0 for the reference). */
  readonly anchorCount: number;
  /** Plain words on how it was placed, or null. */
  readonly note: string | null;
}

export interface UnsyncedVideoFit {
  readonly sha256: string;
  readonly state: 'unsynced';
  readonly anchorCount: 0;
  readonly note: string;
}

export type VideoFit = PlacedVideoFit | UnsyncedVideoFit;

export interface SyncFit {
  /** One per video, in the order given (the reference first). */
  readonly videos: readonly VideoFit[];
  /** Contradictions and left-out anchors, in plain words; empty when all agree. */
  readonly problems: readonly string[];
}

export function fitSync(videos: readonly SyncVideo[], anchors: readonly SyncAnchor[]): SyncFit {
  const { fit, problems } = analyseSync(videos, anchors);
  return { videos: fit, problems: problems.map((p) => p.text) };
}

const REFERENCE: LineFit = {
  rate: 1,
  offset: 0,
  varRate: 0,
  varOffset: 0,
  covRateOffset: 0,
  chi2: 0,
};

/** The fit with its problems keyed; `labels` words the anchors ("anchor 3", "the new anchor"). */
export function analyseSync(
  videos: readonly SyncVideo[],
  anchors: readonly SyncAnchor[],
  labels: Labels = defaultLabels(videos),
): { fit: VideoFit[]; problems: SyncProblem[] } {
  const problems: SyncProblem[] = [];
  const indexOf = new Map(videos.map((v, i) => [v.sha256, i]));
  const usable: Usable[] = [];
  anchors.forEach((anchor, index) => {
    const a = indexOf.get(anchor.a.sha256);
    const b = indexOf.get(anchor.b.sha256);
    const key = `left-out:${anchor.id}`;
    const label = labels.anchor(index, true);
    if (a === undefined || b === undefined) {
      problems.push({ key, text: `${label} refers to a video not in this case; it is left out.` });
    } else if (a === b) {
      const text = `${label} pairs two frames of the same video (${labels.video(a)}); it is left out.`;
      problems.push({ key, text });
    } else {
      const halfA = halfOf(anchor.a, videos[a]!);
      const halfB = halfOf(anchor.b, videos[b]!);
      usable.push({ anchor, index, a, b, halfA, halfB });
    }
  });

  const placed = new Map<number, LineFit>();
  const fits = new Map<number, Omit<PlacedVideoFit, 'residualsMs'>>();
  const used = new Set<string>();
  if (videos.length > 0) {
    placed.set(0, REFERENCE);
    fits.set(0, placedFit(videos[0]!.sha256, 'reference', REFERENCE, null, 0, null));
  }
  // Breadth-first: each round places every video anchored to one placed in earlier rounds.
  for (;;) {
    const round = new Map<number, LineFit>();
    videos.forEach((video, v) => {
      if (placed.has(v)) return;
      const obs = usable.flatMap((u) => observationsOf(u, v, placed));
      if (obs.length === 0) return;
      obs.forEach((o) => used.add(o.id));
      const { line, state, note } = fitVideo(obs, placed, labels.video(v));
      round.set(v, line);
      fits.set(v, placedFit(video.sha256, state, line, rmseOf(obs, line), obs.length, note));
      problems.push(...disagreements(obs, v, placed, labels));
    });
    if (round.size === 0) break;
    for (const [v, line] of round) placed.set(v, line);
  }

  // Every anchor between placed videos gets its residual on both; one that no fit used (its
  // videos placed in the same round) is checked against the mappings the others gave.
  const residuals = videos.map(() => ({}) as Record<string, number>);
  for (const u of usable) {
    const lineA = placed.get(u.a);
    const lineB = placed.get(u.b);
    if (!lineA || !lineB) continue;
    const ta = caseTime(lineA, u.anchor.a.seconds);
    const tb = caseTime(lineB, u.anchor.b.seconds);
    residuals[u.a]![u.anchor.id] = (tb - ta) * 1000;
    residuals[u.b]![u.anchor.id] = (ta - tb) * 1000;
    if (used.has(u.anchor.id)) continue;
    const sd = Math.sqrt(
      (u.halfA ** 2 + u.halfB ** 2) / 3 +
        mappingVariance(lineA, u.anchor.a.seconds) +
        mappingVariance(lineB, u.anchor.b.seconds),
    );
    const frame = 2 * Math.max(u.halfA, u.halfB);
    if (Math.abs(tb - ta) > Math.max(3 * sd, frame)) {
      const [nameA, nameB] = [labels.video(u.a), labels.video(u.b)];
      problems.push({
        key: `unused:${u.anchor.id}`,
        text: unusedText(
          labels.anchor(u.index, true),
          `${nameA} frame ${u.anchor.a.frame} and ${nameB} frame ${u.anchor.b.frame}`,
          `${nameA} and ${nameB}`,
          Math.abs(tb - ta),
          sd,
          frame,
        ),
      });
    }
  }

  const fit: VideoFit[] = videos.map((video, v) => {
    const f = fits.get(v);
    if (f) return { ...f, residualsMs: residuals[v]! };
    return {
      sha256: video.sha256,
      state: 'unsynced',
      anchorCount: 0,
      note: `No anchor links ${labels.video(v)} to the reference, directly or through other videos.`,
    };
  });
  return { fit, problems };
}

/**
 * Null when `candidate` agrees with the anchors already made, else the plain-words reason it
 * would contradict them (the UI then refuses it and changes nothing). A reason is any problem
 * the fit has with the candidate that it did not have without it.
 */
export function checkNewAnchor(
  videos: readonly SyncVideo[],
  anchors: readonly SyncAnchor[],
  candidate: SyncAnchor,
): string | null {
  const labels = defaultLabels(videos);
  const newIndex = anchors.length;
  const withNew: Labels = {
    video: labels.video,
    anchor: (i, start) =>
      i === newIndex ? `${start ? 'T' : 't'}he new anchor` : labels.anchor(i, start),
  };
  const before = new Set(analyseSync(videos, anchors, labels).problems.map((p) => p.key));
  const after = analyseSync(videos, [...anchors, candidate], withNew).problems;
  const added = after.filter((p) => !before.has(p.key));
  return added.length === 0 ? null : added.map((p) => p.text).join(' ');
}

interface Usable {
  readonly anchor: SyncAnchor;
  readonly index: number;
  readonly a: number;
  readonly b: number;
  readonly halfA: number;
  readonly halfB: number;
}

/** Half the frame interval of an anchor end: its own, else its video's nominal one. */
const halfOf = (end: AnchorEnd, video: SyncVideo) =>
  end.halfIntervalS > 0 ? end.halfIntervalS : video.frameIntervalS / 2;

/** Anchor u seen from video v, when its other video is placed: none or one observation. */
function observationsOf(u: Usable, v: number, placed: ReadonlyMap<number, LineFit>): Observation[] {
  if (u.a !== v && u.b !== v) return [];
  const mineIsA = u.a === v;
  const known = placed.get(mineIsA ? u.b : u.a);
  if (!known) return [];
  const [mine, other] = mineIsA ? [u.anchor.a, u.anchor.b] : [u.anchor.b, u.anchor.a];
  const [halfX, halfT] = mineIsA ? [u.halfA, u.halfB] : [u.halfB, u.halfA];
  // Uniform within ±half → variance half² / 3; the rate scales the other end's seconds.
  const frameVariance = (halfX ** 2 + (known.rate * halfT) ** 2) / 3 || 1e-12;
  const variance = frameVariance + mappingVariance(known, other.seconds);
  return [
    {
      index: u.index,
      id: u.anchor.id,
      x: mine.seconds,
      parent: mineIsA ? u.b : u.a,
      t: other.seconds,
      y: caseTime(known, other.seconds),
      frameVariance,
      variance,
      tolerance: Math.max(3 * Math.sqrt(variance), 2 * Math.max(halfX, halfT)),
    },
  ];
}

function placedFit(
  sha256: string,
  state: PlacedVideoFit['state'],
  line: LineFit,
  rmseMs: number | null,
  anchorCount: number,
  note: string | null,
): Omit<PlacedVideoFit, 'residualsMs'> {
  return {
    sha256,
    state,
    rate: line.rate,
    offset: line.offset,
    rateSd: Math.sqrt(line.varRate),
    offsetSd: Math.sqrt(line.varOffset),
    rateOffsetCov: line.covRateOffset,
    rmseMs,
    anchorCount,
    note,
  };
}

function defaultLabels(videos: readonly SyncVideo[]): Labels {
  return {
    video: (i) => videos[i]?.name ?? `video ${i + 1}`,
    anchor: (i, start) => `${start ? 'A' : 'a'}nchor ${i + 1}`,
  };
}
