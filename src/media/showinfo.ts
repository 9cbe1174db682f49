/** One frame as FFmpeg's showinfo filter logs it. */
export interface ShowinfoFrame {
  /** showinfo's own counter: frames seen by this filter since decoding started. */
  readonly n: number;
  /** null when the decoder gave the frame no timestamp (raw streams). */
  readonly pts: number | null;
  readonly pixelFormat: string;
  readonly width: number;
  readonly height: number;
  readonly key: boolean;
  /** I, P, B, or '' when the decoder does not say (showinfo prints '?'). */
  readonly type: string;
}

const LINE =
  /\bn:\s*(\d+)\s+pts:\s*(-?\d+|NOPTS)\b.*?\bfmt:(\S+).*?\bs:(\d+)x(\d+).*?\biskey:(\d).*?\btype:(\S)/;

/** Reads showinfo's per-frame log lines (other lines are ignored). */
export function parseShowinfo(lines: readonly string[]): ShowinfoFrame[] {
  const frames: ShowinfoFrame[] = [];
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m) continue;
    const type = m[7]!;
    frames.push({
      n: Number(m[1]),
      pts: m[2] === 'NOPTS' ? null : Number(m[2]),
      pixelFormat: m[3]!,
      width: Number(m[4]),
      height: Number(m[5]),
      key: m[6] === '1',
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
