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
# Levels (lutyuv), negate, unsharp and a chain of them (filters.json): each entry names its
# source frame. The odd-sized frame (161x121, its chroma 81x61) tests the edges and the
# rounded-up chroma size. The filter texts are the ones src/vision writes, run here as an
# examiner would paste them into -vf "…".
ffmpeg -v error -y -f lavfi -i "testsrc2=s=176x144:r=1:d=1,crop=161:121:0:0:exact=1,format=yuv420p" \
  -frames:v 1 -f rawvideo "$out/source-161x121.yuv"
more=(
  "source.yuv 160 120 levels-16-235 lutyuv=y='clip((val-16)*255/(235-16),0,255)':u=val:v=val"
  "source.yuv 160 120 levels-30-200 lutyuv=y='clip((val-30)*255/(200-30),0,255)':u=val:v=val"
  "source.yuv 160 120 levels-100-101 lutyuv=y='clip((val-100)*255/(101-100),0,255)':u=val:v=val"
  "source.yuv 160 120 levels-0-254 lutyuv=y='clip((val-0)*255/(254-0),0,255)':u=val:v=val"
  "source.yuv 160 120 negate negate"
  "source.yuv 160 120 unsharp-5-1 unsharp=5:5:1"
  "source.yuv 160 120 unsharp-3-m0.5 unsharp=3:3:-0.5"
  "source.yuv 160 120 unsharp-7-2.5 unsharp=7:7:2.5"
  "source.yuv 160 120 unsharp-13-5 unsharp=13:13:5"
  "source.yuv 160 120 unsharp-9-m2 unsharp=9:9:-2"
  "source-161x121.yuv 161 121 odd-unsharp-5-1 unsharp=5:5:1"
  "source-161x121.yuv 161 121 odd-unsharp-11-0.3 unsharp=11:11:0.3"
  "source-161x121.yuv 161 121 odd-negate negate"
  "source.yuv 160 120 chain-s0 lutyuv=y='clip((val-30)*255/(200-30),0,255)':u=val:v=val,eq=brightness=0.05:contrast=1.2:saturation=0,unsharp=5:5:1,negate"
  "source.yuv 160 120 chain-s1.5 lutyuv=y='clip((val-16)*255/(235-16),0,255)':u=val:v=val,eq=contrast=0.8:saturation=1.5,unsharp=7:7:-0.5,negate"
  "source-161x121.yuv 161 121 odd-chain-s1.5 lutyuv=y='clip((val-10)*255/(220-10),0,255)':u=val:v=val,eq=brightness=-0.1:saturation=1.5,unsharp=3:3:2.5,negate"
  "source.yuv 160 120 chain-field-top field=type=top,scale=w=iw:h=ih*2:flags=neighbor,lutyuv=y='clip((val-16)*255/(220-16),0,255)':u=val:v=val,eq=gamma=1.6:contrast=1.3:brightness=0.05:saturation=1.5,unsharp=5:5:1,negate"
  "source-161x121.yuv 161 121 odd-chain-field-bottom field=type=bottom,scale=w=iw:h=ih*2:flags=neighbor,lutyuv=y='clip((val-10)*255/(240-10),0,255)':u=val:v=val,eq=gamma=0.8,unsharp=5:5:2.5,negate"
)
list=""
for entry in "${more[@]}"; do
  read -r source width height name filter <<<"$entry"
  ffmpeg -v error -y -f rawvideo -pix_fmt yuv420p -s "${width}x$height" -i "$out/$source" \
    -vf "$filter" -f rawvideo -pix_fmt yuv420p "$out/$name.yuv"
  [ -n "$list" ] && list+=", "
  list+="{\"file\": \"$name.yuv\", \"source\": \"$source\", \"width\": $width, \"height\": $height, \"filter\": \"$filter\"}"
done
echo "{\"ffmpeg\": \"$(ffmpeg -version | head -1)\", \"outputs\": [$list]}" > "$out/filters.json"
