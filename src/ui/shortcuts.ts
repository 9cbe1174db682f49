import { stepFrameOrField } from './state/view-actions';
import {
  deleteSelectedKeyframe,
  deleteSelectedTrack,
  goToKeyframe,
  propagateSelected,
  toggleSelectedFlag,
} from './state/track-actions';
import { trackSelected } from './state/tracking-actions';
import type { Workspace } from './state/workspace.svelte';
import { nextLoupeZoom } from './state/loupe';
import { pinShownFrame } from './state/frame-compare.svelte';
import type { StageTool } from '../canvas/stage-view';

/** True where typing must never trigger a shortcut. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'file', 'range', 'submit', 'reset'].includes(
      target.type,
    );
  }
  return false;
}

/**
 * The drawing tools' keys: letters no other shortcut uses (T is kept for assisted tracking,
 * E/R/O/Q/P/N/H/F/D/K are taken; Shift+L is the loupe's). Shown in the "?" overlay and in
 * the tool buttons' tooltips.
 */
export const TOOL_KEYS: Readonly<Record<StageTool, string>> = {
  select: 'V',
  rectangle: 'B',
  polygon: 'G',
  polyline: 'L',
  points: 'M',
  ellipse: 'C',
  arrow: 'A',
  text: 'X',
  ruler: 'U',
};

const TOOL_NAMES: Readonly<Record<StageTool, string>> = {
  select: 'Select tool',
  rectangle: 'Rectangle tool (B for box)',
  polygon: 'Polygon tool',
  polyline: 'Polyline tool',
  points: 'Point tool (M for mark)',
  ellipse: 'Ellipse tool (C for circle)',
  arrow: 'Arrow tool',
  text: 'Text tool',
  ruler: 'Ruler (U): the distance between two ground points',
};

/** The tool a key chooses (either case), if any. */
function toolOfKey(key: string): StageTool | null {
  const upper = key.toUpperCase();
  const found = Object.entries(TOOL_KEYS).find(([, k]) => k === upper);
  return found ? (found[0] as StageTool) : null;
}

/** A tool key: drawing tools only once the case is open (as the buttons). */
function chooseTool(ws: Workspace, tool: StageTool): void {
  if (tool === 'select' || ws.caseRecord) ws.tool = tool;
}

/** One line of the "?" overlay: the keys and what they do. */
export interface ShortcutHelp {
  readonly keys: string;
  readonly does: string;
}

/** Every shortcut, as listed in the "?" overlay; keep in step with handleShortcut below. */
export const SHORTCUTS: readonly { group: string; items: readonly ShortcutHelp[] }[] = [
  {
    group: 'Frames',
    items: [
      { keys: '→ or F', does: 'Next frame (next field with one field shown on interlaced video)' },
      { keys: '← or D', does: 'Previous frame (or field, likewise)' },
      { keys: 'Shift+→ / Shift+← (Shift+F / Shift+D)', does: '10 frames on / back' },
      { keys: 'Home / End', does: 'First / last frame' },
      { keys: 'Space', does: 'Play / pause (hold and drag on the frame: pan)' },
      { keys: '[ / ]', does: 'Play slower / faster (0.25× to 2×)' },
      { keys: 'Click or drag on the timeline', does: 'Go to that frame' },
      { keys: 'Wheel / Shift+wheel on the timeline', does: 'Zoom / scroll the timeline' },
    ],
  },
  {
    group: 'Objects',
    items: [
      { keys: 'N', does: 'Draw a new object with the current tool' },
      { keys: 'Enter', does: 'Finish a polygon, polyline or points being drawn' },
      { keys: 'Esc', does: 'Drop a drawing; else let go of the object (the tool is kept)' },
      { keys: 'E / R', does: "Selected object's previous / next keyframe" },
      {
        keys: 'O',
        does: 'Selected object outside (left the view) from this frame, or back: ends a held track here',
      },
      { keys: 'Q', does: 'Selected object occluded from this frame, or not' },
      { keys: 'P', does: 'Propagate the selected object to the next N frames' },
      { keys: 'T / Shift+T', does: 'Track the selected object forward / backward (Esc stops)' },
      { keys: 'Delete', does: 'Delete the selected object' },
      { keys: 'Shift+Delete', does: "Delete the selected object's keyframe on this frame" },
      { keys: 'Double-click an outline', does: 'Add a vertex to the selected polygon or polyline' },
      { keys: 'Double-click or Alt+click a vertex', does: 'Remove it' },
    ],
  },
  {
    group: 'Tools',
    items: (Object.keys(TOOL_KEYS) as StageTool[]).map((tool) => ({
      keys: TOOL_KEYS[tool],
      does: TOOL_NAMES[tool],
    })),
  },
  {
    group: 'View',
    items: [
      { keys: 'Mouse wheel', does: 'Zoom at the pointer' },
      { keys: '+ / -', does: 'Zoom in / out' },
      { keys: '0 / 1', does: 'Fit the frame / one frame pixel per screen pixel' },
      { keys: 'H', does: 'Overlays off / on (the clean frame)' },
      { keys: 'Shift+L', does: 'Loupe: off, 2×, 4×, 8×, 16× (the pixels around the pointer)' },
      { keys: 'K', does: 'Pin frame: keep this frame to compare with the frames you step to' },
      { keys: '?', does: 'This list' },
    ],
  },
  {
    group: 'Edits',
    items: [
      { keys: 'Ctrl+Z', does: 'Undo' },
      { keys: 'Ctrl+Shift+Z or Ctrl+Y', does: 'Redo' },
    ],
  },
];

/**
 * Keys a focused control answers itself: Space and Enter press buttons and tick boxes,
 * arrows move between radio buttons. Those must reach the control, not play or step frames.
 */
function controlOwnsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const pressable =
    target instanceof HTMLButtonElement ||
    (target instanceof HTMLInputElement && ['checkbox', 'radio', 'button'].includes(target.type));
  if (pressable && (key === ' ' || key === 'Enter')) return true;
  return target instanceof HTMLInputElement && target.type === 'radio' && key.startsWith('Arrow');
}

/** A modal dialog is open (label editor, shortcuts list): the app behind it takes no keys. */
const modalOpen = () => document.querySelector('dialog:modal') !== null;

/** The app's keyboard shortcuts (ui-contract.md); each is also a button. */
export function handleShortcut(event: KeyboardEvent, ws: Workspace): void {
  if (event.defaultPrevented || isTextField(event.target)) return;
  if (controlOwnsKey(event.target, event.key)) return;
  if (modalOpen() && event.key !== '?' && !(ws.shortcutsOpen && event.key === 'Escape')) return;
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key;
  let handled = true;
  if (ctrl && !event.shiftKey && key.toLowerCase() === 'z') ws.undo();
  else if (ctrl && ((event.shiftKey && key.toLowerCase() === 'z') || key.toLowerCase() === 'y'))
    ws.redo();
  else if (ctrl || event.altKey) handled = false;
  else if (key === '?') ws.shortcutsOpen = !ws.shortcutsOpen;
  else if (key === 'Escape' && ws.shortcutsOpen) ws.shortcutsOpen = false;
  else if (!ws.source) handled = false;
  else if (key === 'ArrowRight' || key === 'f') {
    if (event.shiftKey) ws.player.step(10);
    else stepFrameOrField(ws, 1);
  } else if (key === 'ArrowLeft' || key === 'd') {
    if (event.shiftKey) ws.player.step(-10);
    else stepFrameOrField(ws, -1);
  } else if (key === 'F') ws.player.step(10);
  else if (key === 'D') ws.player.step(-10);
  else if (key === 'e' || key === 'E') goToKeyframe(ws, -1);
  else if (key === 'r' || key === 'R') goToKeyframe(ws, 1);
  else if (key === 'o' || key === 'O') toggleSelectedFlag(ws, 'outside');
  else if (key === 'q' || key === 'Q') toggleSelectedFlag(ws, 'occluded');
  else if (key === 'n' || key === 'N') ws.startNewObject();
  else if (key === 'p' || key === 'P') propagateSelected(ws, ws.propagateCount);
  else if (key === 't') void trackSelected(ws, 1);
  else if (key === 'T') void trackSelected(ws, -1);
  else if (key === 'Escape' && ws.tracking.running) ws.tracking.stop();
  else if (key === 'h' || key === 'H') ws.overlaysVisible = !ws.overlaysVisible;
  else if ((key === 'L' || key === 'l') && event.shiftKey)
    ws.loupeZoom = nextLoupeZoom(ws.loupeZoom);
  else if (key === 'k' || key === 'K') pinShownFrame(ws);
  else if (key === '+' || key === '=') ws.stage?.zoomIn();
  else if (key === '-') ws.stage?.zoomOut();
  else if (key === '0') ws.stage?.fit();
  else if (key === '1') ws.stage?.oneToOne();
  else if (key === 'Enter') handled = ws.stage?.finishDraft() ?? false;
  else if (key === 'Delete' && event.shiftKey) deleteSelectedKeyframe(ws);
  else if (key === 'Delete') deleteSelectedTrack(ws);
  else if (key === '[') ws.player.changeRate(-1);
  else if (key === ']') ws.player.changeRate(1);
  else if (key === 'Home') ws.player.goTo(0);
  else if (key === 'End') ws.player.goTo(ws.player.frameCount - 1);
  else if (key === ' ') {
    // Space plays on release, unless it was held to pan the frame meanwhile.
    if (!event.repeat) ws.stage?.setPanKey(true);
  } else if (key === 'Escape') ws.cancel();
  else if (!event.shiftKey && toolOfKey(key)) chooseTool(ws, toolOfKey(key)!);
  else handled = false;
  if (handled) event.preventDefault();
}

/** Key releases: Space toggles play here, so that Space+drag can pan instead. */
export function handleShortcutRelease(event: KeyboardEvent, ws: Workspace): void {
  if (event.key !== ' ' || isTextField(event.target) || !ws.source) return;
  if (controlOwnsKey(event.target, event.key) || modalOpen()) return;
  const panned = ws.stage?.setPanKey(false) ?? false;
  if (!panned) ws.player.togglePlay();
  event.preventDefault();
}
