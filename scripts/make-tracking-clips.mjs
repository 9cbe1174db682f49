#!/usr/bin/env node
/**
 * Footage with a known truth for the assisted tracker (issue 16, src/vision/ncc-tracker.ts):
 * encoded clips whose object box is known on every frame, so the tests and the bench can
 * measure the tracker's IoU on real decoded video rather than on rendered luma.
 *
 * The scene (the ideas of src/vision/testing/synthetic.ts, ported): a CCTV-like background,
 * a blocky random texture (12 px cells, bilinearly smoothed) at grey 70..130, static; one
 * object, a 64 × 64 random texture (6 px cells) scaled into its box, grey 120..240 inside a
 * dark (30) frame 8 % of the box thick, so it stands out as a car would; optionally a static
 * grey (100) bar in front of everything, the full height of the picture; then per-frame
 * uniform noise of ±6 grey levels on every pixel. A pixel belongs to a box when its centre
 * (x + 0.5, y + 0.5) is inside it. Every clip 320 × 240, 25 fps, luma only (grey picture):
 *
 *   easy-glide     110 frames, seed 11: a 60 × 44 object on a curved path, 1.8 px a frame
 *                  to the right and up to 1.4 px a frame up or down (a sine).
 *   easy-approach  110 frames, seed 12: an object growing from 48 × 36 to 72 × 54 (1.5×),
 *                  its centre drifting right and down about 1 px a frame (a car approaching).
 *   hard-occluded  80 frames, seed 13: a 44 × 34 object moving right 3 px a frame passes
 *                  fully behind a 56 px wide grey bar (x 151..207): more than half hidden on
 *                  frames 40..57 (hiddenFrames), wholly hidden on 47..50.
 *   hard-leaves    60 frames, seed 14: a 60 × 44 object moving right 4 px a frame leaves by
 *                  the right edge: less than half of it inside from frame 36 (leavesFrameAt).
 *
 * Each clip is encoded by native ffmpeg from raw grey frames piped in (libx264, yuv420p,
 * CRF 21, a key frame every 25, no B-frames, +faststart, one thread, bit-exact; CRF 20 made
 * easy-approach 333 KB), then decoded back (-f rawvideo -pix_fmt gray) and checked before the
 * truth is written: frame count, size and rate; the decoded frames match the noise-free
 * render (mean absolute difference under 3 grey levels: the encoder keeps about a third of
 * the noise); on every frame where at least a quarter of the object shows, the object's
 * noise-free look correlates with the decoded pixels at the truth box (NCC >= 0.9) better
 * than at any shift of up to 3 px.
 *
 * For easy-glide and hard-occluded the decoded luma around the object is also written
 * (<name>.luma.br, see packLuma: the whole decoded clip, gzipped, is 3.2 and 2.3 MB), so
 * src/vision/tracking-clips.test.ts runs the tracker on decoded frames without ffmpeg. The
 * margin covers all the tracker reads (its search region is the previous box grown by 0.65 ×
 * its long side plus twice its motion: 44 and 35 px here); measured: the tracker's steps on
 * these windows equal, bit for bit, its steps on the full decoded frames.
 *
 * Writes tests/fixtures/tracking/{easy-glide,easy-approach,hard-occluded,hard-leaves}.mp4,
 * easy-glide.luma.br, hard-occluded.luma.br and tracking.truth.json ({ clips: { name: {
 * width, height, fps, frames, description, boxes: [[x, y, w, h] per frame, 2 decimals; a box
 * may reach past the picture], occluder?: [x, y, w, h], hiddenFrames?, leavesFrameAt?,
 * luma?: { file, margin, window } } }). Needs native ffmpeg with libx264. Deterministic: the
 * same script gives the same frames, files and truth. The outputs are committed; the tests
 * never run this.
 *
 *   node scripts/make-tracking-clips.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const OUT = new URL('../tests/fixtures/tracking/', import.meta.url);
const [W, H, FPS] = [320, 240, 25];
const NOISE = 6;
const OBJECT_TEXTURE = 64;

/** mulberry32, as src/vision/testing/synthetic.ts. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A blocky random texture, bilinearly smoothed, 0..1. */
function texture(width, height, block, random) {
  const cols = Math.ceil(width / block) + 1;
  const rows = Math.ceil(height / block) + 1;
  const cells = Array.from({ length: cols * rows }, () => random());
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = x / block;
      const gy = y / block;
      const c = Math.floor(gx);
      const r = Math.floor(gy);
      const fx = gx - c;
      const fy = gy - r;
      const at = (cc, rr) => cells[rr * cols + cc];
      out[y * width + x] =
        (1 - fy) * ((1 - fx) * at(c, r) + fx * at(c + 1, r)) +
        fy * ((1 - fx) * at(c, r + 1) + fx * at(c + 1, r + 1));
    }
  }
  return out;
}

const r2 = (v) => Math.round(v * 100) / 100;
const box = (x, y, w, h) => [r2(x), r2(y), r2(w), r2(h)];

const CLIPS = [
  {
    name: 'easy-glide',
    frames: 110,
    seed: 11,
    description:
      'A 60 × 44 textured object on a curved path (1.8 px a frame right, up to 1.4 px a frame up or down) over a noisy textured background; always in view.',
    boxAt: (k) => box(20 + 1.8 * k, 70 + 50 * Math.sin(k / 35), 60, 44),
    lumaMargin: 46,
  },
  {
    name: 'easy-approach',
    frames: 110,
    seed: 12,
    description:
      'A textured object growing 1.5× (48 × 36 to 72 × 54) while its centre drifts right and down about 1 px a frame: a car approaching; always in view.',
    boxAt: (k) => {
      const s = 1 + (0.5 * k) / 109;
      const [cx, cy] = [90 + 0.9 * k, 80 + 0.5 * k];
      return box(cx - 24 * s, cy - 18 * s, 48 * s, 36 * s);
    },
  },
  {
    name: 'hard-occluded',
    frames: 80,
    seed: 13,
    description:
      'A 44 × 34 textured object moving right 3 px a frame passes fully behind a static grey bar (x 151..207, full height); hiddenFrames lists the frames where more than half of it is behind the bar.',
    boxAt: (k) => box(12 + 3 * k, 100 + 4 * Math.sin(k / 10), 44, 34),
    occluder: { x: 151, y: 0, width: 56, height: H },
    lumaMargin: 40,
  },
  {
    name: 'hard-leaves',
    frames: 60,
    seed: 14,
    description:
      'A 60 × 44 textured object moving right 4 px a frame leaves by the right edge; leavesFrameAt is the first frame where less than half of it is inside the picture (boxes go on past the edge).',
    boxAt: (k) => box(148 + 4 * k, 80 + 0.5 * k, 60, 44),
  },
];

/** The object's noise-free grey at (x, y) in box b, or null outside it. */
function objectValue(look, b, x, y) {
  const [bx, by, bw, bh] = b;
  const u = (x + 0.5 - bx) / bw;
  const v = (y + 0.5 - by) / bh;
  if (u < 0 || u >= 1 || v < 0 || v >= 1) return null;
  const tx = Math.min(OBJECT_TEXTURE - 1, Math.floor(u * OBJECT_TEXTURE));
  const ty = Math.min(OBJECT_TEXTURE - 1, Math.floor(v * OBJECT_TEXTURE));
  const edge = u < 0.08 || u > 0.92 || v < 0.08 || v > 0.92;
  return edge ? 30 : 120 + 120 * look[ty * OBJECT_TEXTURE + tx];
}

const inside = (o, x, y) => o && x >= o.x && x < o.x + o.width && y >= o.y && y < o.y + o.height;

function render(clip) {
  const random = seeded(clip.seed);
  const background = texture(W, H, 12, random);
  const look = texture(OBJECT_TEXTURE, OBJECT_TEXTURE, 6, random);
  const boxes = [];
  const frames = [];
  const clean = [];
  for (let k = 0; k < clip.frames; k++) {
    const b = clip.boxAt(k);
    boxes.push(b);
    const data = new Uint8Array(W * H);
    const noiseFree = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let value = objectValue(look, b, x, y) ?? 70 + 60 * background[y * W + x];
        if (inside(clip.occluder, x, y)) value = 100;
        noiseFree[y * W + x] = Math.round(value);
        value += (random() - 0.5) * 2 * NOISE;
        data[y * W + x] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
    frames.push(data);
    clean.push(noiseFree);
  }
  return { look, boxes, frames, clean };
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

const fail = (message) => {
  throw new Error(`truth check failed: ${message}`);
};

/** The fraction of box b inside the picture. */
function visibleFraction([x, y, w, h]) {
  const iw = Math.min(W, x + w) - Math.max(0, x);
  const ih = Math.min(H, y + h) - Math.max(0, y);
  return iw <= 0 || ih <= 0 ? 0 : (iw * ih) / (w * h);
}

/** The fraction of box b behind the occluder (by area). */
function hiddenFraction([x, y, w, h], o) {
  if (!o) return 0;
  const iw = Math.min(o.x + o.width, x + w) - Math.max(o.x, x);
  const ih = Math.min(o.y + o.height, y + h) - Math.max(o.y, y);
  return iw <= 0 || ih <= 0 ? 0 : (iw * ih) / (w * h);
}

/**
 * The object's noise-free look against decoded frame `gray` shifted by (dx, dy), over the
 * box's pixels that are in the picture and not behind the occluder: NCC and the pixel count.
 */
function objectNcc(look, b, gray, occluder, dx, dy) {
  const a = [];
  const d = [];
  const [bx, by, bw, bh] = b;
  for (let y = Math.max(0, Math.floor(by)); y < Math.min(H, Math.ceil(by + bh)); y++) {
    for (let x = Math.max(0, Math.floor(bx)); x < Math.min(W, Math.ceil(bx + bw)); x++) {
      const v = objectValue(look, b, x, y);
      if (v === null || inside(occluder, x, y)) continue;
      const [sx, sy] = [x + dx, y + dy];
      if (sx < 0 || sx >= W || sy < 0 || sy >= H) continue;
      a.push(v);
      d.push(gray[sy * W + sx]);
    }
  }
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, md] = [mean(a), mean(d)];
  let [sab, saa, sdd] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (d[i] - md);
    saa += (a[i] - ma) ** 2;
    sdd += (d[i] - md) ** 2;
  }
  return { ncc: sab / Math.sqrt(saa * sdd), count: a.length };
}

/**
 * The decoded luma around the object, for the unit test: on frame k only the window (the truth
 * box grown by `margin` pixels, outward to whole pixels, clipped to the picture) is kept, the
 * rest taken as 0. Stored row by row, window after window, each byte the decoded value minus
 * the same pixel of the previous frame so kept (0 outside its window), modulo 256: what
 * src/vision/tracking-clips.test.ts unpacks.
 */
function packLuma(decoded, boxes, margin) {
  const window = 'floor(x - m), floor(y - m), ceil(x + w + m), ceil(y + h + m), clipped';
  const parts = [];
  let previous = new Uint8Array(W * H);
  boxes.forEach(([x, y, w, h], k) => {
    const [x0, y0] = [Math.max(0, Math.floor(x - margin)), Math.max(0, Math.floor(y - margin))];
    const [x1, y1] = [
      Math.min(W, Math.ceil(x + w + margin)),
      Math.min(H, Math.ceil(y + h + margin)),
    ];
    const kept = new Uint8Array(W * H);
    const out = Buffer.alloc(Math.max(0, x1 - x0) * Math.max(0, y1 - y0));
    let i = 0;
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const p = yy * W + xx;
        kept[p] = decoded[k * W * H + p];
        out[i++] = (kept[p] - previous[p]) & 255;
      }
    }
    parts.push(out);
    previous = kept;
  });
  return { bytes: Buffer.concat(parts), window };
}

mkdirSync(OUT, { recursive: true });
const truth = { clips: {} };
for (const clip of CLIPS) {
  const { look, boxes, frames, clean } = render(clip);
  const file = new URL(`${clip.name}.mp4`, OUT).pathname;
  run(
    'ffmpeg',
    [
      ...['-hide_banner', '-v', 'error', '-y'],
      ...['-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${W}x${H}`, '-r', `${FPS}`, '-i', '-'],
      ...['-c:v', 'libx264', '-preset', 'medium', '-crf', '21', '-g', '25', '-bf', '0'],
      ...['-pix_fmt', 'yuv420p', '-threads', '1', '-movflags', '+faststart'],
      ...['-map_metadata', '-1', '-fflags', '+bitexact', file],
    ],
    Buffer.concat(frames),
  );

  // The check: decode back and find the object where the truth says it is.
  const decoded = run('ffmpeg', [
    ...['-v', 'error', '-i', file, '-map', '0:v:0'],
    ...['-f', 'rawvideo', '-pix_fmt', 'gray', '-'],
  ]);
  const size = run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-count_frames'],
    ...['-show_entries', 'stream=width,height,nb_read_frames,r_frame_rate', '-of', 'csv=p=0'],
    file,
  ])
    .toString()
    .trim();
  if (size !== `${W},${H},${FPS}/1,${clip.frames}`) fail(`${clip.name} probes as ${size}`);
  if (decoded.length !== W * H * clip.frames) fail(`${clip.name} decodes to ${decoded.length} B`);
  let worstMad = 0;
  let worstNcc = 1;
  for (let k = 0; k < clip.frames; k++) {
    const gray = decoded.subarray(k * W * H, (k + 1) * W * H);
    let mad = 0;
    for (let i = 0; i < W * H; i++) mad += Math.abs(gray[i] - clean[k][i]);
    mad /= W * H;
    worstMad = Math.max(worstMad, mad);
    if (mad >= 3)
      fail(`${clip.name} frame ${k} differs from its noise-free render by ${mad.toFixed(2)}`);
    const b = boxes[k];
    const at = objectNcc(look, b, gray, clip.occluder, 0, 0);
    if (at.count < 0.25 * b[2] * b[3]) continue;
    worstNcc = Math.min(worstNcc, at.ncc);
    if (at.ncc < 0.9) fail(`${clip.name} frame ${k}: NCC ${at.ncc.toFixed(3)} at the truth box`);
    for (let dy = -3; dy <= 3; dy++) {
      for (let dx = -3; dx <= 3; dx++) {
        if (dx === 0 && dy === 0) continue;
        const shifted = objectNcc(look, b, gray, clip.occluder, dx, dy);
        if (shifted.ncc >= at.ncc)
          fail(`${clip.name} frame ${k}: the object fits better ${dx}, ${dy} px off the truth`);
      }
    }
  }

  const entry = {
    width: W,
    height: H,
    fps: FPS,
    frames: clip.frames,
    description: clip.description,
    boxes,
  };
  if (clip.occluder) {
    entry.occluder = [clip.occluder.x, clip.occluder.y, clip.occluder.width, clip.occluder.height];
    entry.hiddenFrames = boxes.flatMap((b, k) =>
      hiddenFraction(b, clip.occluder) > 0.5 ? [k] : [],
    );
  }
  const leaves = boxes.findIndex((b) => visibleFraction(b) < 0.5);
  if (leaves >= 0) entry.leavesFrameAt = leaves;
  truth.clips[clip.name] = entry;

  if (clip.lumaMargin) {
    const { bytes, window } = packLuma(decoded, boxes, clip.lumaMargin);
    const file = `${clip.name}.luma.br`;
    const params = {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    };
    writeFileSync(new URL(file, OUT), brotliCompressSync(bytes, { params }));
    entry.luma = { file, margin: clip.lumaMargin, window };
  }
  console.log(
    `${clip.name}: ${clip.frames} frames checked; worst mean |decoded - rendered| ` +
      `${worstMad.toFixed(2)}, worst NCC at the truth box ${worstNcc.toFixed(3)}` +
      (entry.hiddenFrames ? `; hidden ${entry.hiddenFrames.join(',')}` : '') +
      (leaves >= 0 ? `; leaves at ${leaves}` : ''),
  );
}
writeFileSync(new URL('tracking.truth.json', OUT), `${JSON.stringify(truth, null, 1)}\n`);
