/**
 * The View panel's state (issue 18): how the lead video's frames are shown. A view choice of
 * this browser, never part of a case: it changes no record, no frame, no MD5. The player
 * renders frames with it (media/prepared-frames.ts) and the stage says so (the badge);
 * enhanced stills and the report name it as an FFmpeg filter chain.
 *
 * Presets are kept in localStorage, read back through `readViewSettings` (a damaged or
 * hostile entry is skipped, never applied).
 */
import {
  NO_VIEW,
  changesPixels,
  ffmpegChain,
  isViewActive,
  readViewSettings,
  viewProblem,
  viewProblemOn,
  viewWords,
  type ViewSettings,
  type ViewedPicture,
} from '../../vision/view-settings';

const PRESETS_KEY = 'framewise.view-presets';

function readPresets(): Record<string, ViewSettings> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PRESETS_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const presets: Record<string, ViewSettings> = {};
    for (const [name, value] of Object.entries(parsed)) {
      const settings = readViewSettings(value);
      if (typeof settings !== 'string') presets[name] = settings;
    }
    return presets;
  } catch {
    return {}; // unreadable or blocked storage: no presets
  }
}

export class ViewFilters {
  settings = $state.raw<ViewSettings>(NO_VIEW);
  /** Why the last change was refused, in words (shown in the panel's role=alert). */
  problem = $state<string | null>(null);
  presets = $state.raw<Record<string, ViewSettings>>(readPresets());
  /** The lead video's picture the view is for (null: no video open). */
  #picture: ViewedPicture | null = null;

  readonly active = $derived(isViewActive(this.settings));
  readonly chain = $derived(ffmpegChain(this.settings));
  readonly words = $derived(viewWords(this.settings));
  /** What the player renders with: null when no pixel changes (the frame as decoded). */
  readonly rendered = $derived(changesPixels(this.settings) ? this.settings : null);

  /** Changes some settings; impossible ones are refused in words and nothing changes. */
  change(changes: Partial<ViewSettings>): boolean {
    const next = { ...this.settings, ...changes };
    const problem = this.#picture ? viewProblemOn(next, this.#picture) : viewProblem(next);
    if (problem) {
      this.problem = `That view cannot be shown: ${problem} The view was not changed.`;
      return false;
    }
    this.problem = null;
    this.settings = next;
    return true;
  }

  reset(): void {
    this.problem = null;
    this.settings = NO_VIEW;
  }

  /**
   * The lead video's picture changed (another video opened): what of the view it cannot show
   * (one field on a height FFmpeg would change, sharpening on too few lines) is set back and
   * the rest kept. Returns what was changed and why, in words (null: nothing), for the
   * caller to say where the examiner is looking (the panel may be out of sight).
   */
  setPicture(picture: ViewedPicture | null): string | null {
    this.#picture = picture;
    const problem = picture ? viewProblemOn(this.settings, picture) : null;
    if (!picture || !problem) return null;
    // Each of the two set back only if it is impossible on its own.
    const fieldAlone = { ...this.settings, sharpen: NO_VIEW.sharpen };
    const sharpenAlone = { ...this.settings, fields: NO_VIEW.fields };
    const next = {
      ...this.settings,
      fields: viewProblemOn(fieldAlone, picture) ? NO_VIEW.fields : this.settings.fields,
      sharpen: viewProblemOn(sharpenAlone, picture) ? NO_VIEW.sharpen : this.settings.sharpen,
    };
    this.settings = viewProblemOn(next, picture) ? NO_VIEW : next;
    return `The view was changed for this video: ${problem}`;
  }

  /** Saves the current settings under a name (replacing a preset of that name). */
  savePreset(name: string): string | null {
    const trimmed = name.trim();
    if (!trimmed) return 'Give the preset a name.';
    if (trimmed.length > 60) return 'A preset name is at most 60 characters.';
    const presets = { ...this.presets, [trimmed]: this.settings };
    try {
      localStorage.setItem(PRESETS_KEY, JSON.stringify(presets));
    } catch (error) {
      return `The preset could not be saved in this browser: ${String(error)}`;
    }
    this.presets = presets;
    return null;
  }

  applyPreset(name: string): void {
    const preset = this.presets[name];
    if (preset) this.change(preset);
  }

  deletePreset(name: string): void {
    const rest = { ...this.presets };
    delete rest[name];
    try {
      localStorage.setItem(PRESETS_KEY, JSON.stringify(rest));
    } catch {
      return; // kept: it could not be removed from storage either
    }
    this.presets = rest;
  }
}
