/// <reference lib="webworker" />
import { redistort } from '../../core/measure/distortion';
import { PLAN_FONT, TEXT_HALO_WIDTH, type PlanItem } from '../../core/measure/plan-drawing';
import type { PlanWarpRequest, PlanWarpResponse } from './plan-warp-protocol';

/**
 * The plan view's ground, off the main thread: every map pixel's ground square (its centre)
 * is taken through the world → image homography (and distorted again when the calibration
 * corrects a distortion) to the frame, and the frame is sampled there. Sampling is bilinear
 * between the four nearest pixel centres (image point (0,0) is the top-left corner of the
 * top-left pixel): smooth, so the plan shows no blocks, and it never invents detail beyond
 * what the frame holds. Ground the camera does not see (outside the frame, or on or beyond
 * the horizon) stays transparent, and the drawing puts neutral grey behind it.
 * Then the drawing (paths, ticks, scale bar, title and legend) goes over it on a canvas, from
 * the same item list core/measure/plan-drawing.ts writes as SVG, so the PNG and the SVG agree.
 */

function framePixels(request: PlanWarpRequest): ImageData {
  const { bitmap } = request;
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  // Redacted objects are blocked out of the picture before it becomes the ground.
  const [sx, sy] = [canvas.width / request.frameWidth, canvas.height / request.frameHeight];
  ctx.fillStyle = '#000000';
  for (const r of request.redactions) ctx.fillRect(r.x * sx, r.y * sy, r.width * sx, r.height * sy);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/** The warped ground, map-sized RGBA. */
function warpGround(request: PlanWarpRequest, frame: ImageData): ImageData {
  const { map, worldToImage: h, distortion } = request;
  const out = new ImageData(map.width, map.height);
  const dst = out.data;
  const src = frame.data;
  const [fw, fh] = [frame.width, frame.height];
  // Calibration pixels → bitmap pixels (the same unless the bitmap was scaled).
  const [sx, sy] = [fw / request.frameWidth, fh / request.frameHeight];
  for (let py = 0; py < map.height; py++) {
    const wy = map.maxY - (py + 0.5) / map.pxPerM;
    for (let px = 0; px < map.width; px++) {
      const wx = map.minX + (px + 0.5) / map.pxPerM;
      const w = h[6] * wx + h[7] * wy + h[8];
      if (!(w > 1e-12)) continue; // on or beyond the horizon
      let ix = (h[0] * wx + h[1] * wy + h[2]) / w;
      let iy = (h[3] * wx + h[4] * wy + h[5]) / w;
      if (distortion) {
        const p = redistort(distortion, { x: ix, y: iy });
        [ix, iy] = [p.x, p.y];
      }
      ix *= sx;
      iy *= sy;
      if (!(ix >= 0 && iy >= 0 && ix <= fw && iy <= fh)) continue; // not in the frame
      // Bilinear between pixel centres (clamped at the frame's edges).
      const u = Math.min(Math.max(ix - 0.5, 0), fw - 1);
      const v = Math.min(Math.max(iy - 0.5, 0), fh - 1);
      const [x0, y0] = [Math.floor(u), Math.floor(v)];
      const [x1, y1] = [Math.min(x0 + 1, fw - 1), Math.min(y0 + 1, fh - 1)];
      const [fx, fy] = [u - x0, v - y0];
      const a = (y0 * fw + x0) * 4;
      const b = (y0 * fw + x1) * 4;
      const c = (y1 * fw + x0) * 4;
      const d = (y1 * fw + x1) * 4;
      const o = (py * map.width + px) * 4;
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * fx;
        const bottom = src[c + k]! + (src[d + k]! - src[c + k]!) * fx;
        dst[o + k] = top + (bottom - top) * fy;
      }
      dst[o + 3] = 255;
    }
  }
  return out;
}

function draw(ctx: OffscreenCanvasRenderingContext2D, item: PlanItem, ground: OffscreenCanvas) {
  switch (item.kind) {
    case 'rect':
      if (item.fill !== 'none') {
        ctx.globalAlpha = item.opacity;
        ctx.fillStyle = item.fill;
        ctx.fillRect(item.x, item.y, item.width, item.height);
        ctx.globalAlpha = 1;
      }
      if (item.stroke) {
        ctx.strokeStyle = item.stroke;
        ctx.lineWidth = 1;
        ctx.strokeRect(item.x, item.y, item.width, item.height);
      }
      return;
    case 'line':
      ctx.globalAlpha = item.opacity;
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = item.width;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(item.from.x, item.from.y);
      ctx.lineTo(item.to.x, item.to.y);
      ctx.stroke();
      ctx.globalAlpha = 1;
      return;
    case 'path':
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = item.width;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      ctx.beginPath();
      item.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      ctx.stroke();
      return;
    case 'circle':
      ctx.fillStyle = item.fill;
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = item.strokeWidth;
      ctx.beginPath();
      ctx.arc(item.centre.x, item.centre.y, item.r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      return;
    case 'text':
      ctx.font = `${item.bold ? 'bold ' : ''}${item.size}px ${PLAN_FONT}`;
      ctx.textAlign =
        item.anchor === 'middle' ? 'center' : item.anchor === 'end' ? 'right' : 'left';
      ctx.textBaseline = 'alphabetic';
      if (item.halo) {
        ctx.strokeStyle = item.halo;
        ctx.lineWidth = TEXT_HALO_WIDTH;
        ctx.lineJoin = 'round';
        ctx.strokeText(item.text, item.at.x, item.at.y);
      }
      ctx.fillStyle = item.fill;
      ctx.fillText(item.text, item.at.x, item.at.y);
      return;
    case 'ground':
      ctx.drawImage(ground, item.x, item.y, item.width, item.height);
      return;
  }
}

const bytesOf = async (canvas: OffscreenCanvas) =>
  new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());

async function render(request: PlanWarpRequest): Promise<PlanWarpResponse> {
  const frame = framePixels(request);
  const started = performance.now();
  const warped = warpGround(request, frame);
  const warpMs = performance.now() - started;
  const ground = new OffscreenCanvas(warped.width, warped.height);
  ground.getContext('2d')!.putImageData(warped, 0, 0);
  const whole = new OffscreenCanvas(request.width, request.height);
  const ctx = whole.getContext('2d')!;
  ctx.imageSmoothingEnabled = false; // the ground is drawn 1:1
  for (const item of request.items) draw(ctx, item, ground);
  const [groundPng, png] = await Promise.all([bytesOf(ground), bytesOf(whole)]);
  return { ok: true, groundPng, png, warpMs };
}

self.onmessage = (event: MessageEvent<PlanWarpRequest>) => {
  const scope = self as DedicatedWorkerGlobalScope;
  render(event.data).then(
    (response) => {
      if (response.ok)
        scope.postMessage(response, [response.groundPng.buffer, response.png.buffer]);
      else scope.postMessage(response);
    },
    (error: unknown) => {
      const response: PlanWarpResponse = {
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      scope.postMessage(response);
    },
  );
};
