/**
 * The e2e page's handle on the WebGL2 view renderer (tests/harness/view-gl.html, built by
 * vite.harness.config.ts, never in the app bundle): seeded random pictures of every planar
 * format the renderer takes, odd sizes, 1×1, both matrices and views with every filter, drawn
 * by `GlViewRenderer` and compared byte for byte with the CPU's arithmetic (applyView, then
 * yuvToRgba).
 */
import { applyView } from '../vision/view-pipeline';
import { NO_VIEW, viewProblemOn, type ViewSettings } from '../vision/view-settings';
import { GlViewRenderer } from './view-gl';
import { chromaSubsampling, isFullRange, rawFrameBytes, yuvToRgba } from './yuv-to-rgba';

export interface ViewGlCase {
  readonly name: string;
  /** RGBA values that differ from the CPU's, and the largest difference. */
  readonly differ: number;
  readonly maxDifference: number;
}

export interface ViewGlCheck {
  /** The GL's renderer name (SwiftShader here), or null without WebGL2. */
  readonly renderer: string | null;
  readonly software: boolean;
  readonly cases: ViewGlCase[];
}

const VIEWS: ViewSettings[] = [
  { ...NO_VIEW, gamma: 1.6, contrast: 1.2 },
  {
    ...NO_VIEW,
    blackPoint: 10,
    whitePoint: 200,
    brightness: 0.1,
    contrast: 1.3,
    gamma: 1.8,
    saturation: 1.5,
    sharpen: 1,
    invert: true,
    fields: 'top',
  },
  { ...NO_VIEW, sharpen: 2.5, fields: 'bottom', saturation: 0 },
  { ...NO_VIEW, sharpen: -1.3, invert: true, contrast: -1 },
  { ...NO_VIEW, sharpen: 5, brightness: -0.2 },
];
const FORMATS = ['yuv420p', 'yuvj420p', 'yuvj422p', 'yuv444p', 'yuv440p', 'yuv411p', 'yuv410p'];
const SIZES = [
  [161, 121],
  [161, 120],
  [9, 8],
  [7, 5],
  [64, 48],
  [2, 3],
  [1, 1],
] as const;

function pixelsOf(bitmap: ImageBitmap): Uint8ClampedArray {
  const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', {
    willReadFrequently: true,
  })!;
  const { width, height } = bitmap;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, width, height).data;
}

function check(): ViewGlCheck {
  const gl = GlViewRenderer.create();
  if (!gl) return { renderer: null, software: false, cases: [] };
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 255;
  const cases: ViewGlCase[] = [];
  for (const format of [...FORMATS, 'gray']) {
    const chroma = chromaSubsampling(format) ?? null;
    for (const [width, height] of SIZES) {
      const data = Uint8Array.from({ length: rawFrameBytes(format, width, height) }, random);
      VIEWS.forEach((view, v) => {
        // What the picture cannot show (one field of a height FFmpeg would change, sharpening
        // on too few lines) neither path draws: the app refuses it before.
        if (viewProblemOn(view, { height, chromaY: chroma?.y ?? 0 })) return;
        for (const matrix of ['bt601', 'bt709'] as const) {
          const picture = { data, width, height, chroma };
          const bitmap = gl.render(picture, isFullRange(format)!, matrix, view);
          if (!bitmap) throw new Error('the WebGL2 context was lost');
          const got = pixelsOf(bitmap);
          const want = yuvToRgba(applyView(picture, view), format, width, height, matrix);
          let differ = 0;
          let maxDifference = 0;
          for (let i = 0; i < want.length; i++) {
            const d = Math.abs(got[i]! - want[i]!);
            if (d) differ++;
            maxDifference = Math.max(maxDifference, d);
          }
          cases.push({
            name: `${format} ${width}x${height} view ${v} ${matrix}`,
            differ,
            maxDifference,
          });
        }
      });
    }
  }
  gl.dispose();
  return { renderer: gl.rendererName, software: gl.software, cases };
}

declare global {
  interface Window {
    __framewiseViewGl?: { check: () => ViewGlCheck };
  }
}

window.__framewiseViewGl = { check };
document.body.dataset['ready'] = 'true';
