import { describe, expect, it } from 'vitest';
import { parseFfmpegVersion, parseShowinfo } from './showinfo';

describe('showinfo log parsing', () => {
  it('reads pts, format, size, key flag and picture type of each frame', () => {
    const lines = [
      "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/in/a.mp4':",
      '[Parsed_showinfo_1 @ 0x1a2b] n:   0 pts:  25600 pts_time:2       duration:    512 duration_time:0.04    pos:    48 fmt:yuv420p sar:1/1 s:704x576 i:P iskey:1 type:I checksum:0A1B2C3D plane_checksum:[1 2 3] mean:[1 2 3] stdev:[1 2 3]',
      '[Parsed_showinfo_1 @ 0x1a2b] n:   1 pts:  26112 pts_time:2.04    duration:    512 duration_time:0.04    pos:    -1 fmt:yuvj422p sar:1/1 s:640x480 i:P iskey:0 type:B checksum:0A1B2C3D plane_checksum:[1 2 3]',
      '[Parsed_showinfo_1 @ 0x1a2b] n:   2 pts:  -512 pts_time:-0.04 duration: 512 pos: 1 fmt:gray sar:0/1 s:2x2 i:P iskey:0 type:? checksum:0',
    ];
    lines.push(
      // As the browser core prints it with checksum=0: no filter-name prefix, no checksums.
      'n: 299 pts: 153088 pts_time:9.96667 pos:  4998007 fmt:yuv420p sar:1/1 s:1920x1080 i:P iskey:0 type:P ',
      'n:   3 pts:  NOPTS pts_time:NOPTS pos: 100 fmt:yuv420p sar:1/1 s:2x2 i:P iskey:0 type:B ',
    );
    expect(parseShowinfo(lines)).toEqual([
      { n: 0, pts: 25600, pixelFormat: 'yuv420p', width: 704, height: 576, key: true, type: 'I' },
      { n: 1, pts: 26112, pixelFormat: 'yuvj422p', width: 640, height: 480, key: false, type: 'B' },
      { n: 2, pts: -512, pixelFormat: 'gray', width: 2, height: 2, key: false, type: '' },
      {
        n: 299,
        pts: 153088,
        pixelFormat: 'yuv420p',
        width: 1920,
        height: 1080,
        key: false,
        type: 'P',
      },
      { n: 3, pts: null, pixelFormat: 'yuv420p', width: 2, height: 2, key: false, type: 'B' },
    ]);
  });

  it('reads the decoder version', () => {
    expect(parseFfmpegVersion(['ffmpeg version n5.1.4 Copyright (c) 2000-2023'])).toBe('n5.1.4');
    expect(parseFfmpegVersion([])).toBe('unknown');
  });
});
