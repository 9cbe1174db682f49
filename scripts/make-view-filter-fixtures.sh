#!/usr/bin/env bash
# Native FFmpeg's output of its `eq` filter and of one field line-doubled on one small frame
# (issue 18): the reference the
# view filters' maths (src/vision/eq-filter.ts) is tested against. A 160x120 testsrc2 frame in
# yuv420p (source.yuv) and, for each filter in index.json, FFmpeg's yuv420p output. Needs
# native ffmpeg; the outputs are committed and the tests never run this.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/view-filters
mkdir -p "$out"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=160x120:r=1:d=1,format=yuv420p" -frames:v 1 \
  -f rawvideo "$out/source.yuv"
filters=(
  "eq=brightness=0.1:contrast=1.2"
  "eq=gamma=1.6:contrast=1.2"
  "eq=brightness=-0.2:gamma=0.7:gamma_weight=0.5"
  "eq=contrast=-0.5"
)
index="{\"ffmpeg\": \"$(ffmpeg -version | head -1)\", \"width\": 160, \"height\": 120, \"outputs\": ["
for i in "${!filters[@]}"; do
  ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s 160x120 -i "$out/source.yuv" \
    -vf "${filters[$i]}" -f rawvideo -pix_fmt yuv420p "$out/eq-$i.yuv"
  [ "$i" -gt 0 ] && index+=", "
  index+="{\"file\": \"eq-$i.yuv\", \"filter\": \"${filters[$i]}\"}"
done
echo "$index]}" > "$out/index.json"
# One field of the (progressive) test frame, line-doubled: what "Fields: Top / Bottom" shows.
for field in top bottom; do
  ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s 160x120 -i "$out/source.yuv" \
    -vf "field=type=$field,scale=w=iw:h=ih*2:flags=neighbor" -f rawvideo -pix_fmt yuv420p \
    "$out/field-$field.yuv"
done
