/**
 * Which sections of the side panels are open: a view choice of this browser, kept in
 * localStorage (not in the case or a backup) so the panel looks the same after a reload.
 *
 * Sections a person rarely needs start closed; the rest start open, so everything the UI
 * contract names is on show until someone closes it.
 */

const STORAGE_KEY = 'framewise.panel-sections';

/** Sections that start closed. */
const CLOSED_AT_FIRST: ReadonlySet<string> = new Set(['storage']);

function readStored(): Record<string, boolean> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, boolean] => {
        return typeof entry[1] === 'boolean';
      }),
    );
  } catch {
    return {}; // unreadable or storage blocked: the defaults
  }
}

class PanelSections {
  #open = $state<Record<string, boolean>>(readStored());

  isOpen(id: string): boolean {
    return this.#open[id] ?? !CLOSED_AT_FIRST.has(id);
  }

  setOpen(id: string, open: boolean): void {
    this.#open = { ...this.#open, [id]: open };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#open));
    } catch {
      // Storage full or blocked: the choice holds for this sitting only.
    }
  }
}

export const panelSections = new PanelSections();
