/**
 * The video files Framewise offers to open from the operating system (the web app manifest's
 * `file_handlers`, issue 19). "Open video" itself takes any file and lets FFmpeg say whether
 * it can read it; this list is what the system is told to hand over: the containers and raw
 * streams of CCTV, bodycam and phone footage that the test corpus covers.
 */
export const VIDEO_FILE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'video/mp4': ['.mp4', '.m4v'],
  'video/quicktime': ['.mov'],
  'video/x-msvideo': ['.avi'],
  'video/x-matroska': ['.mkv'],
  'video/webm': ['.webm'],
  'video/mp2t': ['.ts', '.mts', '.m2ts'],
  'video/mpeg': ['.mpg', '.mpeg'],
  'video/x-flv': ['.flv'],
  'video/x-ms-asf': ['.asf', '.wmv'],
  'video/3gpp': ['.3gp'],
  // Dahua DVR exports and raw elementary streams (no container).
  'video/x-dav': ['.dav'],
  'video/h264': ['.h264', '.264'],
  'video/h265': ['.h265', '.265', '.hevc'],
};

/** Every extension above, lower case with its dot. */
export const VIDEO_EXTENSIONS: readonly string[] = Object.values(VIDEO_FILE_TYPES).flat();

/** Whether a file's name ends in one of the extensions handed over by the system. */
export function isVideoFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && VIDEO_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}
