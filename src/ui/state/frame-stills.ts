/**
 * Export > Frame still (PNG): the frame on screen at its own pixel size, clean and with its
 * overlays, each PNG with its sidecar JSON (core/exports/frame-still.ts). Four separate
 * downloads, each logged in the case's audit trail with its file name and SHA-256.
 */
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import type { FrameDecoderName } from '../../core/exports/export-json-format';
import {
  buildFrameStill,
  frameStillJson,
  stillFileNames,
  type StillKind,
  type StillRedaction,
} from '../../core/exports/frame-still';
import { nowIso } from '../../core/time/clock';
import {
  renderFrameStills,
  renderPictureStill,
  type FrameStillImages,
  type StillFrameImage,
} from '../../canvas/still-renderer';
import { viewedPicture } from '../../media/view-picture';
import { FrameRenderer, cleanOf } from '../../media/frame-renderer';
import { ffmpegChain, viewWords } from '../../vision/view-settings';
import type { EnhancedStillLog } from '../../core/report/court-report-enhancements';
import type { StageObject } from '../../canvas/stage-view';
import type { Evidence, Track } from '../../core/annotations/model';
import type { Pts } from '../../core/ids';
import { boundingBox } from '../../core/annotations/shapes';
import { trackTitle, type ResolvedShape } from '../../core/annotations/tracks';
import { downloadBlob } from '../download';
import { stillNameOf } from './several-videos';
import type { Workspace } from './workspace.svelte';

export interface StillFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A decoded frame and what to draw on it, for stills. */
export interface StillSource {
  readonly frame: number;
  readonly md5: string | null;
  readonly decoder: FrameDecoderName;
  readonly bitmap: StillFrameImage;
  readonly objects: readonly StageObject[];
  /** The tracks those objects are of (named in the annotated still's sidecar). */
  readonly tracks: readonly Track[];
  /** What to block out of both stills (redaction for publication). */
  readonly redacted: readonly StillRedaction[];
}

/** Frame pixels added around a redacted object's box, so its edges are covered too. */
const REDACTION_MARGIN = 4;

/** The objects chosen for redaction among those on a frame (hidden or not), as boxes. */
export function redactionsAt(ws: Workspace, visible: readonly ResolvedShape[]): StillRedaction[] {
  return visible
    .filter((r) => ws.redactedTrackIds.has(r.track.id))
    .map((r) => {
      const box = boundingBox(r.shape);
      return {
        title: trackTitle(ws.labels, r.track),
        box: {
          x: box.x - REDACTION_MARGIN,
          y: box.y - REDACTION_MARGIN,
          width: box.width + 2 * REDACTION_MARGIN,
          height: box.height + 2 * REDACTION_MARGIN,
        },
      };
    });
}

/**
 * The stills of the frame on screen, in download order: clean PNG, its sidecar, annotated
 * PNG, its sidecar. The annotated one shows what the stage shows on that frame (tracks hidden
 * on the stage are left out of both the image and its sidecar); nothing is drawn selected.
 */
export async function buildFrameStills(ws: Workspace): Promise<{ files: StillFile[] }> {
  // Everything is read now, before any await: the frame on screen may change meanwhile.
  const shown = ws.player.shown;
  if (!ws.evidence || !shown) throw new Error('no frame is on screen');
  // ws.stageObjects and ws.visible follow the frame whose picture is on screen.
  const objects = ws.stageObjects;
  const drawnIds = new Set(objects.map((o) => o.id));
  const tracks = ws.visible.map((r) => r.track).filter((t) => drawnIds.has(t.id));
  const redacted = redactionsAt(ws, ws.visible);
  // The MD5 comes with the picture (both made from the same raw frame in the render worker);
  // the clean picture is copied now, or made now if a view filter is shown.
  const bitmap = await shown.cleanCopy();
  try {
    const source = {
      frame: shown.frame.index,
      md5: shown.md5 || null,
      decoder: shown.frame.decoder,
      bitmap,
    };
    return await stillsOf(ws, { ...source, objects, tracks, redacted });
  } finally {
    bitmap.close();
  }
}

/**
 * Which video a still is of, when not the one on screen (another video of the case): its
 * facts, its frames' pts, and the name its files are named by (distinct in the case).
 */
export interface StillVideo {
  readonly evidence: Evidence;
  readonly ptsOf: (frame: number) => Pts | null;
  readonly namedAs: string;
}

/** The clean and annotated stills of a frame with their sidecars (and the images' size). */
export async function stillsOf(
  ws: Workspace,
  source: StillSource,
  video?: StillVideo,
): Promise<{ files: StillFile[]; images: FrameStillImages }> {
  const evidence = video?.evidence ?? ws.evidence;
  if (!evidence) throw new Error('no video is open');
  const { frame, objects, tracks } = source;
  const pts = video ? video.ptsOf(frame) : ws.ptsOf(frame);
  const labels = ws.labels;
  const generator = { name: ws.appName, version: ws.appVersion };
  const createdAt = nowIso();

  const images = await renderFrameStills(
    source.bitmap,
    objects,
    source.redacted.map((r) => r.box),
  );
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
      frameMd5: source.md5,
      frameDecoder: source.decoder,
      png,
      generator,
      createdAt,
      labels,
      tracks,
      redacted: source.redacted,
    });
    const names = stillFileNames(video?.namedAs ?? stillNameOf(ws, evidence), frame, kind);
    files.push(
      { name: names.image, bytes: png },
      { name: names.sidecar, bytes: new TextEncoder().encode(frameStillJson(still)) },
    );
  }
  return { files, images };
}

/**
 * Downloads still images and their sidecars, each logged in the audit trail with its file
 * name, SHA-256 and `logged`. Hashed first, then downloaded one after the other with no wait
 * in between.
 */
async function deliverStills(
  ws: Workspace,
  files: readonly StillFile[],
  logged: Record<string, unknown>,
): Promise<void> {
  const hashes = await Promise.all(files.map((file) => sha256HexOfBytes(file.bytes)));
  files.forEach((file, i) => {
    const type = file.name.endsWith('.png') ? 'image/png' : 'application/json';
    downloadBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type }), file.name);
    ws.recordAudit(
      'export',
      { kind: 'export', id: null },
      { fileName: file.name, sha256: hashes[i]!, ...logged },
      file.name,
    );
  });
}

/** Downloads the four files of the frame on screen and logs each one. */
export async function exportFrameStills(ws: Workspace): Promise<void> {
  if (!ws.evidence || !ws.player.shown || !(await ws.ensureExaminer())) return;
  try {
    // What is blocked out is logged with each file, not only written in its sidecar.
    const redacted = redactionsAt(ws, ws.visible).map((r) => r.title);
    const { files } = await buildFrameStills(ws);
    await deliverStills(ws, files, { redacted });
  } catch (error) {
    ws.alert = `The frame still could not be exported: ${error instanceof Error ? error.message : String(error)}. Nothing was downloaded; your work is still saved in this browser.`;
  }
}

/**
 * Export > Enhanced still (PNG): the frame on screen as the View panel shows it, at its own
 * size, without overlays, and its sidecar: the filter chain, the filtered picture's MD5 and
 * the FFmpeg commands that make the same picture (core/exports/frame-still.ts). Refused in
 * words when no filter changes the picture (that would be the clean still).
 */
export async function buildEnhancedStill(ws: Workspace): Promise<StillFile[]> {
  const shown = ws.player.shown;
  const evidence = ws.evidence;
  const source = ws.source;
  if (!evidence || !shown || !source) throw new Error('no frame is on screen');
  const view = shown.view;
  if (!view || !shown.viewBitmap) {
    throw new Error(
      'no view filter changes the picture on screen (set one in the View panel first; without one, use Frame still)',
    );
  }
  const redacted = redactionsAt(ws, ws.visible);
  // The picture is made again here from the decoded frame with FFmpeg's arithmetic (the
  // screen's may come from the GPU), then converted to RGB exactly as a clean still is.
  const picture = viewedPicture(shown.frame, view);
  const renderer = new FrameRenderer();
  let png: Uint8Array;
  let pictureMd5: string;
  try {
    const rendered = await renderer.render(
      { ...shown.frame, data: picture, md5: undefined },
      source.facts.colorSpace,
    );
    try {
      pictureMd5 = rendered.md5;
      png = await renderPictureStill(
        cleanOf(rendered),
        redacted.map((r) => r.box),
      );
    } finally {
      rendered.close();
    }
  } finally {
    renderer.dispose();
  }
  const still = await buildFrameStill({
    kind: 'enhanced',
    evidence,
    frame: shown.frame.index,
    pts: ws.ptsOf(shown.frame.index),
    frameMd5: shown.md5 || null,
    frameDecoder: shown.frame.decoder,
    png,
    generator: { name: ws.appName, version: ws.appVersion },
    createdAt: nowIso(),
    redacted,
    enhancement: {
      filterChain: ffmpegChain(view),
      words: viewWords(view),
      pictureMd5,
      pixelFormat: shown.frame.pixelFormat,
    },
  });
  const names = stillFileNames(stillNameOf(ws, evidence), shown.frame.index, 'enhanced');
  return [
    { name: names.image, bytes: png },
    { name: names.sidecar, bytes: new TextEncoder().encode(frameStillJson(still)) },
  ];
}

/** Downloads the enhanced still of the frame on screen and its sidecar; logs each one. */
export async function exportEnhancedStill(ws: Workspace): Promise<void> {
  if (!ws.evidence || !ws.player.shown || !(await ws.ensureExaminer())) return;
  try {
    const shown = ws.player.shown;
    const files = await buildEnhancedStill(ws);
    // Logged with what the report needs to list it under its frame (court-report-enhancements).
    const enhancement: EnhancedStillLog['enhancement'] = {
      frame: shown.frame.index,
      videoSha256: ws.evidence.sha256,
      filterChain: shown.view ? ffmpegChain(shown.view) : '',
      words: shown.view ? viewWords(shown.view) : '',
    };
    await deliverStills(ws, files, { enhancement });
  } catch (error) {
    ws.alert = `The enhanced still could not be exported: ${error instanceof Error ? error.message : String(error)}. Nothing was downloaded; your work is still saved in this browser.`;
  }
}
