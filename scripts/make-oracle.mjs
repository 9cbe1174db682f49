#!/usr/bin/env node
// Writes FILE.oracle.json beside FILE: what native FFmpeg says of every frame of the first
// video stream (pts, key flag, picture type, framemd5), in the same format as the shared
// footage corpus. The e2e suite compares the app against these files.
// Usage: node scripts/make-oracle.mjs FILE [FILE…]   (needs native ffmpeg and ffprobe)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28 });

for (const file of process.argv.slice(2)) {
  const probe = JSON.parse(
    run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_streams',
      '-show_frames',
      '-show_entries',
      'stream=codec_name,width,height,time_base,r_frame_rate,avg_frame_rate:stream_side_data=rotation:frame=best_effort_timestamp,key_frame,pict_type',
      '-of',
      'json',
      file,
    ]),
  );
  const stream = probe.streams[0];
  const md5s = run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-'])
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) =>
      line
        .split(',')
        .map((s) => s.trim())
        .at(-1),
    );
  const [num, den] = stream.time_base.split('/').map(Number);
  // Raw streams have no timestamps: ffprobe reports none, and so does the oracle (null).
  const frames = probe.frames.map((f, index) => ({
    index,
    pts: f.best_effort_timestamp ?? null,
    time: f.best_effort_timestamp === undefined ? null : (f.best_effort_timestamp * num) / den,
    key: f.key_frame,
    type: f.pict_type,
    md5: md5s[index],
  }));
  if (md5s.length !== frames.length)
    throw new Error(`${file}: ${md5s.length} md5s for ${frames.length} frames`);
  const rotation = stream.side_data_list?.find((d) => 'rotation' in d)?.rotation ?? null;
  const oracle = {
    file: file.split('/').at(-1),
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    bytes: statSync(file).size,
    codec: stream.codec_name,
    width: stream.width,
    height: stream.height,
    time_base: stream.time_base,
    r_frame_rate: stream.r_frame_rate,
    avg_frame_rate: stream.avg_frame_rate,
    rotation,
    frame_count: frames.length,
    generator: run('ffmpeg', ['-version']).split('\n')[0],
    frames,
  };
  writeFileSync(`${file}.oracle.json`, JSON.stringify(oracle, null, 1) + '\n');
  console.log(`wrote ${file}.oracle.json (${frames.length} frames)`);
}
