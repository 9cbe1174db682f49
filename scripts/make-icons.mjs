/**
 * Draws the app's icons (public/icons/icon-192.png, icon-512.png): a light film strip (two
 * frames between sprocket holes) on the app's dark background. Plain PNG written here with
 * node:zlib, so no image tool or external asset is needed. Run: node scripts/make-icons.mjs
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const BACKGROUND = [0x16, 0x18, 0x1c];
const FOREGROUND = [0xe6, 0xe6, 0xe6];

/** Which colour pixel (x, y) of an icon of `size` pixels is (coordinates as fractions). */
function isStrip(x, y, size) {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  if (u < 0.2 || u > 0.8 || v < 0.1 || v > 0.9) return false;
  // Sprocket holes: a column each side, one every 0.1 of the height.
  const inHoleColumn = (u > 0.245 && u < 0.305) || (u > 0.695 && u < 0.755);
  const row = (v - 0.13) / 0.1;
  if (inHoleColumn && row >= 0 && row - Math.floor(row) < 0.45 && v < 0.87) return false;
  // Two frames.
  const inFrameColumn = u > 0.35 && u < 0.65;
  if (inFrameColumn && ((v > 0.16 && v < 0.47) || (v > 0.53 && v < 0.84))) return false;
  return true;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const colour = isStrip(x, y, size) ? FOREGROUND : BACKGROUND;
      raw.set(colour, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size));
}
