#!/usr/bin/env node
/**
 * The truth of the synchronisation footage (scripts/make-sync-clips.sh calls this), checked
 * against the encoded files before it is written: every frame's pts (ffprobe) is k / fps on
 * the clip's own clock, every decoded frame's bar code reads the scene millisecond the truth
 * gives it, and every bang the clip hears starts in its decoded PCM within 2 ms of the truth.
 *
 *   node scripts/sync-clips-truth.mjs <out dir> <dir of *.encode/*.pcm command lines>
 *        "<bang scene times>" "<name fps frames S0 K>"...
 *
 * Conventions (src/core/sync): t_video is a frame's pts in seconds minus the file's start
 * time; the case timeline is A's clock (t_case = rate x t_video + offset, A rate 1 offset 0);
 * frame i shows the instants [t_i, t_(i+1)), the last frame [t_last, t_last + 1 / fps).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [outDir, cmdDir, bangList, ...cameraArgs] = process.argv.slice(2);
if (!outDir || !cmdDir || !bangList || cameraArgs.length === 0) {
  console.error(
    'usage: sync-clips-truth.mjs <out> <cmd dir> "<bangs>" "<name fps frames S0 K>"...',
  );
  process.exit(2);
}
const BANGS = bangList.split(/\s+/).map(Number);
const CASE_INSTANTS = [3.0, 5.5, 7.77, 9.0];
const [W, H] = [320, 180];
const BANG_LENGTH_S = 0.03;

const run = (cmd, args, options = {}) => {
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, ...options });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
};
/** "1/1.001" → 0.999000999… (ffmpeg's expression divides t by 1.001: the same to an ulp). */
const evalRatio = (text) =>
  text
    .split('/')
    .map(Number)
    .reduce((a, b) => a / b);
const fail = (message) => {
  throw new Error(`truth check failed: ${message}`);
};

/**
 * The frame whose display interval holds t (the rule of src/core/sync/timeline-map.ts, with its
 * 1 ns allowance: (7.77 - 1.37) is 6.3999999999999995 in floating point, and is B's frame 192
 * at 6.4 s, not frame 191).
 */
const SNAP_S = 1e-9;
function frameAt(times, lastDuration, t) {
  if (t < times[0] - SNAP_S || t >= times.at(-1) + lastDuration - SNAP_S) return null;
  let [lo, hi] = [0, times.length - 1];
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t + SNAP_S) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const cameras = cameraArgs.map((arg) => {
  const [name, fps, frames, s0, k] = arg.split(/\s+/);
  return {
    name,
    fps: Number(fps),
    frames: Number(frames),
    s0: Number(s0),
    kText: k,
    k: evalRatio(k),
  };
});
const reference = cameras[0];

const clips = cameras.map((cam) => {
  const file = `${cam.name}.mp4`;
  const path = `${outDir}/${file}`;
  const probe = JSON.parse(
    run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=time_base:format=start_time:frame=pts',
      '-of',
      'json',
      path,
    ]).toString(),
  );
  const [num, den] = probe.streams[0].time_base.split('/').map(Number);
  const start = Number(probe.format.start_time);
  const framePts = probe.frames.map((f) => f.pts);
  if (framePts.length !== cam.frames)
    fail(`${file} has ${framePts.length} frames, not ${cam.frames}`);
  const times = framePts.map((p) => (p * num) / den - start);
  times.forEach((t, i) => {
    if (Math.abs(t - i / cam.fps) > 1e-9)
      fail(`${file} frame ${i} is at ${t} s, not ${i}/${cam.fps}`);
  });
  const sceneOf = (t) => cam.s0 + cam.k * t;

  // Every frame's bar code reads round(1000 s) of the scene time the truth gives it.
  const gray = run('ffmpeg', [
    '-v',
    'error',
    '-i',
    path,
    '-map',
    '0:0',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'gray',
    '-',
  ]);
  for (let i = 0; i < cam.frames; i++) {
    let ms = 0;
    for (let bit = 0; bit < 14; bit++) {
      const x = 22 + (13 - bit) * 20 + 8;
      if (gray[i * W * H + 162 * W + x] > 128) ms += 2 ** bit;
    }
    const expected = Math.round(sceneOf(times[i]) * 1000);
    if (Math.abs(ms - expected) > 1)
      fail(`${file} frame ${i} reads ${ms} ms, truth ${expected} ms`);
  }

  // t_case = t_A = (s - S0_A) / K_A, and s = S0 + K t_video.
  const rate = cam.k / reference.k;
  const offset = (cam.s0 - reference.s0) / reference.k;
  const duration = cam.frames / cam.fps;
  const pcm = readFileSync(`${path}.s16le`);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
  const bangs = BANGS.map((scene) => {
    const video = (scene - cam.s0) / cam.k;
    const frame = frameAt(times, 1 / cam.fps, video);
    if (frame === null || video + BANG_LENGTH_S > duration) return { scene_s: scene, heard: false };
    // Onset in the decoded sound: the first sample above 0.1 of full scale near the truth.
    let onset = null;
    for (let n = Math.round((video - 0.05) * 16000); n < (video + 0.05) * 16000; n++) {
      if (Math.abs(samples[n]) > 3277) {
        onset = n / 16000;
        break;
      }
    }
    if (onset === null || Math.abs(onset - video) > 0.002) {
      fail(`${file}: bang at scene ${scene} s not heard at ${video} s (found ${onset})`);
    }
    return {
      scene_s: scene,
      heard: true,
      video_s: round(video, 6),
      frame,
      frame_seconds: round(times[frame], 6),
      decoded_onset_s: round(onset, 6),
    };
  });
  const instants = CASE_INSTANTS.map((tCase) => {
    const video = (tCase - offset) / rate;
    const frame = frameAt(times, 1 / cam.fps, video);
    return frame === null
      ? { case_s: tCase, video_s: round(video, 6), outside: true }
      : {
          case_s: tCase,
          video_s: round(video, 6),
          frame,
          delta_ms: round((times[frame] - video) * 1000, 3),
        };
  });
  const command = (ext) => readFileSync(`${cmdDir}/${cam.name}.${ext}`, 'utf8').trim();
  return {
    file,
    fps: cam.fps,
    frame_count: cam.frames,
    duration_s: duration,
    time_base: `${num}/${den}`,
    start_time_s: start,
    frame_pts: framePts,
    scene_s_at_frame_0: cam.s0,
    scene_seconds_per_video_second: cam.kText,
    rate,
    offset_s: offset,
    bangs,
    instants,
    pcm: `${file}.s16le`,
    pcm_duration_s: samples.length / 16000,
    commands: { encode: command('encode'), pcm: command('pcm') },
  };
});

/**
 * The frames of the reference and of the drifting camera (the last) showing the first and last
 * bang that camera hears; the script chose the bangs so that these start within 0.3 ms of each
 * other in scene time (checked here), which makes anchors between them exact.
 */
function exactPairs() {
  const [ref, drifting] = [clips[0], clips.at(-1)];
  const [refCam, cam] = [cameras[0], cameras.at(-1)];
  const heard = drifting.bangs.filter((b) => b.heard);
  return [heard[0], heard.at(-1)].map((bang) => {
    const i = ref.bangs.findIndex((b) => b.scene_s === bang.scene_s);
    const refFrame = ref.bangs[i].frame;
    const sceneRef = refCam.s0 + (refCam.k * refFrame) / refCam.fps;
    const sceneOther = cam.s0 + (cam.k * bang.frame) / cam.fps;
    if (Math.abs(sceneRef - sceneOther) > 0.0003) {
      fail(`bang at ${bang.scene_s} s: frames ${refFrame} and ${bang.frame} start apart`);
    }
    return {
      bang_scene_s: bang.scene_s,
      [ref.file]: { frame: refFrame, scene_s: round(sceneRef, 6) },
      [drifting.file]: { frame: bang.frame, scene_s: round(sceneOther, 6) },
    };
  });
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const truth = {
  about:
    'One scene filmed by three cameras (scripts/make-sync-clips.sh). Camera frame k and sound at its own time t show scene time s = scene_s_at_frame_0 + scene_seconds_per_video_second x t. t_video = pts x time_base - start_time_s; t_case = rate x t_video + offset_s with A the reference (t_case = scene time). Frame i shows the instants [t_i, t_(i+1)); delta_ms = frame time - instant.',
  scene: {
    duration_s: 14,
    bangs_scene_s: BANGS,
    bang: '30 ms of 0.5 sin(2 pi 1000 s) + 0.5 uniform noise, times 0.8 exp(-(s - b) / 0.01); background 0.003 uniform noise',
    square: 'white 24 x 24 px, top-left x = 20 s - 20, y = 70 + 30 sin(2 pi s / 5)',
    bar_code:
      'round(1000 s) in 14 bits, bit i a white 16 x 16 px box at x = 22 + 20 (13 - i), y = 154',
  },
  exact_anchor_pairs: exactPairs(),
  pcm: 'each clip.s16le: the clip sound as Framewise decodes it, by native FFmpeg (see commands.pcm): mono s16le 16 kHz, sample n at n / 16000 s of t_video',
  verified:
    'every frame pts = k / fps (ffprobe), every frame bar code = round(1000 s) +-1 ms, every heard bang onset in the PCM within 2 ms (decoded_onset_s)',
  clips,
};
writeFileSync(`${outDir}/sync.truth.json`, `${JSON.stringify(truth, null, 2)}\n`);
console.log(`${outDir}/sync.truth.json: verified`);
