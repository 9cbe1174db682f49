#!/usr/bin/env node
/**
 * Makes footage with a known truth for measurement tests: a road seen by a pinhole camera
 * 6 m up, looking 25° down; a marked 4.5 m × 12 m rectangle and lane lines on the ground; a
 * vehicle (a box 1.8 m wide, 1.5 m tall) reversing along the road at a known speed, and an
 * officer (0.5 m wide, 1.8 m tall) 0.6 m beside it, moving with it for the first 1.2 s and
 * then standing still. Frames are rendered here, encoded with native FFmpeg (H.264, B-frames),
 * and the truth (camera, homography, reference points, every frame's ground and image
 * positions) is written beside the clip.
 *
 *   node scripts/make-measure-fixture.mjs   (needs native ffmpeg; the results are committed)
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const OUT = 'tests/fixtures/measure/road-25fps';
const [W, H, FPS, FRAMES] = [640, 360, 25, 50];
const SPEED = 5; // m/s, 18 km/h
const TOGETHER_S = 1.2;

// Camera: x right, y forward along the road, z up. Rows of R are the camera's x, y (down in
// the image) and z (forward) axes in world coordinates.
const pitch = (25 * Math.PI) / 180;
const [c, s] = [Math.cos(pitch), Math.sin(pitch)];
const R = [
  [1, 0, 0],
  [0, -s, -c],
  [0, c, -s],
];
const C = [2.25, -9, 6];
const F = 520;
const [CX, CY] = [W / 2, H / 2];

function toImage([x, y, z]) {
  const d = [x - C[0], y - C[1], z - C[2]];
  const p = R.map((row) => row[0] * d[0] + row[1] * d[1] + row[2] * d[2]);
  return { x: (F * p[0]) / p[2] + CX, y: (F * p[1]) / p[2] + CY, depth: p[2] };
}

// Ground (z = 0) → image homography, K·[r1 r2 −R·C]; and image → ground, its inverse.
const K = [
  [F, 0, CX],
  [0, F, CY],
  [0, 0, 1],
];
const RC = R.map((row) => row[0] * C[0] + row[1] * C[1] + row[2] * C[2]);
const cols = [0, 1, 2].map((i) => [R[i][0], R[i][1], -RC[i]]);
const groundToImage = [0, 1, 2].map((r) =>
  [0, 1, 2].map((k) => K[r][0] * cols[0][k] + K[r][1] * cols[1][k] + K[r][2] * cols[2][k]),
);
function invert3(m) {
  const [[a, b, cc], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + cc * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (cc * h - b * i) / det, (b * f - cc * e) / det],
    [(f * g - d * i) / det, (a * i - cc * g) / det, (cc * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}
const imageToGround = invert3(groundToImage);
const norm = (m) => m.flat().map((v) => v / m[2][2]);

function groundAt(u, v) {
  const [h0, h1, h2] = imageToGround;
  const w = h2[0] * u + h2[1] * v + h2[2];
  if (w <= 0) return null;
  return [(h0[0] * u + h0[1] * v + h0[2]) / w, (h1[0] * u + h1[1] * v + h1[2]) / w];
}

const vehicleAt = (t) => [3.5, 14 - SPEED * t]; // reversing towards the camera
const officerAt = (t) => {
  const [x, y] = vehicleAt(Math.min(t, TOGETHER_S));
  return [x - 0.9 - 0.6 - 0.25, y]; // 0.6 m gap between the vehicle's side and the officer's
};

/** An upright box standing on the ground point: its image rectangle. */
function standing([x, y], width, height) {
  const left = toImage([x - width / 2, y, 0]);
  const right = toImage([x + width / 2, y, 0]);
  const base = toImage([x, y, 0]);
  const top = toImage([x, y, height]);
  return { x: left.x, y: top.y, width: right.x - left.x, height: base.y - top.y, base };
}

function paint(buffer, box, rgb) {
  const x0 = Math.max(0, Math.round(box.x));
  const x1 = Math.min(W, Math.round(box.x + box.width));
  const y0 = Math.max(0, Math.round(box.y));
  const y1 = Math.min(H, Math.round(box.y + box.height));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const edge = x < x0 + 2 || x >= x1 - 2 || y < y0 + 2 || y >= y1 - 2;
      buffer.set(edge ? [20, 20, 20] : rgb, (y * W + x) * 3);
    }
  }
}

const painted = (gx, gy) => {
  const near = (v, at) => Math.abs(v - at) < 0.07;
  const rectangle =
    ((near(gx, 0) || near(gx, 4.5)) && gy >= 0 && gy <= 12) ||
    ((near(gy, 0) || near(gy, 12)) && gx >= 0 && gx <= 4.5);
  const lane = near(gx, -2) || (near(gx, 7) && Math.floor(gy / 2) % 2 === 0);
  return rectangle || lane;
};

const truthFrames = [];
const raw = Buffer.alloc(W * H * 3 * FRAMES);
for (let n = 0; n < FRAMES; n++) {
  const t = n / FPS;
  const frame = raw.subarray(n * W * H * 3, (n + 1) * W * H * 3);
  for (let v = 0; v < H; v++) {
    for (let u = 0; u < W; u++) {
      const g = groundAt(u + 0.5, v + 0.5);
      let rgb;
      if (!g || g[1] > 80) rgb = [150, 170, 190];
      else if (painted(g[0], g[1])) rgb = [235, 235, 225];
      else {
        const grain = ((Math.floor(g[0] * 4) * 7 + Math.floor(g[1] * 4) * 13) % 9) * 3;
        rgb = [88 + grain, 90 + grain, 92 + grain];
      }
      frame.set(rgb, (v * W + u) * 3);
    }
  }
  const vehicle = standing(vehicleAt(t), 1.8, 1.5);
  const officer = standing(officerAt(t), 0.5, 1.8);
  paint(frame, officer, [40, 90, 200]);
  paint(frame, vehicle, [190, 40, 40]);
  truthFrames.push({
    frame: n,
    seconds: t,
    vehicle: { ground: vehicleAt(t), box: vehicle },
    officer: { ground: officerAt(t), box: officer },
  });
}

const encode = spawnSync(
  'ffmpeg',
  [
    '-v',
    'error',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    '-s',
    `${W}x${H}`,
    '-r',
    `${FPS}`,
    '-i',
    '-',
    '-c:v',
    'libx264',
    '-preset',
    'medium',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '25',
    '-bf',
    '2',
    '-movflags',
    '+faststart',
    `${OUT}.mp4`,
  ],
  { input: raw, maxBuffer: 1 << 30 },
);
if (encode.status !== 0) throw new Error(`ffmpeg failed: ${encode.stderr}`);

const corners = [
  [0, 0],
  [4.5, 0],
  [4.5, 12],
  [0, 12],
];
const truth = {
  about:
    'Known truth of road-25fps.mp4 (scripts/make-measure-fixture.mjs). Image coordinates are frame pixels with (0,0) at the top-left corner of the top-left pixel; ground metres, y along the road.',
  width: W,
  height: H,
  fps: FPS,
  frames: FRAMES,
  camera: { position: C, pitchDegrees: 25, focalPx: F, principalPoint: [CX, CY] },
  groundToImage: norm(groundToImage),
  imageToGround: norm(imageToGround),
  referencePoints: corners.map(([x, y]) => {
    const p = toImage([x, y, 0]);
    return { image: [p.x, p.y], world: [x, y] };
  }),
  vehicle: { speedMetresPerSecond: SPEED, speedKmh: SPEED * 3.6, widthM: 1.8, heightM: 1.5 },
  officer: { movesWithVehicleForSeconds: TOGETHER_S, gapToVehicleM: 0.6 },
  positions: truthFrames,
};
writeFileSync(`${OUT}.truth.json`, JSON.stringify(truth, null, 1) + '\n');
console.log(`wrote ${OUT}.mp4 and ${OUT}.truth.json`);
