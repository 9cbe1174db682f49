import type { AnnotationDocument } from '../../core/annotations/history';
import type { WatchedCase } from '../../storage/repository';

/**
 * How many records differ between the document on screen and the stored ones (added,
 * removed or modified), judged by id and modified time, which every edit updates; the label
 * set counts as one record.
 */
export function changedRecords(doc: AnnotationDocument, stored: WatchedCase): number {
  let changed = 0;
  const compare = (
    shown: ReadonlyMap<string, { modifiedAt: string }>,
    records: readonly { id: string; modifiedAt: string }[],
  ) => {
    const seen = new Set<string>();
    for (const record of records) {
      seen.add(record.id);
      if (shown.get(record.id)?.modifiedAt !== record.modifiedAt) changed++;
    }
    for (const id of shown.keys()) if (!seen.has(id)) changed++;
  };
  compare(doc.tracks, stored.tracks);
  compare(doc.events, stored.events);
  compare(doc.notes, stored.notes);
  compare(doc.calibrations, stored.calibrations);
  compare(doc.measurements, stored.measurements);
  if (stored.caseRecord && JSON.stringify(stored.caseRecord.labels) !== JSON.stringify(doc.labels))
    changed++;
  return changed;
}
