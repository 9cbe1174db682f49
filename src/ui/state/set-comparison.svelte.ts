import type { CompareResult, ComparedSet, Difference } from '../../core/compare/compare-sets';
import type { SetId } from '../../core/ids';

/**
 * The "Compare annotation sets" panel's state (issue 17): which two sets, the thresholds, the
 * result, and the difference being looked at (its frame on screen, both sets drawn over it).
 */
export class SetComparison {
  open = $state(false);
  referenceId = $state<SetId | ''>('');
  comparedId = $state<SetId | ''>('');
  iouThreshold = $state(0.5);
  eventTolerance = $state(5);
  running = $state(false);
  problem = $state<string | null>(null);
  result = $state.raw<CompareResult | null>(null);
  /** The two sets as compared (their tracks are drawn over the frame while the panel is open). */
  sets = $state.raw<{ reference: ComparedSet; compared: ComparedSet } | null>(null);
  /** Names for the legend and the list. */
  names = $state.raw<{ reference: string; compared: string } | null>(null);
  /** How long the comparison took, in ms (shown beside the scores). */
  ms = $state<number | null>(null);
  selected = $state.raw<Difference | null>(null);

  clear(): void {
    this.result = null;
    this.sets = null;
    this.names = null;
    this.selected = null;
    this.problem = null;
    this.ms = null;
  }
}
