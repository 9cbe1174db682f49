import type { TrackId } from './ids';
import type { Track } from './model';

/**
 * Every edit is a command: a named list of record changes, each with the record before and
 * after. Undo applies the befores, redo the afters; the same changes go to storage and, later,
 * the audit log. No closures, so a command can be stored and replayed.
 */
export interface TrackChange {
  readonly kind: 'track';
  readonly id: TrackId;
  readonly before: Track | null;
  readonly after: Track | null;
}

export type Change = TrackChange;

export interface Command {
  readonly name: string;
  readonly changes: readonly Change[];
}

/** The annotations of one case, replaced whole on each change (never mutated). */
export interface AnnotationDocument {
  readonly tracks: ReadonlyMap<TrackId, Track>;
}

export const emptyDocument = (): AnnotationDocument => ({ tracks: new Map() });

export function documentFromTracks(tracks: Iterable<Track>): AnnotationDocument {
  return { tracks: new Map([...tracks].map((t) => [t.id, t])) };
}

/** The command that undoes this one. */
export function invert(command: Command): Command {
  return {
    name: command.name,
    changes: [...command.changes]
      .reverse()
      .map((c) => ({ ...c, before: c.after, after: c.before })),
  };
}

export function applyCommand(doc: AnnotationDocument, command: Command): AnnotationDocument {
  if (command.changes.length === 0) return doc;
  const tracks = new Map(doc.tracks);
  for (const change of command.changes) {
    if (change.after) tracks.set(change.id, change.after);
    else tracks.delete(change.id);
  }
  return { tracks };
}

/** Undo and redo stacks; immutable, so it can sit in `$state.raw`. */
export interface History {
  readonly past: readonly Command[];
  readonly future: readonly Command[];
}

export const MAX_UNDO_STEPS = 1000;

export const emptyHistory = (): History => ({ past: [], future: [] });

export function recordCommand(history: History, command: Command): History {
  const past = [...history.past, command];
  if (past.length > MAX_UNDO_STEPS) past.splice(0, past.length - MAX_UNDO_STEPS);
  return { past, future: [] };
}

/** The command to apply to undo the last step, and the history after it; null if none. */
export function undoStep(history: History): { command: Command; history: History } | null {
  const last = history.past.at(-1);
  if (!last) return null;
  return {
    command: invert(last),
    history: { past: history.past.slice(0, -1), future: [...history.future, last] },
  };
}

export function redoStep(history: History): { command: Command; history: History } | null {
  const next = history.future.at(-1);
  if (!next) return null;
  return {
    command: next,
    history: { past: [...history.past, next], future: history.future.slice(0, -1) },
  };
}
