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
