/**
 * "Import annotations": a file from Framewise, CVAT or MOT becomes a new annotation set of the
 * open case (never mixed into an existing one), after the whole file has been checked; a file
 * that fails any check adds nothing and its problems are shown in an alert.
 */
import { newAnnotationSet } from '../../core/annotations/annotation-sets';
import { nowIso } from '../../core/time/clock';
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import { importedToRecords } from '../../core/exports/imported-records';
import { addImportedSet } from './annotation-set-actions';
import type { Change, Command } from '../../core/annotations/history';
import { readImport } from './import-reading';
import type { Workspace } from './workspace.svelte';

const FORMAT_NAMES = {
  'framewise.annotations': 'Framewise annotations',
  'cvat-video-1.1': 'CVAT for video 1.1',
  'mot-1.1': 'MOT 1.1',
} as const;

/** At most this many problems are listed in the alert (the first ones found). */
const SHOWN_PROBLEMS = 5;

export async function importAnnotations(ws: Workspace, file: File): Promise<void> {
  const { evidence, caseRecord } = ws;
  if (!evidence || !caseRecord) return;
  if (!(await ws.ensureExaminer())) return;
  ws.alert = null;
  const read = await readImport(file, evidence);
  if (!read.ok) {
    const shown = read.problems.slice(0, SHOWN_PROBLEMS).join(' ');
    const more =
      read.problems.length > SHOWN_PROBLEMS
        ? ` (and ${read.problems.length - SHOWN_PROBLEMS} more)`
        : '';
    ws.alert = `"${file.name}" was not imported: ${shown}${more} Nothing was changed.`;
    return;
  }
  const { imported, native } = read;
  const now = nowIso();
  const set = newAnnotationSet({
    caseId: caseRecord.id,
    evidenceSha256: ws.evidence?.sha256 ?? caseRecord.evidenceSha256,
    annotator: native?.annotationSet.annotator || ws.examiner,
    existing: ws.sets,
    now,
  });
  const named = { ...set, name: `${set.name} (imported)` };
  const records = importedToRecords(imported, {
    caseId: caseRecord.id,
    setId: set.id,
    labels: ws.labels,
    now,
    framePts: (frame) => ws.ptsOf(frame),
    // A scene calibration's pixels are of the video it was made on: only that one takes it.
    evidenceSha256: native?.evidenceSha256 === evidence.sha256 ? evidence.sha256 : undefined,
  });
  const labels = [...ws.labels, ...records.labelsToAdd];
  const changes: Change[] = [
    ...(records.labelsToAdd.length > 0
      ? [{ kind: 'labels' as const, before: ws.labels, after: labels }]
      : []),
    ...records.tracks.map((t) => ({ kind: 'track' as const, id: t.id, before: null, after: t })),
    ...records.events.map((e) => ({ kind: 'event' as const, id: e.id, before: null, after: e })),
    ...records.notes.map((n) => ({ kind: 'note' as const, id: n.id, before: null, after: n })),
    ...records.calibrations.map((c) => ({
      kind: 'calibration' as const,
      id: c.id,
      before: null,
      after: c,
    })),
    ...records.measurements.map((m) => ({
      kind: 'measurement' as const,
      id: m.id,
      before: null,
      after: m,
    })),
  ];
  const command: Command = { name: `import ${file.name}`, changes };
  const format = FORMAT_NAMES[imported.format];
  const counts = `${records.tracks.length} objects, ${records.events.length} events, ${records.notes.length} notes`;
  try {
    const added = await addImportedSet(ws, named, command, labels, {
      detail: `${file.name} (${format}) → ${named.name}: ${counts}`,
      after: {
        fileName: file.name,
        size: file.size,
        sha256: await sha256HexOfBytes(new Uint8Array(await file.arrayBuffer())),
        format: imported.format,
        tracks: records.tracks.length,
        events: records.events.length,
        notes: records.notes.length,
        warnings: records.warnings,
      },
    });
    if (!added) return;
    const warned = records.warnings.length > 0 ? ` Left out: ${records.warnings.join(' ')}` : '';
    ws.notice = `Imported ${counts} from "${file.name}" (${format}) as ${named.name}.${warned}`;
  } catch (error) {
    ws.alert = `"${file.name}" could not be imported: ${error instanceof Error ? error.message : String(error)}. Nothing was added.`;
  }
}
