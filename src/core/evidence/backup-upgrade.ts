/**
 * Reading older backups, a step per version, so a backup restores to the same records
 * whichever version wrote it:
 * - version 1 (from before annotation sets): each case's annotations become its first set, as
 *   the database upgrade does (core/annotation-sets.ts);
 * - version 2 (from before the DVR clock's uncertainty and zone): a case's calibration was a
 *   reading without a tick, zone not recorded (time/clock-calibration.ts), as database
 *   version 11 has it;
 * - version 3 (from before measurement): no scene calibrations or measurements, as database
 *   version 12 has it;
 * - version 4 (from before several videos per case): a case has no added video and no
 *   synchronisation, each set is of its case's video, as database version 13 has it.
 *
 * It runs before the schema check, on JSON nobody has checked yet: it only adds to records
 * that have the shape it expects and leaves anything else as it is, for the schema to refuse
 * with a path. It never changes its input.
 */
import { firstSetOf, historyIntoFirstSet, intoFirstSet } from '../annotations/annotation-sets';
import { calibrationBeforeUncertainty } from '../time/clock-calibration';
import { EMPTY_SYNC } from '../sync/model';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const hasCaseId = (value: unknown): value is Json & { caseId: string } =>
  isObject(value) && typeof value.caseId === 'string';

/** Each record with a case id joins its case's first set; others are left for the schema. */
const joined = (list: unknown): unknown =>
  Array.isArray(list) ? list.map((item) => (hasCaseId(item) ? intoFirstSet(item) : item)) : list;

/** The backup brought up to the current version; a current one (or not a backup) as it is. */
export function upgradeBackup(backup: Json): Json {
  return upgradeBackupV4(upgradeBackupV3(upgradeBackupV2(upgradeBackupV1(backup))));
}

/** A version 5 backup holding what the version 4 backup holds: one video per case. */
function upgradeBackupV4(backup: Json): Json {
  if (backup.version !== 4 || !isObject(backup.records)) return backup;
  const { records } = backup;
  const cases = Array.isArray(records.cases) ? records.cases : [];
  const videoOf = new Map<unknown, unknown>(
    cases.filter(isObject).map((c) => [c.id, c.evidenceSha256]),
  );
  return {
    ...backup,
    version: 5,
    records: {
      ...records,
      cases: Array.isArray(records.cases)
        ? records.cases.map((c: unknown) =>
            isObject(c) ? { addedVideos: [], sync: EMPTY_SYNC, ...c } : c,
          )
        : records.cases,
      sets: Array.isArray(records.sets)
        ? records.sets.map((set: unknown) =>
            hasCaseId(set) && videoOf.has(set.caseId)
              ? { ...set, evidenceSha256: videoOf.get(set.caseId) }
              : set,
          )
        : records.sets,
    },
  };
}

/** A version 4 backup holding what the version 3 backup holds: no calibrations, measurements. */
function upgradeBackupV3(backup: Json): Json {
  if (backup.version !== 3 || !isObject(backup.records)) return backup;
  return {
    ...backup,
    version: 4,
    records: { calibrations: [], measurements: [], ...backup.records },
  };
}

/** A version 3 backup holding what the version 2 backup holds; other values unchanged. */
function upgradeBackupV2(backup: Json): Json {
  if (backup.version !== 2 || !isObject(backup.records)) return backup;
  const { records } = backup;
  return {
    ...backup,
    version: 3,
    records: {
      ...records,
      cases: Array.isArray(records.cases)
        ? records.cases.map((c: unknown) =>
            isObject(c) ? { ...c, clock: calibrationBeforeUncertainty(c.clock) } : c,
          )
        : records.cases,
    },
  };
}

/** A version 2 backup holding what the version 1 backup holds; other values unchanged. */
function upgradeBackupV1(backup: Json): Json {
  if (backup.version !== 1 || !isObject(backup.records)) return backup;
  const { records } = backup;
  const { history, ...rest } = records;
  const creators = creatorsOf(records.audit);
  const examiner = examinerSetting(records.settings);
  const cases = Array.isArray(records.cases) ? records.cases : [];
  const sets = cases
    .filter(
      (
        c,
      ): c is Json & {
        id: string;
        evidenceSha256: string;
        createdAt: string;
        modifiedAt: string;
      } =>
        isObject(c) &&
        typeof c.id === 'string' &&
        typeof c.evidenceSha256 === 'string' &&
        typeof c.createdAt === 'string' &&
        typeof c.modifiedAt === 'string',
    )
    .map((c) => firstSetOf(c, creators.get(c.id), examiner));
  return {
    ...backup,
    version: 2,
    records: {
      ...rest,
      // Cases had no clock calibration then (the same step as database version 10).
      cases: Array.isArray(records.cases)
        ? records.cases.map((c: unknown) => (isObject(c) ? { clock: null, ...c } : c))
        : records.cases,
      sets,
      tracks: joined(records.tracks),
      events: joined(records.events),
      notes: joined(records.notes),
      // Histories join the first set, and so do the records their commands hold.
      histories: Array.isArray(history)
        ? (joined(history) as unknown[]).map((h) => (isObject(h) ? historyIntoFirstSet(h) : h))
        : history,
      deletions: [],
    },
  };
}

/** Who created each case: the examiner of its first audit entry (seq 0). */
function creatorsOf(audit: unknown): Map<string, string> {
  const creators = new Map<string, string>();
  if (!Array.isArray(audit)) return creators;
  for (const entry of audit) {
    if (hasCaseId(entry) && entry.seq === 0 && typeof entry.examiner === 'string') {
      creators.set(entry.caseId, entry.examiner);
    }
  }
  return creators;
}

/** The examiner named in the backed-up browser, for cases whose log says nothing. */
function examinerSetting(settings: unknown): string {
  if (!Array.isArray(settings)) return '';
  const setting: unknown = settings.find((s) => isObject(s) && s.key === 'examiner');
  return isObject(setting) && typeof setting.value === 'string' ? setting.value : '';
}
