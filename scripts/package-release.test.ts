import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('npm run package (scripts/package-release.mjs)', () => {
  it('zips a build with a SHA256SUMS inside and beside that sha256sum -c accepts', () => {
    const root = mkdtempSync(join(tmpdir(), 'framewise-package-'));
    try {
      const build = join(root, 'build');
      const files: Record<string, string> = {
        'index.html': '<!doctype html><title>Framewise</title>',
        'assets/index-abc.js': 'console.log(1);',
        'assets/ffmpeg-core.wasm': '\0asm',
        'sample/framewise-sample.mp4': 'not really a video',
        'sw.js': 'self;',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(build, path)), { recursive: true });
        writeFileSync(join(build, path), text);
      }
      const out = join(root, 'release');
      execFileSync('node', ['scripts/package-release.mjs', build, out]);

      const name = `framewise-${version}`;
      // Beside the zip: its own checksum.
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out });
      const unzipped = unzipSync(readFileSync(join(out, `${name}.zip`)));
      expect(Object.keys(unzipped).sort()).toEqual(
        [...Object.keys(files), 'SHA256SUMS'].map((p) => `${name}/${p}`).sort(),
      );
      const folder = join(root, 'unzipped');
      for (const [path, bytes] of Object.entries(unzipped)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), bytes);
      }
      // Inside: every file of the build, checked as a person would check it.
      const report = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
        cwd: join(folder, name),
        encoding: 'utf8',
      });
      expect(report.trim().split('\n').sort()).toEqual(
        Object.keys(files)
          .map((p) => `${p}: OK`)
          .sort(),
      );
      // A changed file is caught.
      writeFileSync(join(folder, name, 'sw.js'), 'changed');
      expect(() =>
        execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], {
          cwd: join(folder, name),
          stdio: 'pipe',
        }),
      ).toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
