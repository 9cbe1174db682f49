/**
 * Export > Evidence package (zip): every export of the set on screen in one zip, with a
 * manifest and a SHA256SUMS that `sha256sum -c SHA256SUMS` checks on any machine. The SHA-256
 * of SHA256SUMS itself is logged in the audit trail, the record outside the zip that a
 * rewritten package cannot match.
 */
import { nowIso } from '../../core/time/clock';
import { exportFileName } from '../../core/exports/export-json';
import {
  buildEvidencePackage,
  sha256HexOfBytes,
  type EvidencePackage,
  type PackageFile,
} from '../../core/exports/evidence-package';
import { buildMot, MOT_GT_PATH, MOT_LABELS_PATH } from '../../core/exports/mot';
import { downloadBlob } from '../download';
import { annotationsJsonFile } from './export-actions';
import {
  cvatFile,
  eventsCsvFile,
  eventsVttFile,
  runExport,
  w3cFile,
  type ExportedFile,
} from './format-exports';
import { buildFrameStills, type StillFile } from './frame-stills';
import type { Workspace } from './workspace.svelte';

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Every export of the set on screen, as the package's files, by folder; `stills` (e.g. the
 * report's cited frames) replace the stills of the frame on screen.
 */
async function packageFiles(ws: Workspace, stills?: readonly StillFile[]): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  const add = (folder: string, file: ExportedFile | null | undefined, description?: string) => {
    if (file) files.push({ path: `${folder}/${file.name}`, bytes: file.bytes, description });
  };
  add('annotations', await annotationsJsonFile(ws), 'Framewise annotations (JSON, version 3)');
  add('annotations', w3cFile(ws), 'W3C Web Annotation collection (JSON-LD)');
  add('annotations', cvatFile(ws)?.file, 'CVAT for video 1.1 (XML)');
  const mot = buildMot({
    evidence: ws.evidence!,
    caseRecord: ws.caseRecord!,
    document: ws.document,
    generator: { name: ws.appName, version: ws.appVersion },
    now: nowIso(),
  });
  files.push({
    path: `annotations/mot/${MOT_GT_PATH}`,
    bytes: utf8(mot.gt),
    description: 'MOT 1.1 ground truth',
  });
  files.push({
    path: `annotations/mot/${MOT_LABELS_PATH}`,
    bytes: utf8(mot.labels),
    description: 'MOT 1.1 labels',
  });
  add('events', eventsCsvFile(ws), 'Events (CSV)');
  add('events', eventsVttFile(ws)?.file, 'Events (WebVTT)');
  const chosen = stills ?? (ws.player.shown ? (await buildFrameStills(ws)).files : []);
  for (const still of chosen) files.push({ path: `stills/${still.name}`, bytes: still.bytes });
  return files;
}

/** The package of the set on screen, built and named, not yet downloaded. */
export async function makeEvidencePackage(
  ws: Workspace,
  stills?: readonly StillFile[],
): Promise<{ file: ExportedFile; built: EvidencePackage } | null> {
  const { evidence, caseRecord } = ws;
  if (!evidence || !caseRecord) return null;
  const files = await packageFiles(ws, stills);
  const audit = await ws.repository.auditHead(caseRecord.id);
  const built = await buildEvidencePackage({
    files,
    caseRecord,
    evidence,
    generator: { name: ws.appName, version: ws.appVersion },
    createdAt: nowIso(),
    auditHeadHash: audit?.hash ?? null,
  });
  const name = exportFileName(evidence.fileName, 'evidence-package.zip');
  return { file: { name, bytes: built.zip, type: 'application/zip' }, built };
}

/** Downloads a package and logs it with the SHA-256 of its SHA256SUMS; returns that hash. */
export async function deliverPackage(
  ws: Workspace,
  made: { file: ExportedFile; built: EvidencePackage },
): Promise<string> {
  const { file, built } = made;
  downloadBlob(new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
  const sha256 = await sha256HexOfBytes(file.bytes);
  const sumsSha256 = await sha256HexOfBytes(utf8(built.sha256sums));
  ws.recordAudit(
    'export',
    { kind: 'export', id: null },
    { fileName: file.name, sha256, sha256sums: sumsSha256, files: built.manifest.files.length },
    `${file.name} (SHA256SUMS ${sumsSha256})`,
  );
  return sumsSha256;
}

export const exportEvidencePackage = (ws: Workspace) =>
  runExport(ws, 'evidence package', async () => {
    const made = await makeEvidencePackage(ws);
    if (!made) return;
    const sumsSha256 = await deliverPackage(ws, made);
    ws.notice = `Evidence package saved: ${made.built.manifest.files.length + 2} files. Check it anywhere with "sha256sum -c SHA256SUMS" after unzipping; SHA256SUMS itself has SHA-256 ${sumsSha256} (logged in the audit trail).`;
  });
