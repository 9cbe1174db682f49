import { describe, expect, it } from 'vitest';
import { appendEntries, entriesForCommand } from '../evidence/audit';
import { createTrack } from '../annotations/commands';
import { applyCommand, emptyDocument, type Command } from '../annotations/history';
import { DEFAULT_LABELS } from '../annotations/model';
import { buildAnnotationsExport } from '../exports/export-json';
import { at, box, TEST_CASE, TEST_EVIDENCE, TEST_NOW, TEST_SET } from '../test-support';
import {
  EXERCISE_FORMAT,
  referenceDigest,
  SUBMISSION_FORMAT,
  trainingFileText,
  type Exercise,
  type Submission,
} from './exercise';
import { readExercise, readSubmission } from './training-read';

/** A trainee's set: one box, made and audited as the app makes it. */
async function traineeExport(x = 10) {
  let doc = emptyDocument(DEFAULT_LABELS);
  const command: Command = createTrack(doc, {
    caseId: TEST_CASE.id,
    setId: TEST_SET.id,
    label: DEFAULT_LABELS[0]!,
    at: at(3),
    shape: box(x, 20, 100, 50),
    now: TEST_NOW,
  });
  doc = applyCommand(doc, command);
  const audit = await appendEntries(
    null,
    entriesForCommand(command, {
      caseId: TEST_CASE.id,
      at: TEST_NOW,
      examiner: 'K. Trainee',
      appVersion: '0.1.0',
      kind: 'do',
    }),
  );
  const annotations = buildAnnotationsExport({
    evidence: TEST_EVIDENCE,
    caseRecord: TEST_CASE,
    annotationSet: TEST_SET,
    document: doc,
    generator: { name: 'Framewise', version: '0.1.0' },
    decoder: { name: 'FFmpeg', version: '0.12.10' },
    audit,
    now: TEST_NOW,
    framePts: (frame) => frame * 512,
    frameMd5: () => null,
  });
  return { doc, annotations };
}

const { doc: REFERENCE, annotations: ANNOTATIONS } = await traineeExport();

const EXERCISE: Exercise = {
  format: EXERCISE_FORMAT,
  version: 1,
  exerciseId: 'ex-1',
  title: 'Car park',
  instructions: 'Box every vehicle.',
  video: { sha256: TEST_EVIDENCE.sha256, fileName: TEST_EVIDENCE.fileName, frameCount: 300 },
  labels: DEFAULT_LABELS,
  span: { firstFrame: 0, lastFrame: 99 },
  reference: {
    name: 'Set 1',
    sha256: await referenceDigest({
      tracks: [...REFERENCE.tracks.values()],
      events: [...REFERENCE.events.values()],
    }),
  },
  createdBy: 'T. Rainer',
  createdAt: TEST_NOW,
  generator: { name: 'Framewise', version: '0.1.0' },
};
const EXERCISE_TEXT = trainingFileText(EXERCISE);
const EXERCISE_SHA = (await readExercise(EXERCISE_TEXT)).ok
  ? ((await readExercise(EXERCISE_TEXT)) as { sha256: string }).sha256
  : '';

const submission = (edit: Partial<Submission> = {}): string =>
  trainingFileText({
    format: SUBMISSION_FORMAT,
    version: 1,
    exerciseId: 'ex-1',
    exerciseSha256: EXERCISE_SHA,
    video: { sha256: TEST_EVIDENCE.sha256 },
    examiner: { name: 'K. Trainee', role: 'trainee' },
    submittedAt: TEST_NOW,
    annotations: ANNOTATIONS,
    ...edit,
  });

const problems = (read: { ok: boolean; problems?: readonly string[] }) =>
  read.ok ? [] : (read.problems ?? []);

describe('exercises', () => {
  it('round-trips, with the SHA-256 of the file read', async () => {
    const read = await readExercise(EXERCISE_TEXT);
    expect(read.ok && read.exercise).toEqual(EXERCISE);
    expect(EXERCISE_SHA).toMatch(/^[0-9a-f]{64}$/);
  });

  it('digests the reference by content: any edit changes it, the order of records does not', async () => {
    const tracks = [...REFERENCE.tracks.values()];
    const same = await referenceDigest({ tracks: [...tracks].reverse(), events: [] });
    expect(same).toBe(EXERCISE.reference.sha256);
    const moved = tracks.map((t) => ({
      ...t,
      keyframes: t.keyframes.map((k) => ({ ...k, shape: box(11, 20, 100, 50) })),
    }));
    expect(await referenceDigest({ tracks: moved, events: [] })).not.toBe(
      EXERCISE.reference.sha256,
    );
  });

  it('refuses what is not an exercise, in words', async () => {
    expect(problems(await readExercise('{"format":"framewise.annotations"}'))[0]).toMatch(
      /not a Framewise exercise/,
    );
    expect(problems(await readExercise('{not json'))[0]).toBeTruthy();
    expect(problems(await readExercise('')).join()).toMatch(/empty/);
    const extra = JSON.stringify({ ...EXERCISE, script: '<script>' });
    expect(problems(await readExercise(extra))[0]).toMatch(
      /not a Framewise exercise as Framewise writes it/,
    );
    const backwards = JSON.stringify({ ...EXERCISE, span: { firstFrame: 9, lastFrame: 2 } });
    expect(problems(await readExercise(backwards))[0]).toMatch(/end before they start/);
    expect(problems(await readExercise('['.repeat(100)))[0]).toMatch(/levels deep/);
  });
});

describe('submissions', () => {
  it('reads a submission for this exercise, its annotations verified', async () => {
    const read = await readSubmission(submission(), EXERCISE, EXERCISE_SHA);
    expect(problems(read)).toEqual([]);
    expect(read.ok && read.annotations.tracks).toHaveLength(1);
    expect(read.ok && read.annotations.audit.count).toBe(1);
  });

  it('refuses another video, another exercise, another version, no examiner', async () => {
    const other = 'f'.repeat(64);
    expect(
      problems(
        await readSubmission(submission({ video: { sha256: other } }), EXERCISE, EXERCISE_SHA),
      )[0],
    ).toBe(
      `This submission is for another video: its video has SHA-256 ${other}, the exercise's video (${TEST_EVIDENCE.fileName}) has ${TEST_EVIDENCE.sha256}.`,
    );
    expect(
      problems(await readSubmission(submission({ exerciseId: 'ex-2' }), EXERCISE, EXERCISE_SHA))[0],
    ).toMatch(/another exercise/);
    expect(problems(await readSubmission(submission(), EXERCISE, other))[0]).toMatch(
      /another version of this exercise/,
    );
    const nobody = submission({ examiner: { name: ' ', role: '' } });
    expect(problems(await readSubmission(nobody, EXERCISE, EXERCISE_SHA))[0]).toMatch(
      /names no examiner/,
    );
  });

  it('refuses annotations whose audit chain was tampered with, or that are not a submission', async () => {
    const json = JSON.parse(submission()) as {
      annotations: { audit: { entries: { examiner: string }[] } };
    };
    json.annotations.audit.entries[0]!.examiner = 'Someone else';
    const read = await readSubmission(JSON.stringify(json), EXERCISE, EXERCISE_SHA);
    expect(problems(read).join(' ')).toMatch(/^Its annotations: /);
    expect(problems(await readSubmission(EXERCISE_TEXT, EXERCISE, EXERCISE_SHA))[0]).toMatch(
      /not a Framewise submission/,
    );
    expect(
      problems(await readSubmission('{"format":"framewise.submission"', EXERCISE, EXERCISE_SHA))[0],
    ).toBeTruthy();
  });
});
