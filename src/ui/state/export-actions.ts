/**
 * Exports of the open case as functions of the Workspace. Each export is logged in the case's
 * audit trail with its file name and the SHA-256 of what was downloaded.
 */
import { sha256Hex } from '../../core/audit';
import { nowIso } from '../../core/clock';
import { buildAnnotationsExport, exportFileName } from '../../core/export-json';
import { downloadBlob } from '../download';
import type { Workspace } from './workspace.svelte';

export function exportAnnotationsJson(ws: Workspace): void {
  if (!ws.evidence || !ws.caseRecord) return;
  try {
    const data = buildAnnotationsExport({
      evidence: ws.evidence,
      caseRecord: ws.caseRecord,
      document: ws.document,
      generator: { name: ws.appName, version: ws.appVersion },
      now: nowIso(),
      framePts: (frame) => ws.ptsOf(frame),
    });
    const text = JSON.stringify(data, null, 2);
    const fileName = exportFileName(ws.evidence.fileName, 'framewise.json');
    downloadBlob(new Blob([text], { type: 'application/json' }), fileName);
    void sha256Hex(text).then((sha) =>
      ws.recordAudit('export', { kind: 'export', id: null }, { fileName, sha256: sha }, fileName),
    );
  } catch (error) {
    // E.g. a document too large for one string: say so rather than fail silently.
    ws.alert = `The annotations could not be exported: ${error instanceof Error ? error.message : String(error)}. Nothing was downloaded; your work is still saved in this browser.`;
  }
}
