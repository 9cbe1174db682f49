/**
 * The release zip (issue 19): `npm run package` builds the app and runs this on the build.
 *
 *   node scripts/package-release.mjs [buildDir=dist] [outDir=release]
 *
 * Writes <outDir>/framewise-<version>.zip holding one folder, framewise-<version>/, with
 * every file of the build and a SHA256SUMS of them (`sha256sum -c SHA256SUMS` in the unzipped
 * folder checks them), and beside the zip a SHA256SUMS of the zip itself. The folder is the
 * whole app: copy it to any static web server.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

const [buildDir = 'dist', outDir = 'release'] = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const name = `framewise-${version}`;

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function filesUnder(dir) {
  const found = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
/** As sha256sum prints it: the hash, two spaces, the path. */
const sumsOf = (entries) => entries.map(([path, hash]) => `${hash}  ${path}\n`).join('');

const paths = filesUnder(buildDir).filter((path) => path !== 'SHA256SUMS');
if (!paths.includes('index.html')) throw new Error(`${buildDir} holds no index.html: build first`);
const files = {};
const sums = [];
for (const path of paths) {
  const bytes = readFileSync(join(buildDir, path));
  sums.push([path, sha256(bytes)]);
  // Video, pictures and fonts gain little from deflate; the wasm and scripts do.
  const stored = /\.(mp4|png|ttf)$/.test(path);
  files[`${name}/${path}`] = [bytes, { level: stored ? 0 : 6 }];
}
files[`${name}/SHA256SUMS`] = [Buffer.from(sumsOf(sums)), { level: 6 }];

const zip = zipSync(files);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `${name}.zip`), zip);
writeFileSync(join(outDir, 'SHA256SUMS'), sumsOf([[`${name}.zip`, sha256(zip)]]));
console.log(
  `${join(outDir, `${name}.zip`)}: ${paths.length} files, ${(zip.length / 1e6).toFixed(1)} MB`,
);
