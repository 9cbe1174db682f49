/**
 * What the annotations schema cannot check, on a document that passed it: names that must
 * resolve (track and event labels, by name, as the import maps them), order (keyframes and the
 * frame list ascending, once each), frames within the video, event spans, and the audit log:
 * one case's, an intact chain, ending where the file says it ends.
 */
import { verifyChain } from '../evidence/audit';
import type { AnnotationsExport } from './export-json-format';
import { plural, quoteId, quoteName, words, type Problems } from '../json-guard';
import { nameKey } from './imported-annotations';

/**
 * Adds what is wrong to `problems`; the verified audit head when nothing is (null when the
 * audit log was not checked because of other problems, or is broken).
 */
export async function checkIntegrity(
  doc: AnnotationsExport,
  problems: Problems,
): Promise<{ count: number; headHash: string } | null> {
  const labelNames = checkLabels(doc, problems);
  const lastFrame = doc.evidence.frameCount - 1;
  const within = (path: string, frame: number) => {
    if (frame > lastFrame) {
      problems.add(
        `${path} is frame ${words(frame)}, past the video's last frame ` +
          `(${lastFrame < 0 ? 'it has no frames' : `frame ${words(lastFrame)}`}).`,
      );
    }
  };
  doc.tracks.forEach((track, i) => {
    const path = `tracks[${i}]`;
    if (!labelNames.has(track.label)) {
      problems.add(`${path}.label ${quoteName(track.label)} is not one of the file's labels.`);
    }
    if (track.keyframes.length === 0) problems.add(`${path} has no keyframes.`);
    track.keyframes.forEach((k, j) => {
      const previous = track.keyframes[j - 1];
      if (previous && k.frame <= previous.frame) {
        problems.add(
          `${path}.keyframes[${j}] (frame ${k.frame}) does not come after the keyframe ` +
            `before it (frame ${previous.frame}); keyframes must be in frame order, once each.`,
        );
      }
      within(`${path}.keyframes[${j}].frame`, k.frame);
    });
    for (let j = 0; j < track.positions.length && !problems.full; j++) {
      within(`${path}.positions[${j}].frame`, track.positions[j]!.frame);
    }
    const held = track.heldAfterLastKeyframe;
    if (held) {
      if (held.toFrame < held.fromFrame) {
        problems.add(`${path}.heldAfterLastKeyframe ends before it starts.`);
      }
      within(`${path}.heldAfterLastKeyframe.toFrame`, held.toFrame);
    }
  });
  doc.events.forEach((e, i) => {
    if (e.label !== null && !labelNames.has(e.label)) {
      problems.add(`events[${i}].label ${quoteName(e.label)} is not one of the file's labels.`);
    }
    if (e.end.frame < e.start.frame) {
      problems.add(
        `events[${i}] ends (frame ${e.end.frame}) before it starts (frame ${e.start.frame}).`,
      );
    }
    within(`events[${i}].start.frame`, e.start.frame);
    within(`events[${i}].end.frame`, e.end.frame);
  });
  doc.notes.forEach((n, i) => within(`notes[${i}].frame`, n.frame));
  doc.measurements.forEach((m, i) => {
    for (const key of ['frame', 'fromFrame', 'toFrame'] as const) {
      const frame = m[key];
      if (frame !== null) within(`measurements[${i}].${key}`, frame);
    }
  });
  doc.frames.forEach((f, i) => {
    const previous = doc.frames[i - 1];
    if (previous && f.frame <= previous.frame) {
      problems.add(
        `frames[${i}] (frame ${f.frame}) does not come after the one before it ` +
          `(frame ${previous.frame}); frames are listed in order, once each.`,
      );
    }
    within(`frames[${i}].frame`, f.frame);
  });
  checkVideos(doc, problems);
  if (problems.any) return null;
  return checkAudit(doc, problems);
}

/**
 * A case of several videos: each listed once, the reference first and alone, the set's own
 * video among them, and the sync about those videos only.
 */
function checkVideos(doc: AnnotationsExport, problems: Problems): void {
  const { videos, sync } = doc;
  if (!videos || !sync) return;
  const listed = new Set(videos.map((v) => v.sha256));
  if (listed.size < videos.length) problems.add('videos lists a video more than once.');
  if (videos[0]?.role !== 'reference' || videos.slice(1).some((v) => v.role !== 'added')) {
    problems.add('videos must list the reference video first, and only it as the reference.');
  }
  if (!listed.has(doc.evidence.sha256)) {
    problems.add("videos does not list the set's own video (evidence.sha256).");
  }
  if (sync.referenceSha256 !== videos[0]?.sha256) {
    problems.add('sync.referenceSha256 is not the first video of videos.');
  }
  sync.anchors.forEach((a, i) => {
    if (!listed.has(a.a.sha256) || !listed.has(a.b.sha256)) {
      problems.add(`sync.anchors[${i}] refers to a video that videos does not list.`);
    }
  });
}

/** Label names, and attribute names within a label, once each: the import maps by name. */
function checkLabels(doc: AnnotationsExport, problems: Problems): Set<string> {
  const seen = new Map<string, number>();
  doc.labels.forEach((label, i) => {
    const earlier = seen.get(nameKey(label.name));
    if (earlier !== undefined) {
      problems.add(
        `labels[${i}] is called ${quoteName(label.name)}, as labels[${earlier}] is; ` +
          'label names must differ.',
      );
    } else seen.set(nameKey(label.name), i);
    const attributes = new Set<string>();
    label.attributes.forEach((spec, j) => {
      if (attributes.has(nameKey(spec.name))) {
        problems.add(
          `labels[${i}].attributes[${j}] is called ${quoteName(spec.name)}, as another ` +
            `attribute of ${quoteName(label.name)} is; attribute names must differ.`,
        );
      }
      attributes.add(nameKey(spec.name));
    });
  });
  return new Set(doc.labels.map((label) => label.name));
}

async function checkAudit(
  doc: AnnotationsExport,
  problems: Problems,
): Promise<{ count: number; headHash: string } | null> {
  const { entries, count, headHash } = doc.audit;
  entries.forEach((entry, i) => {
    if (entry.caseId !== doc.case.id) {
      problems.add(
        `audit.entries[${i}] belongs to case ${quoteId(entry.caseId)}, not to the file's case ` +
          `${quoteId(doc.case.id)}.`,
      );
    }
    const id = `${entry.caseId}:${entry.seq}`;
    if (entry.id !== id) {
      problems.add(`audit.entries[${i}].id must be ${quoteId(id)}; it is ${quoteId(entry.id)}.`);
    }
  });
  if (problems.any) return null;
  const verdict = await verifyChain(entries);
  if (!verdict.ok) {
    const index = entries.findIndex((e) => e.seq === verdict.brokenAt);
    const at = index === -1 ? '' : ` (audit.entries[${index}])`;
    const entry = verdict.brokenAt >= 0 ? ` at entry ${verdict.brokenAt}${at}` : '';
    problems.add(
      `The audit log is broken${entry}: ${verdict.reason}. ` +
        'The file was changed after it was exported, or is damaged.',
    );
    return null;
  }
  if (verdict.count !== count) {
    problems.add(
      `The audit log has ${plural(verdict.count, 'entry', 'entries')}, but the file says ` +
        `${plural(count, 'entry', 'entries')}: entries were ` +
        `${verdict.count < count ? 'removed from' : 'added to'} its end.`,
    );
    return null;
  }
  if (verdict.headHash !== headHash) {
    problems.add(
      'The audit log does not end with the entry the file says it ends with (audit.headHash): ' +
        'its last entry was replaced.',
    );
    return null;
  }
  return { count, headHash };
}
