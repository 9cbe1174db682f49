/**
 * Export > Court report: the report as a PDF and as a self-contained HTML file, with the
 * evidence package it cites (made at the same moment, so the report can quote the hashes of
 * its manifest and SHA256SUMS; named apart from the Export menu's package). Every cited frame
 * is decoded afresh (cited-frames.ts). A report made from an unattributed or unfinished set
 * is a draft: the menu warns first (reportDraftReasons), and every page says "Draft".
 */
import { nowIso } from '../../core/time/clock';
import { exportFileName } from '../../core/exports/export-json';
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import { buildCourtReport } from '../../core/report/court-report';
import { draftReasons } from '../../core/report/court-report-attribution';
import { renderReportHtml } from '../../core/report/report-html';
import type { ReportDocument } from '../../core/report/report-model';
import regularFontUrl from '../../assets/fonts/DejaVuSans.ttf?url';
import boldFontUrl from '../../assets/fonts/DejaVuSans-Bold.ttf?url';
import monoFontUrl from '../../assets/fonts/DejaVuSansMono.ttf?url';
import { decoderOf } from './export-actions';
import { citedFrames, type CitedFrames } from './cited-frames';
import { severalVideosOf } from './several-videos';
import type { ReportVideosInput } from '../../core/report/court-report-input';
import { clockAt } from './frame-clock';
import { deliver, runExport, type ExportedFile } from './format-exports';
import { deliverPackage, makeEvidencePackage } from './package-export';
import { reportMeasurements } from './report-measurements';
import { openCalibration } from './measure-sources';
import { renderPlanView } from './plan-view-render';
import type { ReportImage } from '../../core/report/court-report-measurements';
import type { Workspace } from './workspace.svelte';

/**
 * Why a report made now would be a draft ("Draft" on every page), in plain words; empty when
 * it would not be. Asked before the report is made, so the examiner is warned first.
 */
export function reportDraftReasons(ws: Workspace): string[] {
  const set = ws.annotationSet;
  return set ? draftReasons({ annotationSet: set, examiner: ws.examiner }) : [];
}

/** The fonts embedded in the PDF, from the app's own origin (never a CDN). */
export async function reportFonts() {
  const bytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
  const [regular, bold, mono] = await Promise.all(
    [regularFontUrl, boldFontUrl, monoFontUrl].map(bytes),
  );
  return { regular: regular!, bold: bold!, mono: mono! };
}

async function reportFiles(ws: Workspace, doc: ReportDocument): Promise<ExportedFile[]> {
  const fileName = ws.evidence!.fileName;
  // pdf-lib is large: loaded only when a report is made.
  const { renderReportPdf } = await import('../../core/report/report-pdf');
  const pdf = await renderReportPdf(doc, await reportFonts());
  const html = new TextEncoder().encode(renderReportHtml(doc));
  return [
    { name: exportFileName(fileName, 'report.pdf'), bytes: pdf, type: 'application/pdf' },
    { name: exportFileName(fileName, 'report.html'), bytes: html, type: 'text/html' },
  ];
}

/** A case of several videos: its videos, sync and fit, and the other videos' citations. */
async function reportVideos(
  ws: Workspace,
  decoded: CitedFrames,
): Promise<ReportVideosInput | null> {
  const several = await severalVideosOf(ws);
  return several ? { ...several, others: decoded.others } : null;
}

/** The other videos' citations in the notice, saying which have no still and why. */
function othersNotice({ others }: CitedFrames): string {
  return others
    .map((o) => {
      const n = o.cited.length + o.notDecoded.length;
      const missing =
        o.notDecoded.length > 0 ? `, ${o.notDecoded.length} without a still (${o.reason})` : '';
      return `, ${n} of ${o.fileName}${missing}`;
    })
    .join('');
}

export const exportCourtReport = (ws: Workspace) =>
  runExport(ws, 'court report', async () => {
    await ws.writer.settled();
    const { evidence, caseRecord, annotationSet, source } = ws;
    if (!evidence || !caseRecord || !annotationSet || !source) return;
    try {
      const decoded = await citedFrames(ws, 'Court report: decoding the cited frames');
      const { cited } = decoded;
      ws.progress = { label: 'Court report: making the evidence package', fraction: 0.8 };
      const made = await makeEvidencePackage(ws, 'court-report', decoded);
      if (!made) return;
      const sumsSha256 = await sha256HexOfBytes(new TextEncoder().encode(made.built.sha256sums));
      // manifest.json's own line in SHA256SUMS: the hash of the bytes in the zip.
      const manifestSha256 =
        /^([0-9a-f]{64}) {2}manifest\.json$/m.exec(made.built.sha256sums)?.[1] ?? '';
      ws.progress = { label: 'Court report: computing the measurements', fraction: 0.85 };
      // The plan view of the frame on screen, where the scene is calibrated.
      const planView: ReportImage | null = openCalibration(ws) ? await renderPlanView(ws) : null;
      const measurements = await reportMeasurements(ws, planView);
      ws.progress = { label: 'Court report: writing the PDF and HTML', fraction: 0.9 };
      const doc = buildCourtReport({
        caseRecord,
        evidence,
        annotationSet,
        document: ws.document,
        examiner: ws.examiner,
        examinerRole: ws.examinerRole,
        now: nowIso(),
        // The report names the build too: which code made it, to the commit.
        generator: { name: ws.appName, version: `${ws.appVersion} (build ${ws.appBuild})` },
        decoder: decoderOf(source),
        stats: source.stats,
        cited,
        audit: await ws.repository.auditOf(caseRecord.id),
        packageHashes: {
          fileName: made.file.name,
          manifest: manifestSha256,
          sha256sums: sumsSha256,
        },
        framePts: (frame) => ws.ptsOf(frame),
        frameClock: (frame) => clockAt(ws, frame),
        measurements,
        severalVideos: await reportVideos(ws, decoded),
      });
      const files = await reportFiles(ws, doc);
      // The PDF first: a script (or person) waiting for "the" download gets the report.
      for (const file of files) await deliver(ws, file);
      await deliverPackage(ws, made);
      ws.notice = `Court report saved as PDF and HTML, with its evidence package (${made.file.name}); ${cited.length} cited ${cited.length === 1 ? 'frame' : 'frames'}${othersNotice(decoded)}.`;
    } finally {
      ws.progress = null;
    }
  });
