import { describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand } from '../evidence/audit';
import { createEvent, createNote } from '../annotations/event-note-commands';
import { applyCommand, emptyDocument, type Command } from '../annotations/history';
import { DEFAULT_LABELS } from '../annotations/model';
import { streamStats } from '../time/stream-stats';
import { at, drawTrack, TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET } from '../test-support';
import { buildCourtReport, type CitedFrame, type CourtReportInput } from './court-report';
import { fileArgument, shellQuote } from './court-report-verify';
import { WRITE_IN_LINE } from './court-report-attribution';
import type { Block } from './report-model';
import { ROAD_CALIBRATION } from '../measure/measure-test-support';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

async function input(overrides: Partial<CourtReportInput> = {}): Promise<CourtReportInput> {
  let doc = emptyDocument(DEFAULT_LABELS);
  const commands: Command[] = [drawTrack(doc, 10)];
  for (const [kind, text] of [
    ['observation', 'a person stands by the car'],
    ['interpretation', 'the person is an officer'],
    ['citation', '<script>alert(1)</script>'],
  ] as const) {
    commands.push(
      createNote({
        caseId: TEST_CASE.id,
        setId: TEST_SET.id,
        at: at(10),
        kind,
        text,
        now: TEST_NOW,
      }),
    );
  }
  commands.push(
    createEvent({
      caseId: TEST_CASE.id,
      setId: TEST_SET.id,
      labelId: null,
      start: at(10),
      end: at(12),
      description: 'door opens',
      now: TEST_NOW,
    }),
  );
  for (const c of commands) doc = applyCommand(doc, c);
  const meta = {
    caseId: TEST_CASE.id,
    at: TEST_NOW,
    examiner: 'A. Examiner',
    appVersion: '0.1.0',
    kind: 'do' as const,
  };
  const audit = await appendEntries(
    null,
    commands.flatMap((c) => entriesForCommand(c, meta)),
  );
  const cited: CitedFrame = {
    frame: 10,
    caption: '<script>alert(1)</script>',
    pts: 5120,
    seconds: 0.4,
    md5: '3a805bdc4dee9415eaaad245d91fdb1c',
    clock: {
      dvrTime: '2025-09-12 08:01:00.400',
      correctedTime: '2025-09-12 07:59:36.900',
      uncertaintySeconds: 0.04,
      utcOffsetMinutes: 60,
    },
    width: 704,
    height: 576,
    clean: PNG,
    annotated: PNG,
    redacted: [],
    computed: null,
  };
  return {
    caseRecord: { ...TEST_CASE, name: "O'Brien shooting" },
    evidence: { ...TEST_EVIDENCE, fileName: "clip 'A'.mp4" },
    annotationSet: TEST_SET,
    document: doc,
    examiner: 'A. Examiner',
    now: TEST_NOW,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg 5.1.4 (ffmpeg.wasm core 0.12.10)', version: '5.1.4' },
    stats: streamStats({ frames: [], keyframes: [] } as never, TEST_EVIDENCE.timeBase),
    cited: [cited],
    audit,
    packageHashes: { fileName: 'clip.zip', manifest: 'm'.repeat(64), sha256sums: 's'.repeat(64) },
    framePts: (frame) => frame * 512,
    frameClock: () => null,
    ...overrides,
  };
}

/** Every piece of text in the blocks, in order. */
function words(blocks: readonly Block[]): string {
  const inline = (i: string | { text: string }) => (typeof i === 'string' ? i : i.text);
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return b.text;
        case 'paragraph':
          return b.content.map(inline).join('');
        case 'facts':
          return b.rows.map((r) => `${r.label} ${inline(r.value)}`).join('\n');
        case 'table':
          return [b.caption ?? '', ...b.rows.map((r) => r.map(inline).join(' | '))].join('\n');
        case 'code':
          return b.lines.join('\n');
        case 'figures':
          return b.figures.map((f) => f.caption).join('\n');
      }
    })
    .join('\n');
}

describe('buildCourtReport', () => {
  it('holds the evidence hash, each cited frame with its numbers, and both stills', async () => {
    const report = buildCourtReport(await input());
    const text = words(report.blocks);
    expect(text).toContain(TEST_EVIDENCE.sha256);
    expect(text).toContain('Frame 10: <script>alert(1)</script>');
    expect(text).toContain('Frame MD5 3a805bdc4dee9415eaaad245d91fdb1c');
    expect(text).toContain('DVR time 2025-09-12 08:01:00.400 ± 0.040 s (UTC+01:00)');
    expect(text).toContain('Corrected time 2025-09-12 07:59:36.900 ± 0.040 s (UTC+01:00)');
    const figures = report.blocks.filter((b) => b.kind === 'figures');
    expect(figures).toHaveLength(1);
    expect(report.footer).toContain("O'Brien shooting");
  });

  it('keeps observations apart from interpretations, and citations out of both', async () => {
    const text = words(buildCourtReport(await input()).blocks);
    const observations = text.indexOf('Observations: what the frames show');
    const interpretations = text.indexOf('Interpretations: what the examiner concludes');
    expect(text.indexOf('a person stands by the car')).toBeGreaterThan(observations);
    expect(text.indexOf('a person stands by the car')).toBeLessThan(interpretations);
    expect(text.indexOf('the person is an officer')).toBeGreaterThan(interpretations);
    expect(text.slice(observations)).not.toContain('<script>alert(1)</script> |');
  });

  it('marks every keyframe and position drawn or computed', async () => {
    const text = words(buildCourtReport(await input()).blocks);
    expect(text).toMatch(/vehicle #1 \| 10 \| drawn/);
    expect(text).toMatch(/10 \| vehicle #1 \| drawn/);
  });

  it('gives commands that quote file names for the shell, and the audit head', async () => {
    const report = buildCourtReport(await input());
    const code = report.blocks.filter((b) => b.kind === 'code').flatMap((b) => b.lines);
    expect(code).toContain(`sha256sum 'clip '\\''A'\\''.mp4'`);
    expect(code.some((l) => l.endsWith("| sed -n '11p'"))).toBe(true);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(fileArgument('-v.mp4')).toBe("'./-v.mp4'");
    expect(words(report.blocks)).toContain('Package SHA256SUMS (SHA-256) ' + 's'.repeat(64));
  });

  it('says the cited frames are decoded by the reference decoder, never WebCodecs', async () => {
    const text = words(buildCourtReport(await input()).blocks);
    expect(text).toContain('Decoder of the cited frames');
    expect(text).toContain('each frame decoded afresh for this report');
  });

  it('says no still is redacted, or which are', async () => {
    expect(words(buildCourtReport(await input()).blocks)).toContain('No still is redacted.');
    const base = await input();
    const redacted = buildCourtReport({
      ...base,
      cited: [{ ...base.cited[0]!, redacted: ['officer #1'] }],
    });
    expect(words(redacted.blocks)).toContain('frame 10 (officer #1)');
  });

  it('says how the clock was read, its uncertainty and zone, and gives it with every time', async () => {
    const uncalibrated = words(buildCourtReport(await input()).blocks);
    expect(uncalibrated).toContain(
      'Not calibrated: frames are given by index, pts and seconds only.',
    );
    const clock = {
      frame: 25,
      dvrTime: '2025-09-12 08:01:01',
      method: 'tick' as const,
      uncertaintySeconds: 0.04,
      utcOffsetMinutes: 60,
      offsetSeconds: 83.5,
      offsetNote: 'GPS phone',
    };
    const text = words(
      buildCourtReport(
        await input({
          caseRecord: { ...TEST_CASE, clock },
          frameClock: (frame) => ({
            dvrTime: `2025-09-12 08:01:0${frame / 10}.000`,
            correctedTime: '2025-09-12 07:59:36.900',
            uncertaintySeconds: 0.04,
            utcOffsetMinutes: 60,
          }),
        }),
      ).blocks,
    );
    expect(text).toContain(
      'How it was read the tick: frame 25 is the first to show this second, frame 24 the second before',
    );
    expect(text).toContain('Uncertainty ± 0.040 s (the time from the frame before)');
    expect(text).toContain('Time zone of the DVR clock UTC+01:00');
    // The events table: each end with its DVR time, uncertainty and zone.
    expect(text).toContain('10 (pts 5120) · DVR 2025-09-12 08:01:01.000 ± 0.040 s (UTC+01:00)');
    const reading = { ...clock, method: 'reading' as const, uncertaintySeconds: 1 };
    const read = words(
      buildCourtReport(
        await input({
          caseRecord: { ...TEST_CASE, clock: { ...reading, utcOffsetMinutes: null } },
        }),
      ).blocks,
    );
    expect(read).toContain('Uncertainty ± 1 s (the clock shows whole seconds)');
    expect(read).toContain('Time zone of the DVR clock UTC offset not known');
  });

  it('is a draft while its set is not final, saying why atop the report', async () => {
    const report = buildCourtReport(await input());
    expect(report.draft).toBe(
      'Draft: not for use as evidence. This report was made while annotation set "Set 1" is "in progress", not final.',
    );
    expect(report.title).toBe("Draft court report: O'Brien shooting");
    const text = words(report.blocks);
    expect(text.startsWith(`Draft court report: O'Brien shooting\n${report.draft}`)).toBe(true);
  });

  it('is a draft when its set names no annotator (or no examiner is named), not "by —"', async () => {
    const base = await input();
    const report = buildCourtReport({
      ...base,
      examiner: ' ',
      annotationSet: { ...TEST_SET, annotator: '', status: 'final' },
    });
    expect(report.draft).toContain('annotation set "Set 1" names no annotator');
    expect(report.draft).toContain('no examiner is named');
    expect(report.draft).not.toContain('not final');
    const text = words(report.blocks);
    expect(text).toContain('Annotation set Set 1, by no annotator named (final)');
    expect(text).toContain('Examiner no examiner named');
    expect(text).not.toContain('—)');
  });

  it('is no draft from a final set with its annotator and examiner named', async () => {
    const report = buildCourtReport({
      ...(await input()),
      annotationSet: { ...TEST_SET, status: 'final' },
    });
    expect(report.draft).toBeNull();
    expect(report.title).toBe("Court report: O'Brien shooting");
    expect(words(report.blocks)).not.toMatch(/draft/i);
  });

  it("ends with the examiner's declaration: name, role, date and a line to sign", async () => {
    const final = buildCourtReport({
      ...(await input()),
      examinerRole: 'forensic video analyst',
      annotationSet: { ...TEST_SET, status: 'final' },
    });
    const text = words(final.blocks);
    const declaration = text.slice(text.indexOf("Examiner's declaration"));
    expect(text.indexOf("Examiner's declaration")).toBeGreaterThan(text.indexOf('How to verify'));
    expect(declaration).toContain('annotation set "Set 1" (annotator: Test Examiner)');
    expect(declaration).toContain('Name A. Examiner');
    expect(declaration).toContain('Role forensic video analyst');
    expect(declaration).toContain(`Date ${TEST_NOW.slice(0, 10)}`);
    expect(declaration).toContain(`Signature ${WRITE_IN_LINE}`);
    expect(declaration.trimEnd().endsWith('End of report.')).toBe(true);

    // No role given: a line to write it in. A draft is not to be signed.
    const draft = words(buildCourtReport(await input()).blocks);
    const drafted = draft.slice(draft.indexOf("Examiner's declaration"));
    expect(drafted).toContain(`Role ${WRITE_IN_LINE}`);
    expect(drafted).toContain('it is not to be signed');
    expect(drafted).toContain('Signature not to be signed');
  });

  it('says beside the annotated still when a position on it is computed', async () => {
    const base = await input();
    const statement = 'Computed, not observed on this frame: vehicle #1 held from frame 4.';
    const report = buildCourtReport({
      ...base,
      cited: [{ ...base.cited[0]!, computed: statement }],
    });
    const figures = report.blocks.find((b) => b.kind === 'figures');
    if (figures?.kind !== 'figures') throw new Error('no figures');
    expect(figures.figures[1]!.caption).toBe(
      `Frame 10 with annotations (illustrative). ${statement}`,
    );
    expect(figures.figures[0]!.caption).toBe('Frame 10 as decoded');
    const plain = buildCourtReport(base).blocks.find((b) => b.kind === 'figures');
    if (plain?.kind !== 'figures') throw new Error('no figures');
    expect(plain.figures[1]!.caption).toBe('Frame 10 with annotations (illustrative)');
  });

  it('has a Measurements section, and the homography in How to verify, only with a calibration or measurements', async () => {
    const headings = (report: ReturnType<typeof buildCourtReport>) =>
      report.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b.text] : []));
    const without = buildCourtReport(await input());
    expect(headings(without)).not.toContain('Measurements');
    expect(words(without.blocks)).not.toContain('cv2.findHomography');
    const empty = { calibration: null, measurements: [], planView: null };
    const section = { evidence: TEST_EVIDENCE, tracks: new Map(), labels: DEFAULT_LABELS };
    expect(
      headings(buildCourtReport(await input({ measurements: { ...section, ...empty } }))),
    ).not.toContain('Measurements');
    const report = buildCourtReport(
      await input({ measurements: { ...section, ...empty, calibration: ROAD_CALIBRATION } }),
    );
    expect(headings(report)).toEqual([
      'Evidence',
      'Method',
      'Cited frames',
      'Tracks',
      'Notes',
      'Measurements',
      'Audit log',
      'How to verify',
      "Examiner's declaration",
    ]);
    const text = words(report.blocks);
    expect(text).toContain('Reference points and residuals');
    expect(text).toContain('H, _ = cv2.findHomography(img, world, 0)');
    expect(text).toContain(
      `[${ROAD_CALIBRATION.points[3]!.image.x}, ${ROAD_CALIBRATION.points[3]!.image.y}]`,
    );
  });

  it('lists, under each cited frame, its enhanced stills and the command that makes them again', async () => {
    const base = await input();
    const last = base.audit[base.audit.length - 1]!;
    const chain = 'eq=gamma=1.6:contrast=1.2';
    const exported = await appendEntries(
      last,
      ['png', 'png.json'].map((ext) => ({
        caseId: TEST_CASE.id,
        at: TEST_NOW,
        examiner: 'A. Examiner',
        action: 'export' as const,
        targetKind: 'export',
        targetId: null,
        before: null,
        after: {
          fileName: `clip.mp4.frame-000010.enhanced.${ext}`,
          sha256: 'e'.repeat(64),
          enhancement: {
            frame: 10,
            videoSha256: TEST_EVIDENCE.sha256,
            filterChain: chain,
            words: 'gamma 1.6, contrast 1.2',
          },
        },
        appVersion: '0.1.0',
        detail: `clip.mp4.frame-000010.enhanced.${ext}`,
      })),
    );
    const text = words(buildCourtReport({ ...base, audit: [...base.audit, ...exported] }).blocks);
    expect(text).toContain('Enhanced stills (the frame through view filters');
    expect(text).toContain('were exported of frame 10');
    expect(text).toContain(`Enhanced stills exported of frame 10`);
    // One row per PNG (its sidecar is not a still of its own).
    expect(text).toContain(
      `clip.mp4.frame-000010.enhanced.png | gamma 1.6, contrast 1.2 | ${chain}`,
    );
    expect(text).not.toContain('enhanced.png.json | ');
    expect(text).toContain(
      `ffmpeg -v error -i 'clip '\\''A'\\''.mp4' -map 0:v:0 -vf 'select=eq(n\\,10),${chain}' -frames:v 1 frame-000010.enhanced.ffmpeg.png`,
    );
    // Without any, the report says the stills are the frames as decoded and none was enhanced.
    const plain = words(buildCourtReport(base).blocks);
    expect(plain).toContain('No enhanced still was exported');
    expect(plain).toContain('Enhancements: none. Both stills show the frame as decoded.');
  });
});
