import { describe, expect, it } from 'vitest';
import { VIDEO_EXTENSIONS, VIDEO_FILE_TYPES, isVideoFileName } from './video-file-types';

describe('video file types handed over by the system', () => {
  it('lists the containers and streams of the issue, each once', () => {
    for (const ext of ['.mp4', '.m4v', '.mov', '.avi', '.mkv', '.webm', '.ts', '.mts']) {
      expect(VIDEO_EXTENSIONS).toContain(ext);
    }
    for (const ext of ['.dav', '.h264', '.264']) expect(VIDEO_EXTENSIONS).toContain(ext);
    expect(new Set(VIDEO_EXTENSIONS).size).toBe(VIDEO_EXTENSIONS.length);
  });

  it('covers every container of the test corpus', () => {
    for (const ext of ['.asf', '.flv', '.mpg', '.hevc']) expect(VIDEO_EXTENSIONS).toContain(ext);
  });

  it('is written as the manifest wants it: MIME type to dotted lower-case extensions', () => {
    for (const [type, extensions] of Object.entries(VIDEO_FILE_TYPES)) {
      expect(type).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
      for (const ext of extensions) expect(ext).toMatch(/^\.[a-z0-9]+$/);
    }
  });

  it('knows a video file by its name, whatever the case of its extension', () => {
    expect(isVideoFileName('CAM01_2026-12-06.DAV')).toBe(true);
    expect(isVideoFileName('clip.Mp4')).toBe(true);
    expect(isVideoFileName('notes.txt')).toBe(false);
    expect(isVideoFileName('.mp4')).toBe(false);
    expect(isVideoFileName('mp4')).toBe(false);
  });
});
