/** One frame as FFmpeg's showinfo filter logs it. */
export interface ShowinfoFrame {
  readonly pts: number;
  readonly pixelFormat: string;
  readonly width: number;
  readonly height: number;
  readonly key: boolean;
  /** I, P, B, or '' when the decoder does not say (showinfo prints '?'). */
  readonly type: string;
}

const LINE =
  /\bn:\s*\d+\s+pts:\s*(-?\d+)\b.*?\bfmt:(\S+).*?\bs:(\d+)x(\d+).*?\biskey:(\d).*?\btype:(\S)/;

/** Reads showinfo's per-frame log lines (other lines are ignored). */
export function parseShowinfo(lines: readonly string[]): ShowinfoFrame[] {
  const frames: ShowinfoFrame[] = [];
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) continue;
    const type = m[6]!;
    frames.push({
      pts: Number(m[1]),
      pixelFormat: m[2]!,
      width: Number(m[3]),
      height: Number(m[4]),
      key: m[5] === '1',
      type: /^[IPB]$/.test(type) ? type : '',
    });
  }
  return frames;
}

/** "ffmpeg version n5.1.4 Copyright …" -> "n5.1.4". */
export function parseFfmpegVersion(lines: readonly string[]): string {
  for (const line of lines) {
    const m = /^ffmpeg version (\S+)/.exec(line.trim());
    if (m) return m[1]!;
  }
  return 'unknown';
}
