#!/usr/bin/env bash
# Makes a long H.264 MP4 cheaply: one short segment is encoded (testsrc2 with a little noise,
# so it needs bits like camera footage; -preset ultrafast, a long GOP), then the concat
# demuxer copies it end to end, timestamps running on, without encoding again.
# Needs native ffmpeg. Usage:
#   scripts/make-long-video.sh OUT SECONDS WIDTHxHEIGHT FPS BITRATE GOP [SEGMENT_SECONDS]
# The bench's hour:   scripts/make-long-video.sh bench-results/long-1h-1080p.mp4 3600 1920x1080 25 4M 100
# The e2e fixture:    NOISE=0 scripts/make-long-video.sh tests/fixtures/long-12min-tiny.mp4 720 160x90 25 16k 250
set -euo pipefail
out=$1 seconds=$2 size=$3 fps=$4 bitrate=$5 gop=$6 segment=${7:-60}
if (( seconds % segment != 0 )); then
  echo "SECONDS ($seconds) must be a multiple of SEGMENT_SECONDS ($segment)" >&2
  exit 1
fi
# NOISE=0 leaves the noise out (a tiny, cheap clip).
NOISE_FILTER="noise=alls=6:allf=t"
[[ "${NOISE:-1}" == 0 ]] && NOISE_FILTER="null"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ffmpeg -hide_banner -v error -y -f lavfi -i "testsrc2=s=$size:r=$fps:d=$segment" \
  -vf "${NOISE_FILTER}" -c:v libx264 -preset ultrafast -b:v "$bitrate" \
  -maxrate "$bitrate" -bufsize "$bitrate" -g "$gop" -keyint_min "$gop" -sc_threshold 0 \
  -pix_fmt yuv420p -an "$work/segment.mp4"
for ((i = 0; i < seconds / segment; i++)); do echo "file '$work/segment.mp4'"; done > "$work/list.txt"
mkdir -p "$(dirname "$out")"
ffmpeg -hide_banner -v error -y -f concat -safe 0 -i "$work/list.txt" -c copy -f mp4 "$out.part"
mv "$out.part" "$out"
ls -l "$out"
