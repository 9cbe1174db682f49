/**
 * Enhanced stills in the court report (issue 18): the report's own stills are always the
 * frames as decoded; an enhanced still (the frame through the View panel's filters) is an
 * export of its own, logged in the audit trail with its filter chain. The report lists, per
 * cited frame, the enhanced stills made of it and the FFmpeg command that makes each again,
 * and its method section says which frames were enhanced at all.
 */
import type { AuditEntry } from '../evidence/audit';
import { enhancementCommands } from '../exports/frame-still';
import type { Block, Inline } from './report-model';

/** An enhanced still as its export was logged. */
export interface EnhancedStillExport {
  readonly frame: number;
  readonly videoSha256: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly filterChain: string;
  readonly words: string;
  readonly at: string;
  readonly examiner: string;
}

/** What an enhanced still's audit entry holds (`after`), as exportEnhancedStill logs it. */
export interface EnhancedStillLog {
  readonly fileName: string;
  readonly sha256: string;
  readonly enhancement: {
    readonly frame: number;
    readonly videoSha256: string;
    readonly filterChain: string;
    readonly words: string;
  };
}

const isText = (v: unknown): v is string => typeof v === 'string';

function readLog(after: unknown): EnhancedStillLog | null {
  if (typeof after !== 'object' || after === null) return null;
  const log = after as Partial<EnhancedStillLog>;
  const e = log.enhancement;
  if (!e || typeof e !== 'object' || !isText(log.fileName) || !isText(log.sha256)) return null;
  if (!Number.isInteger(e.frame) || !isText(e.videoSha256) || !isText(e.filterChain)) return null;
  if (!log.fileName.endsWith('.png')) return null; // its sidecar is logged too
  return { fileName: log.fileName, sha256: log.sha256, enhancement: e };
}

/** Every enhanced still exported in the case, oldest first. */
export function enhancedStillExports(audit: readonly AuditEntry[]): EnhancedStillExport[] {
  const found: EnhancedStillExport[] = [];
  for (const entry of audit) {
    if (entry.action !== 'export') continue;
    const log = readLog(entry.after);
    if (!log) continue;
    found.push({
      ...log.enhancement,
      words: isText(log.enhancement.words) ? log.enhancement.words : '',
      fileName: log.fileName,
      sha256: log.sha256,
      at: entry.at,
      examiner: entry.examiner,
    });
  }
  return found;
}

/** The method section's sentence on enhancement. */
export function enhancementMethodText(exports: readonly EnhancedStillExport[]): string {
  const plain =
    'The stills in this report are the decoded frames converted to RGB for display, at their source size, without smoothing and without any view filter.';
  if (exports.length === 0) {
    return `${plain} No enhanced still was exported: no view filter (field, levels, brightness, contrast, gamma, saturation, sharpening, inversion) was used for any still of this case.`;
  }
  const frames = [...new Set(exports.map((e) => e.frame))].sort((a, b) => a - b);
  return `${plain} Enhanced stills (the frame through view filters, each an FFmpeg filter chain applied with FFmpeg's arithmetic) were exported of ${frames.length === 1 ? 'frame' : 'frames'} ${frames.join(', ')}; those of cited frames are listed with each, with the command that makes the same picture with native FFmpeg. A view filter never changes a frame, its MD5 or an annotation.`;
}

const mono = (text: string): Inline => ({ text, mono: true });

/** The blocks under a cited frame: its enhanced stills, or that there are none. */
export function frameEnhancementBlocks(
  exports: readonly EnhancedStillExport[],
  videoSha256: string,
  videoFileName: string,
  frame: number,
): Block[] {
  const mine = exports.filter((e) => e.videoSha256 === videoSha256 && e.frame === frame);
  if (mine.length === 0) {
    return [
      {
        kind: 'paragraph',
        content: ['Enhancements: none. Both stills show the frame as decoded.'],
      },
    ];
  }
  return [
    {
      kind: 'table',
      caption: `Enhanced stills exported of frame ${frame} (not in this report; each reproducible with the command below it)`,
      columns: ['File', 'Filters', 'FFmpeg filter chain', 'PNG SHA-256', 'By, at'],
      rows: mine.map((e) => [
        e.fileName,
        e.words,
        mono(e.filterChain),
        mono(e.sha256),
        `${e.examiner}, ${e.at}`,
      ]),
    },
    {
      kind: 'code',
      lines: mine.map(
        (e) => enhancementCommands(videoFileName, frame, e.filterChain).ffmpegCommand,
      ),
    },
  ];
}
