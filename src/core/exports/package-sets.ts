/**
 * Where an evidence package puts the annotation sets of its case other than the one on screen
 * (whose exports are under annotations/ and events/): each one's native JSON export at
 * `sets/<video>/<set>.framewise.json`, the video's and the set's names made safe for every file
 * system (export-json.ts safeNamePart). manifest.json names each file's set and video
 * (evidence-package.ts PackageOtherSet), so a name changed on the way is no loss.
 *
 * Names never clash, even differing only in case (a package refuses that): a video whose
 * folder name is taken by an earlier one gets the start of its SHA-256 added
 * ("cam.mp4.1a2b3c4d"), as stills do (case-video-roles.ts distinctVideoNames); a set whose
 * name is taken in its folder gets the start of its id ("Set 1.3f2e0c9a.framewise.json").
 */
import { distinctVideoNames } from '../annotations/case-video-roles';
import type { AnnotationSet } from '../annotations/model';
import { safeNamePart } from './export-json';

export const SETS_FOLDER = 'sets';
export const SET_FILE_SUFFIX = 'framewise.json';

/** Characters of a video's or set's name kept in a path segment (with room for what is added). */
const MAX_PART = 120;

const part = (text: string, fallback: string): string => {
  const short = [...safeNamePart(text)].slice(0, MAX_PART).join('');
  // A folder's name may not end with a dot or space (Windows drops them).
  return short.replace(/[ .]+$/, '') || fallback;
};

/** The first of the names not yet taken (compared without case), which it then takes. */
function firstFree(taken: Set<string>, names: readonly string[]): string {
  const name = names.find((n) => !taken.has(n.toLowerCase())) ?? names.at(-1)!;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The package path of each set but `shownSetId`, in case order of their videos (`videos`:
 * the case's, first first), each video's sets oldest first. A set of a video the case does not
 * list (none should be) is still given one, in a folder named by its SHA-256, never left out.
 */
export function otherSetPaths(
  videos: readonly { readonly sha256: string; readonly fileName: string }[],
  sets: readonly AnnotationSet[],
  shownSetId: string | null,
): { set: AnnotationSet; path: string }[] {
  const others = sets.filter((s) => s.id !== shownSetId);
  const order = [
    ...new Set([...videos.map((v) => v.sha256), ...others.map((s) => s.evidenceSha256)]),
  ];
  const named = distinctVideoNames(videos);
  const folders = new Set<string>();
  const paths: { set: AnnotationSet; path: string }[] = [];
  for (const sha256 of order) {
    const ofVideo = others
      .filter((s) => s.evidenceSha256 === sha256)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    if (ofVideo.length === 0) continue;
    const base = part(named.get(sha256) ?? sha256, 'video');
    const folder = firstFree(folders, [base, `${base}.${sha256.slice(0, 8)}`, sha256]);
    const files = new Set<string>();
    for (const set of ofVideo) {
      const name = part(set.name, 'set');
      const id = set.id.replace(/^set_/, '');
      const file = firstFree(files, [name, `${name}.${id.slice(0, 8)}`, `${name}.${id}`]);
      paths.push({ set, path: `${SETS_FOLDER}/${folder}/${file}.${SET_FILE_SUFFIX}` });
    }
  }
  return paths;
}
