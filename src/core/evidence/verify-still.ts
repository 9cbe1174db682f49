/**
 * Verifying a frame still (issue 18: "Verify can check an enhanced still against FFmpeg's"):
 * its sidecar read without trusting it, and the checks in words. A still is checked by its
 * image's SHA-256, its video's SHA-256, its frame's MD5 decoded afresh and, for an enhanced
 * still, FFmpeg's own picture of that frame through the stated filters: its MD5 must be the
 * sidecar's, and the PNG must show it (PSNR, as the RGB conversion may differ slightly).
 */
import { check, type VerifyCheck } from './verify-check';
import { STILL_FORMAT, type FrameStill } from '../exports/frame-still';

/** The least PSNR, in dB, at which an enhanced PNG shows FFmpeg's picture (issue 18). */
export const ENHANCED_MIN_PSNR_DB = 40;

const HEX = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a JSON text is a still's sidecar at all (its format), before reading it. */
export function looksLikeStillSidecar(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) && parsed['format'] === STILL_FORMAT;
  } catch {
    return false;
  }
}

/** A still's sidecar, every field this check relies on checked; or what is wrong, in words. */
export function readStillSidecar(
  text: string,
): { ok: true; still: FrameStill } | { ok: false; problem: string } {
  const fail = (why: string) => ({
    ok: false as const,
    problem: `This is not a readable Framewise still sidecar: ${why}.`,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('it is not JSON');
  }
  if (!isObject(parsed) || parsed['format'] !== STILL_FORMAT) return fail('its format is not');
  if (parsed['version'] !== 1) return fail(`version ${String(parsed['version'])} is not known`);
  const { kind, source, frame, image, enhancement } = parsed;
  if (kind !== 'clean' && kind !== 'annotated' && kind !== 'enhanced') return fail('unknown kind');
  if (!isObject(source) || typeof source['sha256'] !== 'string' || !HEX(64).test(source['sha256']))
    return fail("the video's SHA-256 is missing");
  if (!isObject(frame) || !Number.isInteger(frame['index']) || (frame['index'] as number) < 0)
    return fail('the frame number is missing');
  if (frame['md5'] !== null && (typeof frame['md5'] !== 'string' || !HEX(32).test(frame['md5'])))
    return fail("the frame's MD5 is not an MD5");
  if (!isObject(image) || typeof image['sha256'] !== 'string' || !HEX(64).test(image['sha256']))
    return fail("the image's SHA-256 is missing");
  if (kind === 'enhanced') {
    if (
      !isObject(enhancement) ||
      typeof enhancement['filterChain'] !== 'string' ||
      typeof enhancement['pictureMd5'] !== 'string' ||
      !HEX(32).test(enhancement['pictureMd5'])
    )
      return fail('an enhanced still must say its filter chain and its picture’s MD5');
  }
  return { ok: true, still: parsed as unknown as FrameStill };
}

export function stillImageCheck(still: FrameStill, imageName: string, sha256: string) {
  const passed = sha256 === still.image.sha256;
  return check(
    'still-image-sha256',
    'export',
    `The still's image: SHA-256 of ${imageName}`,
    passed,
    passed
      ? 'The image is the one the sidecar describes, byte for byte.'
      : 'The image is not the one the sidecar describes: it was changed, or it is another still.',
    [{ what: 'SHA-256', expected: still.image.sha256, found: sha256 }],
  );
}

export function stillVideoCheck(still: FrameStill, videoName: string, sha256: string) {
  const passed = sha256 === still.source.sha256;
  return check(
    'video-sha256',
    'video',
    `The video: SHA-256 of ${videoName}`,
    passed,
    passed
      ? `The video is the original the still was made from (${still.source.fileName}).`
      : `This is not the video the still was made from (${still.source.fileName}), or it was changed.`,
    [{ what: 'SHA-256', expected: still.source.sha256, found: sha256 }],
  );
}

export function stillFrameCheck(still: FrameStill, found: string | null, error?: string) {
  const n = still.frame.index;
  const passed = found !== null && found === still.frame.md5;
  return check(
    `frame-md5-${n}`,
    'frames',
    `Frame ${n}: MD5 of the decoded picture`,
    passed,
    error ??
      (passed
        ? 'FFmpeg decodes the same picture from the video today.'
        : 'FFmpeg decodes another picture for this frame number.'),
    [{ what: 'framemd5', expected: still.frame.md5 ?? 'none', found: found ?? 'not decoded' }],
  );
}

/** The chain is refused before it is ever run: `problem` is why (vision's readViewChain). */
export function enhancedChainCheck(still: FrameStill, problem: string | null): VerifyCheck {
  const chain = still.enhancement?.filterChain ?? '';
  return check(
    'enhanced-chain',
    'export',
    'The enhancement: a filter chain Framewise makes',
    problem === null,
    problem ?? `The filters are stated as FFmpeg's own: ${chain}.`,
    [
      {
        what: 'filter chain',
        expected: problem === null ? chain : 'a chain Framewise makes',
        found: chain,
      },
    ],
  );
}

export function enhancedPictureCheck(still: FrameStill, found: string | null, log: string) {
  const n = still.frame.index;
  const expected = still.enhancement?.pictureMd5 ?? '';
  const passed = found === expected;
  return check(
    `enhanced-md5-${n}`,
    'frames',
    `Frame ${n} through the stated filters: FFmpeg's picture`,
    passed,
    passed
      ? 'FFmpeg, running the stated filter chain itself, makes exactly the picture the still was made of.'
      : found === null
        ? `FFmpeg could not apply the filter chain (${log || 'no output'}).`
        : 'FFmpeg, running the stated filter chain, makes another picture: the still was not made as its sidecar says.',
    [{ what: 'framemd5 after the filters', expected, found: found ?? 'none' }],
  );
}

export function enhancedPngCheck(still: FrameStill, psnrDb: number | null) {
  const n = still.frame.index;
  const passed = psnrDb !== null && psnrDb >= ENHANCED_MIN_PSNR_DB;
  const found =
    psnrDb === null
      ? 'not comparable'
      : psnrDb === Infinity
        ? 'identical'
        : `${psnrDb.toFixed(1)} dB`;
  return check(
    `enhanced-png-${n}`,
    'frames',
    `Frame ${n}: the enhanced PNG shows FFmpeg's picture`,
    passed,
    passed
      ? "The PNG's pixels agree with FFmpeg's own PNG of the filtered frame (only the conversion to RGB may differ, slightly)."
      : psnrDb === null
        ? "The PNG and FFmpeg's picture differ in size, or one could not be read."
        : "The PNG's pixels are not FFmpeg's picture of the filtered frame.",
    [{ what: 'PSNR against FFmpeg', expected: `≥ ${ENHANCED_MIN_PSNR_DB} dB`, found }],
  );
}
