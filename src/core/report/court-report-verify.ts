/**
 * "How to verify": the exact commands that reproduce each figure of the report with stock
 * tools (sha256sum, ffmpeg), so nobody has to trust Framewise.
 */
import type { Block } from './report-model';
import type { CourtReportInput } from './court-report-input';
import { fittedCalibration, type MeasurementsSectionInput } from './court-report-measurements';
import { fileArgument, shellQuote } from '../exports/shell-command';

export { fileArgument, shellQuote } from '../exports/shell-command';

/** A video the commands check: its name and hash, and its frames the report cites. */
interface VerifiedVideo {
  readonly fileName: string;
  readonly sha256: string;
  readonly cited: readonly { readonly frame: number; readonly md5: string }[];
}

/** The report's video, then (a case of several) every other, with its decoded cited frames. */
function verifiedVideos(input: CourtReportInput): VerifiedVideo[] {
  const own = {
    fileName: input.evidence.fileName,
    sha256: input.evidence.sha256,
    cited: input.cited,
  };
  const several = input.severalVideos;
  if (!several || several.videos.length < 2) return [own];
  const others = several.videos
    .filter((v) => v.ref.sha256 !== input.evidence.sha256)
    .map(({ ref, evidence }) => ({
      fileName: evidence.fileName,
      sha256: evidence.sha256,
      cited: several.others.find((o) => o.sha256 === ref.sha256)?.cited ?? [],
    }));
  return [own, ...others];
}

export function verifyBlocks(input: CourtReportInput): Block[] {
  const videos = verifiedVideos(input);
  const several = videos.length > 1;
  const pkg = input.packageHashes.fileName;
  const frameLine = (video: VerifiedVideo, frame: number) =>
    `ffmpeg -v error -i ${fileArgument(video.fileName)} -map 0:v:0 -f framemd5 - | grep -v '^#' | sed -n '${frame + 1}p'`;
  const still = (video: VerifiedVideo, frame: number) =>
    `ffmpeg -v error -i ${fileArgument(video.fileName)} -vf 'select=eq(n\\,${frame})' -frames:v 1 ${several ? `${stillPrefix(video)}-` : ''}frame-${String(frame).padStart(6, '0')}.png`;
  const cited = videos.flatMap((video) => video.cited.map((c) => ({ video, c })));
  const lineBreak = videos.some((v) => /[\r\n]/.test(v.fileName));
  return [
    { kind: 'heading', level: 2, text: 'How to verify' },
    several
      ? {
          kind: 'paragraph',
          content: [
            `In a terminal, in the folder holding the original videos. 1. Each file is the original: `,
            `each command prints its SHA-256, which must be the one in the table.`,
          ],
        }
      : {
          kind: 'paragraph',
          content: [
            'In a terminal, in the folder holding the original video. 1. The file is the original: ',
            'the command prints its SHA-256, which must be ',
            { text: input.evidence.sha256, mono: true },
            '.',
          ],
        },
    { kind: 'code', lines: videos.map((v) => `sha256sum ${fileArgument(v.fileName)}`) },
    ...(several
      ? [
          {
            kind: 'table' as const,
            caption: 'The SHA-256 each command must print',
            columns: ['Video', 'SHA-256'],
            rows: videos.map((v) => [v.fileName, { text: v.sha256, mono: true }]),
          },
        ]
      : []),
    ...(lineBreak
      ? [
          {
            kind: 'paragraph' as const,
            content: [
              `The video\u2019s file name holds a line break: copy the file under a name without `,
              'one (the SHA-256 does not depend on the name) and use that name in these commands.',
            ],
          },
        ]
      : []),
    {
      kind: 'paragraph',
      content: [
        '2. Each cited frame is the frame decoded: the last field of the line printed is its MD5, ',
        'as in the report (FFmpeg numbers frames from 0 in the order they are shown).',
      ],
    },
    {
      kind: 'code',
      lines: cited.length > 0 ? cited.map(({ video, c }) => frameLine(video, c.frame)) : ['# none'],
    },
    ...(cited.length === 0
      ? []
      : [
          {
            kind: 'table' as const,
            caption: 'The MD5 each command must print',
            columns: several ? ['Video', 'Frame', 'Line', 'MD5'] : ['Frame', 'Line', 'MD5'],
            rows: cited.map(({ video, c }) => [
              ...(several ? [video.fileName] : []),
              String(c.frame),
              String(c.frame + 1),
              { text: c.md5, mono: true },
            ]),
          },
        ]),
    {
      kind: 'paragraph',
      content: [
        '3. The clean still of a cited frame, extracted by FFmpeg itself. Its colours may differ ',
        'by a level from the report\u2019s still (each converts the decoded picture to RGB its own ',
        'way); the frame is the same, as its MD5 shows.',
      ],
    },
    {
      kind: 'code',
      lines: cited.length > 0 ? cited.map(({ video, c }) => still(video, c.frame)) : ['# none'],
    },
    {
      kind: 'paragraph',
      content: [
        '4. The evidence package made with this report is complete and unchanged: unzip ',
        { text: pkg, mono: true },
        ' and, in its folder, check every file; each line must end in OK. SHA256SUMS itself must ',
        'have the SHA-256 given under Audit log.',
      ],
    },
    {
      kind: 'code',
      lines: [
        `unzip ${shellQuote(pkg)} -d package && cd package`,
        'sha256sum -c SHA256SUMS',
        'sha256sum SHA256SUMS',
      ],
    },
    ...homographyVerifyBlocks(input.measurements ?? null),
  ];
}

/** Stills of several videos are named apart: the start of each video's SHA-256. */
const stillPrefix = (video: VerifiedVideo) => video.sha256.slice(0, 8);

/** A number as Python reads it back to the same double (JavaScript's shortest round trip). */
const pythonNumber = (value: number): string => String(value);

/** The matrix the app computed, as a person compares it with OpenCV's (10 significant digits). */
export const matrixCell = (value: number): string => value.toExponential(9);

/**
 * 5. The ground-plane homography: the reference points as Python with OpenCV takes them, so
 * anyone can refit it with stock `cv2.findHomography(img, world, 0)` and compare the matrix.
 * The image points are those the fit used (after the distortion correction, where set).
 */
export function homographyVerifyBlocks(section: MeasurementsSectionInput | null): Block[] {
  const calibration = section?.calibration;
  if (!section || !calibration) return [];
  const fitted = fittedCalibration(calibration, section.evidence);
  const corrected = fitted.points.some(
    (p, i) =>
      p.image.x !== calibration.points[i]!.image.x || p.image.y !== calibration.points[i]!.image.y,
  );
  const rows = (pick: (p: (typeof fitted.points)[number]) => { x: number; y: number }) =>
    fitted.points.map((p, i) => {
      const { x, y } = pick(p);
      return `    [${pythonNumber(x)}, ${pythonNumber(y)}]${i < fitted.points.length - 1 ? ',' : ''}`;
    });
  const snippet = [
    'import numpy as np, cv2',
    'img = np.array([',
    ...rows((p) => p.image),
    '], np.float64)',
    'world = np.array([',
    ...rows((p) => p.world),
    '], np.float64)',
    'H, _ = cv2.findHomography(img, world, 0)',
    'np.set_printoptions(precision=10)',
    'print(H / H[2, 2])',
  ];
  const h = fitted.fit?.imageToWorld;
  return [
    {
      kind: 'paragraph',
      keepWithNext: true,
      content: [
        '5. The ground-plane homography (Measurements) can be refitted with OpenCV from the ',
        'reference points alone: paste these lines into Python 3 with numpy and OpenCV ',
        '(opencv-python). They map image pixels to metres on the ground',
        corrected
          ? '; the image points are the marked ones after the lens distortion correction, as the fit used them.'
          : '.',
      ],
    },
    { kind: 'code', lines: snippet },
    h
      ? {
          kind: 'table',
          caption:
            'The matrix Framewise fitted (scaled so that H[2][2] = 1): OpenCV’s must agree to about 1e-6 relative (OpenCV works in 32-bit floats)',
          columns: ['Row', 'Column 0', 'Column 1', 'Column 2'],
          rows: [0, 1, 2].map((r) => [
            String(r),
            ...[0, 1, 2].map((c) => ({ text: matrixCell(h[r * 3 + c]! / h[8]), mono: true })),
          ]),
        }
      : {
          kind: 'paragraph',
          content: [`Framewise could not fit a homography to these points: ${fitted.problem}`],
        },
  ];
}
