import {
  frameClock,
  type CalibrationFrames,
  type FrameClock,
} from '../../core/time/clock-calibration';
import { ptsToSeconds } from '../../core/time/time-base';
import type { Workspace } from './workspace.svelte';

/** The open video's frames and their presentation times, for calibrating the DVR clock. */
export function calibrationFrames(ws: Workspace): CalibrationFrames {
  const timeBase = ws.evidence?.timeBase;
  return {
    frameCount: ws.evidence?.frameCount ?? 0,
    secondsOf: (frame) => {
      const pts = ws.ptsOf(frame);
      return pts === null || !timeBase ? null : ptsToSeconds(pts, timeBase);
    },
  };
}

/** A frame's DVR and corrected times under the open case's calibration; null without one. */
export function clockAt(ws: Workspace, frame: number): FrameClock | null {
  const clock = ws.videoClock;
  if (!clock || !ws.evidence) return null;
  const { secondsOf } = calibrationFrames(ws);
  return frameClock(clock, secondsOf(frame), secondsOf(clock.frame));
}
