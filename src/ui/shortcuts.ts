import type { Workspace } from './state/workspace.svelte';

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

/** The app's keyboard shortcuts (ui-contract.md); each is also a button. */
export function handleShortcut(event: KeyboardEvent, ws: Workspace): void {
  if (event.defaultPrevented || isTextField(event.target)) return;
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key;
  let handled = true;
  if (ctrl && !event.shiftKey && key.toLowerCase() === 'z') ws.undo();
  else if (ctrl && ((event.shiftKey && key.toLowerCase() === 'z') || key.toLowerCase() === 'y'))
    ws.redo();
  else if (ctrl || event.altKey) handled = false;
  else if (!ws.source) handled = false;
  else if (key === 'ArrowRight' || key === 'f') ws.player.step(event.shiftKey ? 10 : 1);
  else if (key === 'ArrowLeft' || key === 'd') ws.player.step(event.shiftKey ? -10 : -1);
  else if (key === 'F') ws.player.step(10);
  else if (key === 'D') ws.player.step(-10);
  else if (key === 'e' || key === 'E') ws.goToKeyframe(-1);
  else if (key === 'r' || key === 'R') ws.goToKeyframe(1);
  else if (key === 'o' || key === 'O') ws.toggleSelectedFlag('outside');
  else if (key === 'q' || key === 'Q') ws.toggleSelectedFlag('occluded');
  else if (key === 'n' || key === 'N') {
    ws.selectedTrackId = null;
    ws.tool = 'rectangle';
  } else if (key === 'Home') ws.player.goTo(0);
  else if (key === 'End') ws.player.goTo(ws.player.frameCount - 1);
  else if (key === ' ') ws.player.togglePlay();
  else if (key === 'Escape') {
    ws.tool = 'select';
    ws.selectedTrackId = null;
  } else handled = false;
  if (handled) event.preventDefault();
}
