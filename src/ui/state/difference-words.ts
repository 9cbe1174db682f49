import type { ComparedSet, Difference } from '../../core/compare/compare-sets';
import { trackTitle } from '../../core/annotations/tracks';

/**
 * A difference between two compared sets in words, for the Differences list: where (frames),
 * what (missing, extra, low overlap, wrong label, identity switch, an event missing, extra,
 * mislabelled), which objects (R: the reference's, C: the compared set's), and the details
 * the comparison gives (e.g. the IoU).
 */
const KIND_WORDS: Record<Difference['kind'], string> = {
  missing: 'missing',
  extra: 'extra',
  'low-overlap': 'low overlap',
  'wrong-label': 'wrong label',
  'identity-switch': 'identity switch',
  'missing-event': 'event missing',
  'extra-event': 'extra event',
  'event-wrong-label': 'event with the wrong label',
  'event-early': 'event early',
  'event-late': 'event late',
};

export const differenceKindWords = (kind: Difference['kind']): string => KIND_WORDS[kind];

function titleOf(set: ComparedSet, id: string | null): string | null {
  if (id === null) return null;
  const track = set.tracks.find((t) => t.id === id);
  if (track) return trackTitle(set.labels, track);
  const event = set.events.find((e) => e.id === id);
  return event ? `event “${event.description || 'untitled'}”` : null;
}

export function differenceWords(
  d: Difference,
  reference: ComparedSet,
  compared: ComparedSet,
): string {
  const frames = d.endFrame > d.frame ? `frames ${d.frame}–${d.endFrame}` : `frame ${d.frame}`;
  const r = titleOf(reference, d.referenceId);
  const c = titleOf(compared, d.comparedId);
  const who = [r && `R ${r}`, c && `C ${c}`].filter(Boolean).join(' ↔ ');
  return `${frames}: ${KIND_WORDS[d.kind]}${who ? ` · ${who}` : ''}${d.details ? ` (${d.details})` : ''}`;
}
