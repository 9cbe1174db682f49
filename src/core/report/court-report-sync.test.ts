import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from '../../../tests/e2e/pdf-text';
import { emptyDocument } from '../annotations/history';
import { DEFAULT_LABELS } from '../annotations/model';
import { videosWithRoles } from '../annotations/case-video-roles';
import { streamStats } from '../time/stream-stats';
import { EMPTY_SYNC } from '../sync/model';
import { TEST_SYNC, TEST_SYNCED_CASE, testFit } from '../sync/two-camera-test-support';
import {
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_EVIDENCE_B,
  TEST_NOW,
  TEST_SET,
  TEST_SET_B,
} from '../test-support';
import { buildCourtReport, type CitedFrame, type CourtReportInput } from './court-report';
import type { ReportVideosInput } from './court-report-input';
import { renderReportHtml } from './report-html';
import { renderReportPdf } from './report-pdf';
import type { Block } from './report-model';

/** A 2×2 grey PNG (the renderers embed it). */
function png(): Uint8Array {
  const crc = (bytes: Buffer) => {
    let c = ~0;
    for (const byte of bytes) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
  const pixels = deflateSync(Buffer.from([0, 128, 128, 0, 128, 128]));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', pixels),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const cited = (frame: number, tVideo: number, md5: string): CitedFrame => ({
  frame,
  caption: `the door at ${frame}`,
  pts: frame * 512,
  seconds: frame / 25,
  md5,
  clock: null,
  width: 2,
  height: 2,
  clean: png(),
  annotated: png(),
  redacted: [],
  computed: null,
  tVideo,
});

function several(overrides: Partial<ReportVideosInput> = {}): ReportVideosInput {
  const [a, b] = videosWithRoles(TEST_SYNCED_CASE);
  return {
    videos: [
      { ref: a!, evidence: TEST_EVIDENCE },
      { ref: b!, evidence: TEST_EVIDENCE_B },
    ],
    sync: TEST_SYNC,
    fit: testFit(),
    others: [
      {
        sha256: TEST_EVIDENCE_B.sha256,
        fileName: 'cam-b.mp4',
        set: TEST_SET_B,
        cited: [{ ...cited(139, 4.64, 'b'.repeat(32)), pts: 139 * 3000, seconds: 4.67 }],
        notDecoded: [],
        reason: null,
      },
    ],
    ...overrides,
  };
}

function input(severalVideos: ReportVideosInput | null): CourtReportInput {
  return {
    caseRecord: severalVideos ? TEST_SYNCED_CASE : TEST_CASE,
    evidence: TEST_EVIDENCE,
    annotationSet: TEST_SET,
    document: emptyDocument(DEFAULT_LABELS),
    examiner: 'A. Examiner',
    now: TEST_NOW,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg 5.1.4', version: '5.1.4' },
    stats: streamStats({ frames: [], keyframes: [] } as never, TEST_EVIDENCE.timeBase),
    cited: [cited(150, 6, 'a'.repeat(32))],
    audit: [],
    packageHashes: { fileName: 'clip.zip', manifest: 'm'.repeat(64), sha256sums: 's'.repeat(64) },
    framePts: (frame) => frame * 512,
    frameClock: () => null,
    severalVideos,
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

describe('the court report of a case of several videos', () => {
  it('is as before for a case of one video', () => {
    const one = buildCourtReport(input(null));
    const oneListed = buildCourtReport(
      input({ ...several(), videos: several().videos.slice(0, 1), others: [] }),
    );
    expect(oneListed.blocks).toEqual(one.blocks);
    expect(words(one.blocks)).not.toContain('Synchronisation');
  });

  it('has an evidence row per video: role, file, SHA-256, frames, codec', () => {
    const doc = buildCourtReport(input(several()));
    const table = doc.blocks.find(
      (b): b is Extract<Block, { kind: 'table' }> =>
        b.kind === 'table' && b.caption === 'Videos of the case',
    )!;
    expect(table.columns).toEqual(['Role', 'File', 'SHA-256', 'Frames', 'Codec']);
    expect(words([table])).toContain(
      `reference | cctv.mp4 | ${TEST_EVIDENCE.sha256} | 300 | h264 (704×576)`,
    );
    expect(words([table])).toContain(
      `added | cam-b.mp4 | ${TEST_EVIDENCE_B.sha256} | 450 | hevc (1920×1080)`,
    );
    expect(words(doc.blocks)).toContain(
      'Citations also from Set 1 of cam-b.mp4, by Second Examiner',
    );
  });

  it('has a Synchronisation section: method, anchors with residuals, mappings, sound', () => {
    const text = words(buildCourtReport(input(several())).blocks);
    const section = text.slice(text.indexOf('Synchronisation'), text.indexOf('Cited frames'));
    expect(section).toContain('3 anchors (1 matched by eye on the pictures;');
    expect(section).toContain('t_case = rate × t_video + offset');
    expect(section).toContain(
      '1 | cctv.mp4 frame 50 (2.000000 s) | cam-b.mp4 frame 19 (0.630000 s) | by eye on the pictures: anchor 1 | −3.3',
    );
    expect(section).toContain(
      '2 | cctv.mp4 frame 150 (6.000000 s) | cam-b.mp4 frame 139 (4.640000 s) | from the sound: anchor 2 | +6.7',
    );
    expect(section).toContain(
      'cctv.mp4 | reference: the case timeline | 1 (exact) | 0 (exact) | — | 0',
    );
    expect(section).toMatch(
      /cam-b\.mp4 \| added; rate and offset fitted \| 0\.999998 ± 0\.002657 \| \+1\.366676 ± 0\.015062 \| 4\.7 \| 3/,
    );
    expect(section).toContain(
      'cam-b.mp4 against cctv.mp4 | +1.362 | 0.81 | onset envelopes cross-correlated (Pearson r over the shared sound) | 2026-01-04T00:00:00.000Z',
    );
    expect(section).toContain('Sound travels about 2.9 ms per metre');
  });

  it('gives each cited frame its video and case time, from any video', () => {
    const text = words(buildCourtReport(input(several())).blocks);
    expect(text).toContain('cctv.mp4, frame 150: the door at 150');
    expect(text).toContain('Case time 6.000000 s (the reference video: exact)');
    expect(text).toContain('Cited in cam-b.mp4');
    expect(text).toContain('cam-b.mp4, frame 139: the door at 139');
    // 4.64 s on B's clock: 1.366676 + 0.999998 × 4.64, ± its sd there.
    expect(text).toMatch(/Case time 6\.00666\d s ± 0\.0\d\d s/);
    expect(text).toContain('cam-b.mp4, frame 139 with annotations (illustrative)');
    // How to verify: both videos' hashes and both frames' MD5s.
    expect(text).toContain("sha256sum 'cctv.mp4'\nsha256sum 'cam-b.mp4'");
    expect(text).toContain(`cam-b.mp4 | ${TEST_EVIDENCE_B.sha256}`);
    expect(text).toContain(`cam-b.mp4 | 139 | 140 | ${'b'.repeat(32)}`);
    expect(text).toContain(
      "ffmpeg -v error -i 'cam-b.mp4' -vf 'select=eq(n\\,139)' -frames:v 1 bbbbbbbb-frame-000139.png",
    );
  });

  it('lists a citation whose video was not open, with its numbers and why it has no still', () => {
    const notOpen = several({
      others: [
        {
          ...several().others[0]!,
          cited: [],
          notDecoded: [{ frame: 139, caption: 'the door', pts: 417000, seconds: 4.633 }],
          reason: 'cam-b.mp4 was not open when this report was made',
        },
      ],
    });
    const text = words(buildCourtReport(input(notOpen)).blocks);
    expect(text).toContain('cam-b.mp4, frame 139: the door');
    expect(text).toContain('pts 417000');
    expect(text).toContain(
      'No still: cam-b.mp4 was not open when this report was made, so this frame could not be decoded.',
    );
    expect(text).toContain('Frame MD5 not computed');
  });

  it('says when videos are not synchronised', () => {
    const unsynced = several({ sync: EMPTY_SYNC, fit: testFit(EMPTY_SYNC) });
    const text = words(buildCourtReport(input(unsynced)).blocks);
    expect(text).toContain('No anchor was made');
    expect(text).toContain('cam-b.mp4 | added; not placed | — | — | — | 0');
    expect(text).toContain(
      'Case time none: this video is not placed on the case timeline (no anchor links it)',
    );
    expect(text).toContain('No offset suggested by the sound was accepted.');
  });

  it('renders to PDF and HTML with the same Synchronisation words', async () => {
    const doc = buildCourtReport(input(several()));
    const html = renderReportHtml(doc);
    expect(html).toContain('<h2>Synchronisation</h2>');
    expect(html).toContain('cam-b.mp4, frame 139: the door at 139');
    const font = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../assets/fonts/${name}`, import.meta.url)));
    const pdf = await renderReportPdf(doc, {
      regular: font('DejaVuSans.ttf'),
      bold: font('DejaVuSans-Bold.ttf'),
      mono: font('DejaVuSansMono.ttf'),
    });
    const text = (await extractPdfText(pdf)).join('\n');
    expect(text).toContain('Synchronisation');
    expect(text).toContain('Videos of the case');
    expect(text).toContain('cam-b.mp4, frame 139');
    expect(text.replace(/\s+/g, '')).toContain(TEST_EVIDENCE_B.sha256);
  });
});
