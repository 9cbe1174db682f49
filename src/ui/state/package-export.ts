/**
 * Export > Evidence package (zip): every export of the set on screen in one zip, with a
 * manifest and a SHA256SUMS that `sha256sum -c SHA256SUMS` checks on any machine. The SHA-256
 * of SHA256SUMS itself is logged in the audit trail, the record outside the zip that a
 * rewritten package cannot match.
 */
import { nowIso } from '../../core/clock';
import { exportFileName } from '../../core/export-json';
import {
  buildEvidencePackage,
  sha256HexOfBytes,
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
import { buildFrameStills } from './frame-stills';
import type { Workspace } from './workspace.svelte';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Every export of the set on screen, as the package's files, by folder. */
async function packageFiles(ws: Workspace): Promise<PackageFile[]> {
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
  if (ws.player.shown) {
    for (const still of (await buildFrameStills(ws)).files) {
      files.push({ path: `stills/${still.name}`, bytes: still.bytes });
    }
  }
  return files;
}

export const exportEvidencePackage = (ws: Workspace) =>
  runExport(ws, 'evidence package', async () => {
    const { evidence, caseRecord } = ws;
    if (!evidence || !caseRecord) return;
    const files = await packageFiles(ws);
    const audit = await ws.repository.auditHead(caseRecord.id);
    const built = await buildEvidencePackage({
      files,
      caseRecord,
      evidence,
      generator: { name: ws.appName, version: ws.appVersion },
      createdAt: nowIso(),
      auditHeadHash: audit?.hash ?? null,
    });
    const fileName = exportFileName(evidence.fileName, 'evidence-package.zip');
    downloadBlob(new Blob([built.zip as BlobPart], { type: 'application/zip' }), fileName);
    const sha256 = await sha256HexOfBytes(built.zip);
    const sumsSha256 = await sha256HexOfBytes(utf8(built.sha256sums));
    ws.recordAudit(
      'export',
      { kind: 'export', id: null },
      { fileName, sha256, sha256sums: sumsSha256, files: built.manifest.files.length },
      `${fileName} (SHA256SUMS ${sumsSha256})`,
    );
    ws.notice = `Evidence package saved: ${built.manifest.files.length + 2} files. Check it anywhere with "sha256sum -c SHA256SUMS" after unzipping; SHA256SUMS itself has SHA-256 ${sumsSha256} (logged in the audit trail).`;
  });
