/**
 * Export > Frame still (PNG): the frame on screen at its own pixel size, clean and with its
 * overlays, each PNG with its sidecar JSON (core/exports/frame-still.ts). Four separate
 * downloads, each logged in the case's audit trail with its file name and SHA-256.
 */
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import {
  buildFrameStill,
  frameStillJson,
  stillFileNames,
  type StillKind,
} from '../../core/exports/frame-still';
import { nowIso } from '../../core/clock';
import { renderFrameStills } from '../../canvas/still-renderer';
import { downloadBlob } from '../download';
import type { Workspace } from './workspace.svelte';

export interface StillFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The stills of the frame on screen, in download order: clean PNG, its sidecar, annotated
 * PNG, its sidecar. The annotated one shows what the stage shows on that frame (tracks hidden
 * on the stage are left out of both the image and its sidecar); nothing is drawn selected.
 */
export async function buildFrameStills(ws: Workspace): Promise<{ files: StillFile[] }> {
  // Everything is read now, before any await: the frame on screen may change meanwhile.
  const evidence = ws.evidence;
  const shown = ws.player.shown;
  if (!evidence || !shown) throw new Error('no frame is on screen');
  const frame = shown.frame.index;
  const pts = ws.ptsOf(frame);
  // The MD5 comes with the picture (both made from the same raw frame in the render worker).
  const frameMd5 = shown.md5 || null;
  // ws.stageObjects and ws.visible follow the frame whose picture is on screen.
  const objects = ws.stageObjects;
  const drawnIds = new Set(objects.map((o) => o.id));
  const tracks = ws.visible.map((r) => r.track).filter((t) => drawnIds.has(t.id));
  const labels = ws.labels;
  const generator = { name: ws.appName, version: ws.appVersion };
  const createdAt = nowIso();

  const images = await renderFrameStills(shown.bitmap, objects);
  const files: StillFile[] = [];
  const kinds: [StillKind, Uint8Array][] = [
    ['clean', images.clean],
    ['annotated', images.annotated],
  ];
  for (const [kind, png] of kinds) {
    const still = await buildFrameStill({
      kind,
      evidence,
      frame,
      pts,
      frameMd5,
      png,
      generator,
      createdAt,
      labels,
      tracks,
    });
    const names = stillFileNames(evidence.fileName, frame, kind);
    files.push(
      { name: names.image, bytes: png },
      { name: names.sidecar, bytes: new TextEncoder().encode(frameStillJson(still)) },
    );
  }
  return { files };
}

/** Downloads the four files of the frame on screen and logs each one. */
export async function exportFrameStills(ws: Workspace): Promise<void> {
  if (!ws.evidence || !ws.player.shown) return;
  try {
    const { files } = await buildFrameStills(ws);
    const hashes = await Promise.all(files.map((file) => sha256HexOfBytes(file.bytes)));
    // One after the other, with no wait in between.
    files.forEach((file, i) => {
      const type = file.name.endsWith('.png') ? 'image/png' : 'application/json';
      downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type }), file.name);
      ws.recordAudit(
        'export',
        { kind: 'export', id: null },
        { fileName: file.name, sha256: hashes[i] },
        file.name,
      );
    });
  } catch (error) {
    ws.alert = `The frame still could not be exported: ${error instanceof Error ? error.message : String(error)}. Nothing was downloaded; your work is still saved in this browser.`;
  }
}
