import type { Box, LumaFrame } from '../luma';
import { createTracker, type TrackStep } from '../ncc-tracker';

/** Tracks from frame 0's box to the end (or until it stops); step i is frame i + 1. */
export function runTracker(frames: readonly LumaFrame[], start: Box): TrackStep[] {
  const started = createTracker(frames[0]!, start);
  if (!started.ok) throw new Error(started.reason);
  const steps: TrackStep[] = [];
  for (const frame of frames.slice(1)) {
    const step = started.tracker.update(frame);
    steps.push(step);
    if (step.state !== 'tracking') break;
  }
  return steps;
}
