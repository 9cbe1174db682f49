/**
 * Exports for other tools (W3C Web Annotation, CVAT, MOT, events), as functions of the
 * Workspace. Each file is built by a pure core function, downloaded, and logged in the case's
 * audit trail with its file name and the SHA-256 of the bytes downloaded.
 */
import { zipSync } from 'fflate';
import { nowIso } from '../../core/time/clock';
import { exportFileName } from '../../core/exports/export-json';
import { buildCvatXml, type ExportInput, type TrackNotice } from '../../core/exports/cvat-xml';
import { buildEventsCsv, type EventsExportInput } from '../../core/exports/events-csv';
import { buildEventsWebVtt } from '../../core/exports/events-webvtt';
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import { buildMot, MOT_GT_PATH, MOT_LABELS_PATH } from '../../core/exports/mot';
import { buildW3cAnnotationCollection } from '../../core/exports/w3c-annotation';
import { downloadBlob } from '../download';
import type { Workspace } from './workspace.svelte';

/** A file made by an export, ready to download or to put in a package. */
export interface ExportedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly type: string;
}

const text = (name: string, body: string, type: string): ExportedFile => ({
  name,
  bytes: new TextEncoder().encode(body),
  type,
});

/** What every format export is built from: the open case and the set on screen. */
function exportInput(ws: Workspace): ExportInput | null {
  if (!ws.evidence || !ws.caseRecord) return null;
  return {
    evidence: ws.evidence,
    caseRecord: ws.caseRecord,
    document: ws.document,
    generator: { name: ws.appName, version: ws.appVersion },
    now: nowIso(),
  };
}

function eventsInput(ws: Workspace): EventsExportInput | null {
  if (!ws.evidence) return null;
  return {
    evidence: ws.evidence,
    document: ws.document,
    framePts: (frame) => ws.ptsOf(frame),
    frameCount: ws.evidence.frameCount,
  };
}

const named = (ws: Workspace, suffix: string) => exportFileName(ws.evidence!.fileName, suffix);

/** The W3C Web Annotation collection of the set on screen. */
export function w3cFile(ws: Workspace): ExportedFile | null {
  const input = exportInput(ws);
  if (!input) return null;
  const collection = buildW3cAnnotationCollection({
    ...input,
    annotator: ws.annotationSet?.annotator || ws.examiner,
    framePts: (frame) => ws.ptsOf(frame),
  });
  const body = `${JSON.stringify(collection, null, 2)}\n`;
  return text(named(ws, 'annotations.jsonld'), body, 'application/ld+json');
}

export function cvatFile(ws: Workspace): { file: ExportedFile; left: TrackNotice[] } | null {
  const input = exportInput(ws);
  if (!input) return null;
  const { xml, skipped } = buildCvatXml(input);
  return { file: text(named(ws, 'cvat.xml'), xml, 'application/xml'), left: [...skipped] };
}

/** MOT 1.1 as CVAT exports it: a zip holding gt/gt.txt and gt/labels.txt. */
export function motFile(ws: Workspace): { file: ExportedFile; left: TrackNotice[] } | null {
  const input = exportInput(ws);
  if (!input) return null;
  const mot = buildMot(input);
  const encode = (s: string) => new TextEncoder().encode(s);
  const zip = zipSync({ [MOT_GT_PATH]: encode(mot.gt), [MOT_LABELS_PATH]: encode(mot.labels) });
  return {
    file: { name: named(ws, 'mot.zip'), bytes: zip, type: 'application/zip' },
    left: [...mot.skipped, ...mot.boundingBoxes],
  };
}

export function eventsCsvFile(ws: Workspace): ExportedFile | null {
  const input = eventsInput(ws);
  return input && text(named(ws, 'events.csv'), buildEventsCsv(input), 'text/csv');
}

export function eventsVttFile(ws: Workspace): { file: ExportedFile; left: number } | null {
  const input = eventsInput(ws);
  if (!input) return null;
  const vtt = buildEventsWebVtt(input);
  return { file: text(named(ws, 'events.vtt'), vtt.text, 'text/vtt'), left: vtt.skipped.length };
}

/** Downloads a file and logs it (file name and SHA-256 of its bytes) in the audit trail. */
export async function deliver(ws: Workspace, file: ExportedFile): Promise<void> {
  downloadBlob(new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
  const sha256 = await sha256HexOfBytes(file.bytes);
  ws.recordAudit(
    'export',
    { kind: 'export', id: null },
    { fileName: file.name, sha256 },
    file.name,
  );
}

/** Says which objects a format could not hold, so nothing is left out silently. */
function reportLeftOut(ws: Workspace, format: string, left: readonly TrackNotice[]): void {
  if (left.length === 0) return;
  const list = left.map((n) => `${n.label} #${n.track}: ${n.reason}`).join(' ');
  ws.notice = `${format}: ${left.length} ${left.length === 1 ? 'object' : 'objects'} not as in Framewise. ${list}`;
}

/** Runs one export, turning a failure into an alert that says nothing was downloaded. */
export async function runExport(
  ws: Workspace,
  what: string,
  make: () => Promise<void> | void,
): Promise<void> {
  if (ws.busy) {
    ws.notice = `Wait until ${ws.busy} is done, then export again.`;
    return;
  }
  // Every export is logged, with who made it.
  if (!(await ws.ensureExaminer())) return;
  // Every file of an export is made from the same records: edits wait until it is done.
  ws.busy = `the ${what} export`;
  try {
    await make();
  } catch (error) {
    ws.alert = `The ${what} could not be exported: ${error instanceof Error ? error.message : String(error)}. Nothing was downloaded; your work is still saved in this browser.`;
  } finally {
    ws.busy = null;
  }
}

export const exportW3c = (ws: Workspace) =>
  runExport(ws, 'W3C Web Annotation file', async () => {
    const file = w3cFile(ws);
    if (file) await deliver(ws, file);
  });

export const exportCvat = (ws: Workspace) =>
  runExport(ws, 'CVAT file', async () => {
    const made = cvatFile(ws);
    if (!made) return;
    await deliver(ws, made.file);
    reportLeftOut(ws, 'CVAT for video 1.1', made.left);
  });

export const exportMot = (ws: Workspace) =>
  runExport(ws, 'MOT file', async () => {
    const made = motFile(ws);
    if (!made) return;
    await deliver(ws, made.file);
    reportLeftOut(ws, 'MOT 1.1', made.left);
  });

export const exportEventsCsv = (ws: Workspace) =>
  runExport(ws, 'events', async () => {
    const file = eventsCsvFile(ws);
    if (file) await deliver(ws, file);
  });

export const exportEventsVtt = (ws: Workspace) =>
  runExport(ws, 'events', async () => {
    const made = eventsVttFile(ws);
    if (!made) return;
    await deliver(ws, made.file);
    if (made.left > 0) {
      ws.notice = `WebVTT: ${made.left} ${made.left === 1 ? 'event has' : 'events have'} no timestamp and ${made.left === 1 ? 'was' : 'were'} left out (the file's NOTE names them).`;
    }
  });
