import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXERCISE_FORMAT, SUBMISSION_FORMAT } from '../src/core/training/exercise';
import exerciseSchema from '../src/core/schemas/exercise.schema.json';
import submissionSchema from '../src/core/schemas/submission.schema.json';

/** Every source file of the app (tests left out), by path. */
function appSources(dir = 'src'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : appSources(path);
    return /\.(ts|svelte|js)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('generated validators (issue 19: no eval under the Content-Security-Policy)', () => {
  it('are what scripts/build-validators.mjs makes of the schemas now, byte for byte', () => {
    // Exits 1, naming the stale files, if any differs: run the script and commit its output.
    expect(() =>
      execFileSync(process.execPath, ['scripts/build-validators.mjs', '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('are the only validators: the app never imports Ajv itself (types only)', () => {
    const offenders = appSources().filter((path) =>
      /^import (?!type )[^;]*from 'ajv[^']*'/m.test(readFileSync(path, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('check the formats the training readers name', () => {
    expect(exerciseSchema.properties.format.const).toBe(EXERCISE_FORMAT);
    expect(submissionSchema.properties.format.const).toBe(SUBMISSION_FORMAT);
  });
});
