/**
 * Export > Court report: the report as a PDF and as a self-contained HTML file, with the
 * evidence package it cites (made at the same moment, so the report can quote the hashes of
 * its manifest and SHA256SUMS). Every cited frame is decoded afresh: its MD5 and its stills
 * come from that decode, never from what happens to be on screen.
 */
import { nowIso } from '../../core/time/clock';
import { exportFileName } from '../../core/exports/export-json';
import { sha256HexOfBytes } from '../../core/exports/evidence-package';
import { frameIndex } from '../../core/ids';
import { buildCourtReport, type CitedFrame } from '../../core/report/court-report';
import { renderReportHtml } from '../../core/report/report-html';
import type { ReportDocument } from '../../core/report/report-model';
import { ptsToSeconds } from '../../core/time/time-base';
import { visibleAt } from '../../core/annotations/tracks';
import { computedPositionsAt, computedStatement } from '../../core/annotations/computed-positions';
import { FrameRenderer } from '../../media/frame-renderer';
import regularFontUrl from '../../assets/fonts/DejaVuSans.ttf?url';
import boldFontUrl from '../../assets/fonts/DejaVuSans-Bold.ttf?url';
import monoFontUrl from '../../assets/fonts/DejaVuSansMono.ttf?url';
import { decoderOf } from './export-actions';
import { clockAt } from './frame-clock';
import { deliver, runExport, type ExportedFile } from './format-exports';
import { redactionsAt, stillsOf, type StillFile } from './frame-stills';
import { deliverPackage, makeEvidencePackage } from './package-export';
import { stageObjectOf } from './stage-objects';
import type { Workspace } from './workspace.svelte';

/** The fonts embedded in the PDF, from the app's own origin (never a CDN). */
async function reportFonts() {
  const bytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
  const [regular, bold, mono] = await Promise.all(
    [regularFontUrl, boldFontUrl, monoFontUrl].map(bytes),
  );
  return { regular: regular!, bold: bold!, mono: mono! };
}

/** Decodes each cited frame and makes its stills (for the report and the package). */
async function citedFrames(ws: Workspace): Promise<{ cited: CitedFrame[]; stills: StillFile[] }> {
  const source = ws.source!;
  const timeBase = ws.evidence!.timeBase;
  const citations = [...ws.document.notes.values()]
    .filter((n) => n.kind === 'citation')
    .sort((a, b) => a.frame - b.frame || a.createdAt.localeCompare(b.createdAt));
  const renderer = new FrameRenderer();
  const cited: CitedFrame[] = [];
  const stills: StillFile[] = [];
  try {
    for (const [i, citation] of citations.entries()) {
      ws.progress = {
        label: 'Court report: decoding the cited frames',
        fraction: i / citations.length,
      };
      const decoded = await source.frame(frameIndex(citation.frame));
      const rendered = await renderer.render(decoded, source.facts.colorSpace);
      const visible = visibleAt(ws.document.tracks.values(), frameIndex(citation.frame));
      const redacted = redactionsAt(ws, visible);
      const made = await stillsOf(ws, {
        frame: citation.frame,
        md5: rendered.md5,
        bitmap: rendered.bitmap,
        objects: visible.map((r) => stageObjectOf(ws.labels, r)),
        tracks: visible.map((r) => r.track),
        redacted,
      });
      rendered.bitmap.close();
      stills.push(...made.files);
      const pts = ws.ptsOf(citation.frame);
      cited.push({
        frame: citation.frame,
        caption: citation.text,
        pts,
        seconds: pts === null ? null : ptsToSeconds(pts, timeBase),
        md5: rendered.md5,
        clock: clockAt(ws, citation.frame),
        width: made.images.width,
        height: made.images.height,
        clean: made.images.clean,
        annotated: made.images.annotated,
        redacted: redacted.map((r) => r.title),
        computed: computedStatement(
          computedPositionsAt(
            ws.labels,
            visible.map((r) => r.track),
            frameIndex(citation.frame),
          ),
        ),
      });
    }
  } finally {
    renderer.dispose();
  }
  return { cited, stills };
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

export const exportCourtReport = (ws: Workspace) =>
  runExport(ws, 'court report', async () => {
    await ws.writer.settled();
    const { evidence, caseRecord, annotationSet, source } = ws;
    if (!evidence || !caseRecord || !annotationSet || !source) return;
    try {
      const { cited, stills } = await citedFrames(ws);
      ws.progress = { label: 'Court report: making the evidence package', fraction: 0.8 };
      const made = await makeEvidencePackage(ws, stills);
      if (!made) return;
      const sumsSha256 = await sha256HexOfBytes(new TextEncoder().encode(made.built.sha256sums));
      // manifest.json's own line in SHA256SUMS: the hash of the bytes in the zip.
      const manifestSha256 =
        /^([0-9a-f]{64}) {2}manifest\.json$/m.exec(made.built.sha256sums)?.[1] ?? '';
      ws.progress = { label: 'Court report: writing the PDF and HTML', fraction: 0.9 };
      const doc = buildCourtReport({
        caseRecord,
        evidence,
        annotationSet,
        document: ws.document,
        examiner: ws.examiner,
        now: nowIso(),
        generator: { name: ws.appName, version: ws.appVersion },
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
      });
      const files = await reportFiles(ws, doc);
      // The PDF first: a script (or person) waiting for "the" download gets the report.
      for (const file of files) await deliver(ws, file);
      await deliverPackage(ws, made);
      ws.notice = `Court report saved as PDF and HTML, with its evidence package (${made.file.name}); ${cited.length} cited ${cited.length === 1 ? 'frame' : 'frames'}.`;
    } finally {
      ws.progress = null;
    }
  });
