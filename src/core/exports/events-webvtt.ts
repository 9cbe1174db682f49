import type { EventId, Pts } from '../ids';
import type { AnnotationEvent } from '../annotations/model';
import { ptsToSeconds } from '../time/time-base';
import { eventPts, sortedEvents, type EventsExportInput } from './events-csv';

/**
 * The case's events as WebVTT subtitles, so a player (VLC, mpv, a <video> with <track>) shows
 * each event as a caption while it happens.
 *
 * Decisions:
 * - A cue starts when its start frame is first shown (that frame's pts) and ends when its end
 *   frame stops being shown: the next frame's pts, since frames are inclusive. For the clip's
 *   last frame (no next frame) the end frame lasts as long as the frame before it did.
 * - Times are relative to frame 0: cue time = (pts − pts of frame 0) × time base. Players put
 *   the first frame at media time 0: an MP4 with an edit list already has frame 0 at pts 0, and
 *   mpv, VLC and browsers rebase streams that start later (MPEG-TS starts near 1.4 s). Raw
 *   stream pts would put every cue late in those players. The offset used is written in a NOTE.
 * - An event whose start or end has no timestamp (raw streams count frames, and Evidence holds
 *   no frame rate to make times up from) is left out, never placed at a guessed time; the NOTE
 *   at the top names the events left out, and `skipped` returns them.
 * - Cue id: the event id, so a cue can be matched to the JSON export. Payload: "category:
 *   description", with & < > as entities (so "-->" cannot occur), line breaks kept but blank
 *   lines and control characters removed (a blank line would end the cue).
 * - Milliseconds are rounded to the nearest; a cue lasts at least 1 ms. Lines end LF.
 */

export interface EventsWebVtt {
  readonly text: string;
  /** Events left out because a start or end frame has no timestamp. */
  readonly skipped: readonly EventId[];
}

/** Milliseconds as a WebVTT timestamp, "HH:MM:SS.mmm" (hours grow past 99 if they must). */
export function formatVttTime(milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds));
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms % 1000, 3)}`;
}

/** User text as a cue payload: entities for & < >, no control characters, no blank lines. */
export function vttPayload(text: string): string {
  const escaped = text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replaceAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  return escaped
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** A NOTE block or cue id must not hold "-->" or a line break. */
const oneLine = (text: string): string => text.replaceAll('-->', '->').replaceAll(/[\r\n]+/g, ' ');

/** When the end frame stops being shown: the next frame's pts, else end + previous duration. */
function endOfFrame(frame: number, input: EventsExportInput): number | null {
  const next = frame + 1 < input.frameCount ? input.framePts(frame + 1) : null;
  if (next !== null) return next;
  const own = input.framePts(frame);
  const previous = frame > 0 ? input.framePts(frame - 1) : null;
  return own === null || previous === null ? null : own + (own - previous);
}

interface Cue {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly payload: string;
}

function cueOf(
  event: AnnotationEvent,
  category: string,
  input: EventsExportInput,
  origin: number,
): Cue | null {
  const start = eventPts(event, input.framePts).start;
  const end = endOfFrame(event.endFrame, input);
  if (start === null || end === null) return null;
  const toMs = (p: number) => ptsToSeconds((p - origin) as Pts, input.evidence.timeBase) * 1000;
  const startMs = Math.round(toMs(start));
  const text = [category, event.description].filter((t) => t.trim() !== '').join(': ');
  return {
    id: oneLine(event.id),
    startMs,
    endMs: Math.max(startMs + 1, Math.round(toMs(end))),
    payload: vttPayload(text) || '(event)',
  };
}

const cueText = (cue: Cue): string =>
  `${cue.id}\n${formatVttTime(cue.startMs)} --> ${formatVttTime(cue.endMs)}\n${cue.payload}\n`;

/** The header and NOTE: what the file is of, the time origin, any events left out. */
function header(input: EventsExportInput, origin: number, skipped: readonly EventId[]): string {
  const lines = [
    `Events of ${input.evidence.fileName} (SHA-256 ${input.evidence.sha256}).`,
    `Times are relative to frame 0 (pts ${origin}, time base ${input.evidence.timeBase.num}/${input.evidence.timeBase.den}).`,
  ];
  if (skipped.length > 0) {
    lines.push(`Left out, no timestamps: ${skipped.join(', ')}.`);
  }
  return `WEBVTT\n\nNOTE\n${lines.map(oneLine).join('\n')}\n`;
}

/** The events as a WebVTT file, cues in start-frame order. */
export function buildEventsWebVtt(input: EventsExportInput): EventsWebVtt {
  const { document } = input;
  const origin = input.framePts(0) ?? input.evidence.startPts ?? 0;
  const labelName = (id: string | null) => document.labels.find((l) => l.id === id)?.name ?? '';
  const cues: Cue[] = [];
  const skipped: EventId[] = [];
  for (const event of sortedEvents(document)) {
    const cue = cueOf(event, labelName(event.labelId), input, origin);
    if (cue) cues.push(cue);
    else skipped.push(event.id);
  }
  const blocks = [header(input, origin, skipped), ...cues.map(cueText)];
  return { text: blocks.join('\n'), skipped };
}
