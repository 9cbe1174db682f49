/**
 * The words of the sync fit (fit.ts): durations, clock rates and the sentences that name
 * anchors which contradict each other, kept apart from the arithmetic so both stay short.
 * Each sentence says what is wrong and what the examiner can do about it.
 */

/** A problem with a key that names what it is about (checkNewAnchor compares keys). */
export interface SyncProblem {
  readonly key: string;
  readonly text: string;
}

/** How the sentences name videos and anchors (by position; anchors 1-based). */
export interface Labels {
  readonly video: (index: number) => string;
  /** `start`: the label opens a sentence (capitalised). */
  readonly anchor: (index: number, start: boolean) => string;
}

/** "12 ms" under a second, "1.370 s" from a second up. */
export function describeSeconds(seconds: number): string {
  const s = Math.abs(seconds);
  return s < 1 ? `${Math.round(s * 1000)} ms` : `${s.toFixed(3)} s`;
}

/**
 * What a rate says about a video, e.g. "camera B's seconds 12 % longer than the reference's
 * (each 1.120 s of the case timeline)". Longer seconds: its clock is slow, what it shows
 * plays fast; shorter: the other way round. Said as lengths, which cannot be misread.
 */
export function describeClock(name: string, rate: number): string {
  if (!(rate > 0)) {
    return `${name} run backwards (what it shows later, the case timeline puts earlier)`;
  }
  const percent = Math.abs(rate - 1) * 100;
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${name}'s seconds ${percent.toFixed(digits)} % ${rate > 1 ? 'longer' : 'shorter'} than the reference's (each ${rate.toFixed(3)} s of the case timeline)`;
}

/** Two anchors of `name` no plausible clock reconciles. */
export function pairText(
  first: string,
  second: string,
  name: string,
  sameMoment: boolean,
  dx: number,
  dy: number,
): string {
  const what = sameMoment
    ? `they put the same moment of ${name} ${describeSeconds(dy)} apart on the case timeline`
    : `they would make ${describeClock(name, dy / dx)}; clocks drift far less than 2 %`;
  return `${first} and ${second} contradict each other: ${what}. One of them pairs the wrong frames.`;
}

/** One anchor far from the line the other anchors of `name` give. */
export function outlierText(anchor: string, name: string, missS: number, sdS: number): string {
  return `${anchor} does not agree with the other anchors of ${name}: it is ${describeSeconds(missS)} from where they put it, far more than its uncertainty (± ${describeSeconds(sdS)}) and a frame. It probably pairs the wrong frames.`;
}

/** Three or more anchors of `name` with no single one to blame. */
export function setText(name: string, anchors: readonly string[]): string {
  return `The anchors of ${name} (${anchors.join(', ')}) do not agree with each other: no clock within 2 % of the reference's puts them all within their uncertainty. Some pair the wrong frames.`;
}

/** An anchor between two videos placed through other anchors, which it disagrees with. */
export function unusedText(
  anchor: string,
  ends: string,
  names: string,
  missS: number,
  sdS: number,
  frameS: number,
): string {
  return `${anchor} (${ends}) is ${describeSeconds(missS)} away from where the other anchors put ${names}, far more than its uncertainty (± ${describeSeconds(sdS)}) and a frame (${describeSeconds(frameS)}). It probably pairs the wrong frames.`;
}
