import type { FrameIndex } from '../ids';
import { frameValueAt, readValue } from '../annotations/labels';
import type { Label, Track } from '../annotations/model';
import type { FrameOutcome } from './clear-mot';

/**
 * Attribute agreement (issue 17): on every frame where a reference object and a compared one
 * are matched, do their attributes say the same? Per attribute, by name (the two sets may
 * number their attributes differently): frames compared, frames agreeing, and the share.
 * Track attributes (a vehicle's plate) and frame attributes (whether the officer holds on,
 * from the keyframe at or before the frame) alike; values compared exactly (text, number,
 * choice, tick box). An attribute only one side's label has is not compared.
 */
export interface AttributeAgreement {
  readonly name: string;
  readonly compared: number;
  readonly agreed: number;
  /** agreed / compared; 1 when nothing was compared (nothing disagreed). */
  readonly rate: number;
}

/** The attributes of a track on a frame, by name, read as the editor reads them (labels.ts). */
function valuesAt(track: Track, frame: number, labels: readonly Label[]): Map<string, unknown> {
  const specs = labels.find((l) => l.id === track.labelId)?.attributes ?? [];
  return new Map(
    specs.map((spec) => [
      spec.name,
      spec.scope === 'frame'
        ? frameValueAt(track, spec, frame as FrameIndex)
        : readValue(spec, track.attributes[spec.id]),
    ]),
  );
}

export function attributeAgreement(
  frames: readonly FrameOutcome[],
  reference: { readonly tracks: readonly Track[]; readonly labels: readonly Label[] },
  compared: { readonly tracks: readonly Track[]; readonly labels: readonly Label[] },
): AttributeAgreement[] {
  const counts = new Map<string, { compared: number; agreed: number }>();
  for (const outcome of frames) {
    for (const match of outcome.matches) {
      const r = valuesAt(reference.tracks[match.row]!, outcome.frame, reference.labels);
      const c = valuesAt(compared.tracks[match.col]!, outcome.frame, compared.labels);
      for (const [name, value] of r) {
        if (!c.has(name)) continue;
        const count = counts.get(name) ?? { compared: 0, agreed: 0 };
        count.compared++;
        if (c.get(name) === value) count.agreed++;
        counts.set(name, count);
      }
    }
  }
  return [...counts]
    .map(([name, { compared: n, agreed }]) => ({
      name,
      compared: n,
      agreed,
      rate: n === 0 ? 1 : agreed / n,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
