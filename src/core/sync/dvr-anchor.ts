/**
 * An anchor from two calibrated DVR clocks: each video's calibration says what real time its
 * calibration frame shows (the DVR time less the clock's measured offset, in its UTC zone),
 * so the instant the lead's calibration frame shows can be found in the other video. Each
 * end is as uncertain as its clock reading (± the calibration's uncertainty), which is
 * usually more than a frame: frame anchors, where an event is seen in both, pin it better.
 */
import type { FrameIndex, Sha256 } from '../ids';
import type { ClockCalibration } from '../annotations/model';
import { parseDvrTime } from '../time/clock-calibration';
import { frameAtInstant } from './timeline-map';
import type { AnchorEnd } from './model';

export interface ClockedVideo {
  readonly sha256: Sha256;
  readonly clock: ClockCalibration;
  /** Every frame's t_video, ascending. */
  readonly times: readonly number[];
  /** How long its last frame is shown (s). */
  readonly lastDurationS: number;
}

/** Real time (ms, UTC where the zone is known) that a calibration's frame shows. */
function realTimeMs(clock: ClockCalibration): number | null {
  const dvr = parseDvrTime(clock.dvrTime);
  if (dvr === null) return null;
  return dvr - clock.offsetSeconds * 1000 - (clock.utcOffsetMinutes ?? 0) * 60_000;
}

export type DvrAnchorResult =
  | { readonly ok: true; readonly a: AnchorEnd; readonly b: AnchorEnd; readonly note: string }
  | { readonly ok: false; readonly reason: string };

/** The two ends of the anchor the clocks give, or why they give none, in plain words. */
export function dvrClockAnchor(lead: ClockedVideo, other: ClockedVideo): DvrAnchorResult {
  const zoneKnown = (c: ClockCalibration) => c.utcOffsetMinutes !== null;
  if (zoneKnown(lead.clock) !== zoneKnown(other.clock)) {
    return {
      ok: false,
      reason:
        "Only one of the two clocks has its UTC offset: the two cannot be compared. Give both clocks' zones (or neither, if they kept the same zone).",
    };
  }
  const realA = realTimeMs(lead.clock);
  const realB = realTimeMs(other.clock);
  const tA = lead.times[lead.clock.frame];
  const tBCal = other.times[other.clock.frame];
  if (realA === null || realB === null || tA === undefined || tBCal === undefined) {
    return {
      ok: false,
      reason: 'A clock calibration names a time or frame this video does not have.',
    };
  }
  // The lead's calibration frame's real time, on the other video's own clock.
  const tB = tBCal + (realA - realB) / 1000;
  const at = frameAtInstant(other.times, other.lastDurationS, tB);
  if (!('frame' in at)) {
    return {
      ok: false,
      reason: `By the two clocks, the lead's calibration frame ${lead.clock.frame} is ${at.outside === 'before' ? 'before' : 'after'} the other video's recording, so they give no anchor.`,
    };
  }
  return {
    ok: true,
    a: {
      sha256: lead.sha256,
      frame: lead.clock.frame as FrameIndex,
      seconds: tA,
      halfIntervalS: lead.clock.uncertaintySeconds,
    },
    b: {
      sha256: other.sha256,
      frame: at.frame as FrameIndex,
      seconds: tB,
      halfIntervalS: other.clock.uncertaintySeconds,
    },
    note: `from the DVR clocks (± ${lead.clock.uncertaintySeconds} s and ± ${other.clock.uncertaintySeconds} s${zoneKnown(lead.clock) ? '' : '; zones not recorded, taken as the same'})`,
  };
}
