/**
 * The court report as a document tree (report-model.ts), from the case's records: who and
 * what, the evidence and how it was obtained, the method, each cited frame clean beside
 * annotated with its numbers, the tracks (every position marked drawn or computed), events,
 * notes with observations apart from interpretations, the audit log, and how to check every
 * figure with stock tools. Pure: the stills and hashes are made by the caller.
 */
import { enhancedStillExports, enhancementMethodText } from './court-report-enhancements';
import { headHash } from '../evidence/audit';
import { formatTimeBase } from '../time/time-base';
import { formatUncertainty, formatUtcOffset } from '../time/clock-zone';
import type { ClockCalibration } from '../annotations/model';
import type { Block, Inline, ReportDocument } from './report-model';
import { trackTables, eventsTable, notesBlocks } from './court-report-tables';
import { citedBlocks } from './court-report-cited';
import { severalOf, syncBlocks, videosTableBlocks } from './court-report-sync';
import { clockOfSetVideo } from '../annotations/case-video-roles';
import { verifyBlocks } from './court-report-verify';
import { measurementsBlocks } from './court-report-measurements';
import { trackingBlocks } from './court-report-tracking';
import { declarationBlocks, draftNotice, draftReasons } from './court-report-attribution';

import type { CourtReportInput } from './court-report-input';

export type { CitedFrame, CourtReportInput } from './court-report-input';

const mono = (text: string): Inline => ({ text, mono: true });
const facts = (rows: [string, Inline][]): Block => ({
  kind: 'facts',
  rows: rows.map(([label, value]) => ({ label, value })),
});
const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
const orDash = (text: string) => text.trim() || '—';

export function buildCourtReport(input: CourtReportInput): ReportDocument {
  const { caseRecord } = input;
  const reference = caseRecord.referenceNumber ? ` (${caseRecord.referenceNumber})` : '';
  const reasons = draftReasons(input);
  const draft = reasons.length > 0 ? draftNotice(reasons) : null;
  return {
    title: `${draft ? 'Draft court report' : 'Court report'}: ${caseRecord.name}${reference}`,
    footer: `${caseRecord.name}${reference} · ${input.evidence.fileName}`,
    createdAt: input.now,
    author: input.examiner,
    draft,
    blocks: [
      ...coverBlocks(input, draft),
      ...evidenceBlocks(input),
      ...methodBlocks(input),
      ...trackingBlocks(input.document),
      ...syncBlocks(input),
      ...citedBlocks(input),
      ...trackTables(input),
      eventsTable(input),
      ...notesBlocks(input),
      ...measurementsBlocks(input.measurements ?? null),
      ...auditBlocks(input),
      ...verifyBlocks(input),
      ...declarationBlocks({
        ...input,
        examinerRole: input.examinerRole ?? '',
        draft: draft !== null,
      }),
      paragraph('End of report.'),
    ],
  };
}

function coverBlocks(input: CourtReportInput, draft: string | null): Block[] {
  const { caseRecord, annotationSet: set } = input;
  return [
    heading(1, `${draft ? 'Draft court report' : 'Court report'}: ${caseRecord.name}`),
    ...(draft ? [paragraph({ text: draft, bold: true })] : []),
    facts([
      ['Case', caseRecord.name],
      ['Reference number', orDash(caseRecord.referenceNumber)],
      ['Examiner', input.examiner.trim() || 'no examiner named'],
      ...(input.examinerRole?.trim()
        ? [['Role', input.examinerRole.trim()] as [string, Inline]]
        : []),
      ['Report made', mono(input.now)],
      [
        'Annotation set',
        `${set.name}, by ${set.annotator.trim() || 'no annotator named'} (${set.status})`,
      ],
      ...severalRows(input),
      ['Made with', `${input.generator.name} ${input.generator.version}`],
    ]),
    paragraph(
      'The annotated stills in this report are illustrative aids: each stands beside the frame ',
      'as decoded, and every number in it can be checked without Framewise (see How to verify).',
    ),
  ];
}

/** A case of several videos: which, and whose citations the report also gives. */
function severalRows(input: CourtReportInput): [string, Inline][] {
  const several = severalOf(input);
  if (!several) return [];
  const others = several.others.map(
    (o) =>
      `${o.set.name} of ${o.fileName}, by ${o.set.annotator.trim() || 'no annotator named'} (${o.set.status})`,
  );
  return [
    ['Videos of the case', several.videos.map((v) => v.ref.fileName).join(', ')],
    ['Video of this set', input.evidence.fileName],
    ['Citations also from', others.join('; ') || 'no other video has an annotation set'],
  ];
}

function evidenceBlocks(input: CourtReportInput): Block[] {
  const { evidence: e, stats } = input;
  const rate = stats.measuredFrameRate === null ? '—' : `${stats.measuredFrameRate.toFixed(3)} fps`;
  const a = e.acquisition;
  const clock = clockOfSetVideo(input.caseRecord, e.sha256);
  return [
    heading(2, 'Evidence'),
    ...videosTableBlocks(input),
    facts([
      ['File name', e.fileName],
      ['Size', `${e.size} bytes`],
      ['SHA-256', mono(e.sha256)],
      ['Codec', `${e.codec} (${e.pixelFormat})`],
      ['Resolution', `${e.width}×${e.height} coded${e.rotation ? `, turned ${e.rotation}°` : ''}`],
      ['Frames', String(e.frameCount)],
      ['Frame rate', `${rate}, measured from the timestamps`],
      ['Variable frame rate', stats.variableFrameRate ? 'yes: frame gaps differ' : 'no'],
      ['Rotation', `${e.rotation}°`],
      ['Time base', mono(formatTimeBase(e.timeBase))],
      ['Start time', e.startPts === null ? 'none (frames are counted)' : mono(`pts ${e.startPts}`)],
    ]),
    heading(3, 'How the video was obtained'),
    facts([
      ['Source', orDash(a.source)],
      ['Acquired by', orDash(a.acquiredBy)],
      ['DVR make and model', orDash(a.dvrMakeModel)],
      ['Camera or channel', orDash(a.cameraChannel)],
      ['Notes', orDash(a.notes)],
    ]),
    heading(3, 'DVR clock'),
    ...clockBlocks(clock),
  ];
}

/** How the DVR's clock was read, how closely, in which zone, and how far it is from real time. */
function clockBlocks(clock: ClockCalibration | null): Block[] {
  if (!clock) {
    return [paragraph('Not calibrated: frames are given by index, pts and seconds only.')];
  }
  const tick = clock.method === 'tick';
  return [
    facts([
      ['Read on frame', String(clock.frame)],
      [
        'How it was read',
        tick
          ? `the tick: frame ${clock.frame} is the first to show this second, frame ${clock.frame - 1} the second before`
          : 'on this frame alone, without finding the tick',
      ],
      ['DVR time shown there', mono(clock.dvrTime)],
      [
        'Uncertainty',
        `${formatUncertainty(clock.uncertaintySeconds)} (${tick ? 'the time from the frame before' : 'the clock shows whole seconds'})`,
      ],
      ['Time zone of the DVR clock', formatUtcOffset(clock.utcOffsetMinutes)],
      ['DVR clock ahead of real time by', `${clock.offsetSeconds} s`],
      ['How the offset was measured', orDash(clock.offsetNote)],
    ]),
    paragraph(
      `Every DVR and corrected time in this report is given with this uncertainty and zone; a `,
      `corrected time may also be off by as much as the offset's measurement was.`,
    ),
  ];
}

function methodBlocks(input: CourtReportInput): Block[] {
  const redacted = input.cited.filter((c) => c.redacted.length > 0);
  return [
    heading(2, 'Method'),
    facts([
      ['Decoder', input.decoder.name],
      ['Decoder version', mono(input.decoder.version)],
      [
        'Decoder of the cited frames',
        'the decoder above, each frame decoded afresh for this report (the screen may show frames decoded by the browser’s WebCodecs once checked against it; none is cited here)',
      ],
      [
        'Settings',
        'software decoding, no hardware acceleration, no filters; frames in presentation order',
      ],
      ['Frame numbers', 'frame N is the N-th frame shown, counted from 0'],
      ['Frame MD5', 'over the decoded picture in its native pixel format, as ffmpeg -f framemd5'],
    ]),
    paragraph(enhancementMethodText(enhancedStillExports(input.audit))),
    paragraph(
      redacted.length === 0
        ? 'No still is redacted.'
        : `Redacted stills (regions blocked out for publication; the original is untouched): ${redacted
            .map((c) => `frame ${c.frame} (${c.redacted.join(', ')})`)
            .join('; ')}.`,
    ),
  ];
}

function auditBlocks(input: CourtReportInput): Block[] {
  const { audit } = input;
  const counts = new Map<string, number>();
  for (const entry of audit) counts.set(entry.action, (counts.get(entry.action) ?? 0) + 1);
  const examiners = [...new Set(audit.map((e) => e.examiner || 'no examiner named'))];
  return [
    heading(2, 'Audit log'),
    facts([
      ['Entries', String(audit.length)],
      ['First', audit[0] ? mono(audit[0].at) : '—'],
      ['Last', audit.at(-1) ? mono(audit.at(-1)!.at) : '—'],
      ['Examiners', examiners.join(', ') || '—'],
      ['Chain head (SHA-256)', mono(headHash(audit))],
      ['Package manifest (SHA-256)', mono(input.packageHashes.manifest)],
      ['Package SHA256SUMS (SHA-256)', mono(input.packageHashes.sha256sums)],
    ]),
    {
      kind: 'table',
      caption: 'Entries by action',
      columns: ['Action', 'Entries'],
      rows: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([a, n]) => [a, String(n)]),
    },
  ];
}
