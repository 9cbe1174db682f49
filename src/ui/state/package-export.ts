/**
 * Evidence packages: every export of the set on screen in one zip, and the native JSON of every
 * other annotation set of the case (other-set-exports.ts, under sets/), with a manifest and a
 * SHA256SUMS that `sha256sum -c SHA256SUMS` checks on any machine. The SHA-256 of SHA256SUMS
 * itself is logged in the audit trail, the record outside the zip that a rewritten package
 * cannot match. Two kinds, named apart and saying in manifest.json what they hold: the one
 * made with a court report (the files it cites) and Export > Evidence package (zip), which
 * also holds the cited frames' stills and those of the frame on screen.
 */
import { nowIso } from '../../core/time/clock';
import { exportFileName } from '../../core/exports/export-json';
import { setTitle } from '../../core/annotations/annotation-sets';
import {
  buildEvidencePackage,
  PACKAGE_SUFFIXES,
  sha256HexOfBytes,
  type EvidencePackage,
  type PackageFile,
  type PackageKind,
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
import {
  citedFrames,
  stillDescription,
  type CitedFrames,
  type DescribedStill,
} from './cited-frames';
import { severalVideosOf } from './several-videos';
import { buildSyncJson, SYNC_PATH, type SeveralVideosInput } from '../../core/exports/export-sync';
import type { PackageVideo } from '../../core/exports/evidence-package';
import { buildFrameStills } from './frame-stills';
import { otherSetFiles, type OtherSetFile } from './other-set-exports';
import type { Workspace } from './workspace.svelte';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Every export of the set on screen, as the package's files, by folder, and the stills. */
async function packageFiles(
  ws: Workspace,
  stills: readonly DescribedStill[],
  several: SeveralVideosInput | null,
): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  if (several) {
    const json = buildSyncJson({
      ...several,
      caseRecord: ws.caseRecord!,
      generator: { name: ws.appName, version: ws.appVersion },
      now: nowIso(),
    });
    files.push({
      path: SYNC_PATH,
      bytes: utf8(json),
      description:
        'how the case’s videos line up: every video’s facts and mapping, the anchors with their residuals, the accepted sound suggestions (JSON)',
    });
  }
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
  for (const still of stills) {
    files.push({
      path: `stills/${still.name}`,
      bytes: still.bytes,
      description: still.description,
    });
  }
  return files;
}

/** What a package holds, in plain words, for its manifest.json. */
function contentsOf(
  ws: Workspace,
  kind: PackageKind,
  made: CitedFrames,
  otherSets: readonly OtherSetFile[],
): string {
  const set = ws.annotationSet ? setTitle(ws.annotationSet) : 'no annotation set';
  const lead = ws.evidence?.sha256;
  const stills = made.stills.filter((s) => s.video === lead);
  const cited = [...new Set(stills.filter((s) => s.cited).map((s) => s.frame))];
  const citedWords = cited.length === 0 ? 'no cited frame' : `cited frames ${cited.join(', ')}`;
  const exportsWords = `the annotations of ${set} as Framewise JSON, W3C Web Annotation, CVAT for video 1.1 and MOT 1.1, and its events as CSV and WebVTT`;
  const othersWords = othersContents(made) + otherSetsContents(otherSets);
  if (kind === 'court-report') {
    return `Made with a court report, which prints the SHA-256 of this package's SHA256SUMS: ${exportsWords}; the clean and annotated stills of the frames the report cites (${citedWords})${othersWords}.`;
  }
  const shown = stills.find((s) => !s.cited);
  const shownWords = shown ? `; and those of frame ${shown.frame}, on screen when it was made` : '';
  return `Made from the Export menu (not with a court report): ${exportsWords}; the clean and annotated stills of the ${citedWords}${shownWords}${othersWords}.`;
}

/** A case of several videos: sync.json, and the other videos' cited frames in words. */
function othersContents(made: CitedFrames): string {
  if (made.others.length === 0) return '';
  const each = made.others.map((o) => {
    const decoded = o.cited.map((c) => c.frame);
    const missing = o.notDecoded.map((c) => c.frame);
    const words = [
      decoded.length > 0 ? `stills of cited frames ${[...new Set(decoded)].join(', ')}` : '',
      missing.length > 0
        ? `no stills of cited frames ${missing.join(', ')} (${o.reason ?? 'not decoded'})`
        : '',
    ].filter(Boolean);
    return `${o.fileName} (${o.set.name}): ${words.join('; ') || 'no cited frame'}`;
  });
  return `; sync.json, how the case's videos line up; of the other videos of the case, ${each.join('; ')}`;
}

/** The case's other annotation sets, each one's JSON under sets/, in words. */
function otherSetsContents(otherSets: readonly OtherSetFile[]): string {
  if (otherSets.length === 0) return '';
  const each = otherSets.map(
    ({ entry, decoded }) =>
      `“${entry.name}” of ${entry.videoFileName}${decoded ? '' : ' (its file was not open: pts and MD5s as stored when annotated)'}`,
  );
  return `; the annotations of every other annotation set of the case as Framewise JSON, under sets/: ${each.join('; ')}`;
}

/** manifest.json's list of the case's videos, each with the frames of it the package cites. */
function packageVideos(several: SeveralVideosInput | null, made: CitedFrames, lead: string) {
  if (!several) return undefined;
  return several.videos.map(({ ref, evidence }): PackageVideo => {
    const cited =
      ref.sha256 === lead
        ? made.cited
        : (made.others.find((o) => o.sha256 === ref.sha256)?.cited ?? []);
    const frames = [...new Map(cited.map((c) => [c.frame, c])).values()].sort(
      (a, b) => a.frame - b.frame,
    );
    return {
      role: ref.role,
      fileName: evidence.fileName,
      size: evidence.size,
      sha256: evidence.sha256,
      frameCount: evidence.frameCount,
      citedFrames: frames.map((c) => ({ frame: c.frame, pts: c.pts, md5: c.md5 })),
    };
  });
}

/**
 * The package of the set on screen, built and named, not yet downloaded. `cited` are the
 * cited frames with their stills (made by the caller, the court report, which also needs
 * their images); without them they are made here, with the frame on screen's when it is not
 * cited.
 */
export async function makeEvidencePackage(
  ws: Workspace,
  kind: PackageKind,
  cited?: CitedFrames,
): Promise<{ file: ExportedFile; built: EvidencePackage } | null> {
  const { evidence, caseRecord, annotationSet } = ws;
  if (!evidence || !caseRecord) return null;
  const several = await severalVideosOf(ws);
  const chosen = cited ?? (await menuStills(ws));
  const files = await packageFiles(ws, chosen.stills, several);
  const otherSets = await otherSetFiles(ws, several);
  files.push(...otherSets.map((o) => o.file));
  const audit = await ws.repository.auditHead(caseRecord.id);
  const built = await buildEvidencePackage({
    files,
    caseRecord,
    evidence,
    generator: { name: ws.appName, version: ws.appVersion },
    createdAt: nowIso(),
    auditHeadHash: audit?.hash ?? null,
    purpose: { kind, contents: contentsOf(ws, kind, chosen, otherSets) },
    videos: packageVideos(several, chosen, evidence.sha256),
    otherSets: otherSets.map((o) => o.entry),
    ...(annotationSet
      ? {
          annotationSet: {
            id: annotationSet.id,
            name: annotationSet.name,
            annotator: annotationSet.annotator,
            status: annotationSet.status,
          },
        }
      : {}),
  });
  const name = exportFileName(evidence.fileName, PACKAGE_SUFFIXES[kind]);
  return { file: { name, bytes: built.zip, type: 'application/zip' }, built };
}

/** The Export menu's stills: the cited frames', and the frame on screen's if it is not cited. */
async function menuStills(ws: Workspace): Promise<CitedFrames> {
  // Read before any await: the frame on screen may change while the cited ones decode.
  const shown = ws.player.shown ? await buildFrameStills(ws) : null;
  const shownFrame = ws.player.shown?.frame.index ?? null;
  try {
    const made = await citedFrames(ws, 'Evidence package: decoding the cited frames');
    const lead = ws.evidence!.sha256;
    const { stills } = made;
    if (
      shown &&
      shownFrame !== null &&
      !stills.some((s) => s.video === lead && s.frame === shownFrame)
    ) {
      const whose = `frame ${shownFrame}, on screen when the package was made`;
      for (const file of shown.files) {
        stills.push({
          ...file,
          frame: shownFrame,
          video: lead,
          cited: false,
          description: stillDescription(file.name, whose),
        });
      }
    }
    return made;
  } finally {
    ws.progress = null;
  }
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
    const made = await makeEvidencePackage(ws, 'export');
    if (!made) return;
    const sumsSha256 = await deliverPackage(ws, made);
    ws.notice = `Evidence package saved as ${made.file.name}: ${made.built.manifest.files.length + 2} files. Check it anywhere with "sha256sum -c SHA256SUMS" after unzipping; SHA256SUMS itself has SHA-256 ${sumsSha256} (logged in the audit trail).`;
  });
