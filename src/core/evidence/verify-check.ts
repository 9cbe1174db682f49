/**
 * One check of a verification (verify.ts): what was checked, passed or failed, what that
 * means in plain words, and the values compared. Its own file so the checks of each part
 * (verify.ts, verify-videos.ts) need not import one another.
 */

export type CheckResult = 'passed' | 'failed';
export type CheckGroup = 'package' | 'export' | 'video' | 'frames' | 'audit';

/** One value compared: what the file says it should be, and what was found. */
export interface CheckValue {
  readonly what: string;
  readonly expected: string;
  readonly found: string;
}

export interface VerifyCheck {
  /** Stable id, e.g. "video-sha256", "frame-md5-123", "audit-chain", "file:<path>". */
  readonly id: string;
  readonly group: CheckGroup;
  /** What was checked, e.g. "Frame 123: MD5 of the decoded picture". */
  readonly title: string;
  readonly result: CheckResult;
  /** One or two plain sentences: what passing means here, or what is wrong. */
  readonly says: string;
  readonly values: readonly CheckValue[];
}

export const check = (
  id: string,
  group: CheckGroup,
  title: string,
  passed: boolean,
  says: string,
  values: readonly CheckValue[] = [],
): VerifyCheck => ({ id, group, title, result: passed ? 'passed' : 'failed', says, values });
