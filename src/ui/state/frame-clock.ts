import { frameClock, type FrameClock } from '../../core/time/clock-calibration';
import { ptsToSeconds } from '../../core/time/time-base';
import type { Workspace } from './workspace.svelte';

/** A frame's DVR and corrected times under the open case's calibration; null without one. */
export function clockAt(ws: Workspace, frame: number): FrameClock | null {
  const clock = ws.caseRecord?.clock;
  const timeBase = ws.evidence?.timeBase;
  if (!clock || !timeBase) return null;
  const secondsOf = (f: number) => {
    const pts = ws.ptsOf(f);
    return pts === null ? null : ptsToSeconds(pts, timeBase);
  };
  return frameClock(clock, secondsOf(frame), secondsOf(clock.frame));
}
