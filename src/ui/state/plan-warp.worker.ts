/// <reference lib="webworker" />
import { PLAN_FONT, TEXT_HALO_WIDTH, type PlanItem } from '../../core/measure/plan-drawing';
import { warpGround } from '../../core/measure/plan-warp';
import type { PlanWarpRequest, PlanWarpResponse } from './plan-warp-protocol';

/**
 * The plan view's picture, off the main thread: the frame (a transferred copy of the one on
 * screen) is warped onto the ground by core/measure/plan-warp.ts (bilinear; ground the camera
 * does not see stays transparent, and the drawing puts neutral grey behind it), then the
 * drawing (paths, ticks, scale bar, title and legend) goes over it on a canvas, from the same
 * item list core/measure/plan-drawing.ts writes as SVG, so the PNG and the SVG agree.
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
  const { map } = request;
  const warped = warpGround(
    frame,
    request.frameWidth,
    request.frameHeight,
    request.worldToImage,
    request.distortion,
    map,
  );
  const warpMs = performance.now() - started;
  const ground = new OffscreenCanvas(map.width, map.height);
  ground.getContext('2d')!.putImageData(new ImageData(warped, map.width, map.height), 0, 0);
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
