#!/usr/bin/env bash
# Makes the e2e fixtures that are not copied from elsewhere, and every fixture's oracle.
# Needs native ffmpeg. Outputs are committed; the tests never run this.
set -euo pipefail
cd "$(dirname "$0")/.."
fx=tests/fixtures
mkdir -p "$fx"
cp public/sample/framewise-sample.mp4 "$fx/framewise-sample.mp4"
# MPEG-TS, H.264 with B-frames, timestamps starting at 1.4 s (the muxer's default offset):
# frame 0 is not pts 0, and decode order differs from display order.
ffmpeg -hide_banner -v error -y -i public/sample/framewise-sample.mp4 -t 3 \
  -vf scale=320:180 -c:v libx264 -preset fast -crf 30 -g 25 -bf 3 -an \
  -f mpegts "$fx/ts-bframes-offset.ts"
node scripts/make-oracle.mjs "$fx/framewise-sample.mp4" "$fx/ts-bframes-offset.ts"

# The shared footage corpus (DVR, bodycam and phone clips, bad inputs) with its native-FFmpeg
# oracles, copied so the tests need nothing outside the repo.
corpus=tests/fixtures/corpus
mkdir -p "$corpus"
cp ../shared/footage/*.mp4 ../shared/footage/*.mkv ../shared/footage/*.avi ../shared/footage/*.ts \
  ../shared/footage/*.m4a ../shared/footage/*.oracle.json "$corpus/"
chmod u+w "$corpus"/*
# What native FFmpeg decodes of the file cut short (175 of its 300 frames).
node scripts/make-oracle.mjs "$corpus/bad-truncated.mp4"
# Header only: the complete MP4 header (moov) of the CCTV clip and none of its frame data.
first_packet=$(ffprobe -v error -select_streams v:0 -read_intervals '%+#1' \
  -show_entries packet=pos -of csv=p=0 "$corpus/cctv-d1-h264.mp4")
head -c "$first_packet" "$corpus/cctv-d1-h264.mp4" > "$fx/bad-header-only.mp4"
# A codec FFmpeg 5.1 in the browser cannot decode: AV1 (its native decoder needs hardware).
ffmpeg -hide_banner -v error -y -f lavfi -i testsrc2=s=160x90:r=10:d=1 \
  -c:v libaom-av1 -cpu-used 8 -crf 50 -pix_fmt yuv420p "$fx/bad-av1-unsupported.mkv"

# One short clip per container and codec family the browser core decodes, with oracles:
# VP8/VP9 in WebM, MPEG-4 Part 2 with B-frames in AVI (packets without pts), H.264 in FLV,
# WMV2 in ASF, MPEG-2 in MPEG-PS, raw H.264 and HEVC streams (no timestamps at all), and an
# MP4 whose edit list starts between keyframes.
cont=tests/fixtures/containers
mkdir -p "$cont"
src=public/sample/framewise-sample.mp4
enc() { ffmpeg -hide_banner -v error -y -i "$src" -t 2 -vf scale=320:180 "$@"; }
enc -c:v libvpx-vp9 -b:v 200k -g 25 "$cont/vp9.webm"
enc -c:v libvpx -b:v 200k -g 25 "$cont/vp8.webm"
enc -c:v mpeg4 -bf 2 -g 25 -q:v 5 "$cont/mpeg4-bframes.avi"
enc -c:v libx264 -bf 2 -g 25 "$cont/h264.flv"
enc -c:v wmv2 -g 25 "$cont/wmv2.asf"
enc -c:v mpeg2video -bf 2 -g 12 -f vob "$cont/mpeg2-ps.mpg"
enc -c:v libx264 -bf 2 -g 25 -f h264 "$cont/raw.h264"
enc -c:v libx265 -x265-params log-level=error -g 25 -f hevc "$cont/raw.hevc"
ffmpeg -hide_banner -v error -y -ss 0.52 -i "$src" -t 2 -c copy "$cont/editlist.mp4"
node scripts/make-oracle.mjs "$cont"/*.webm "$cont"/*.avi "$cont"/*.flv "$cont"/*.asf \
  "$cont"/*.mpg "$cont"/*.h264 "$cont"/*.hevc "$cont"/*.mp4
