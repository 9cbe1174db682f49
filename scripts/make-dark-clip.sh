#!/usr/bin/env bash
# A dark, interlaced, CCTV-like clip with a known truth (issue 18): what the View panel is
# for. 256x192, 12 frames at 25 fps, top field first, each field from its own instant (made
# at 50 fps and interlaced), so the two fields of a frame differ where things move. Beside
# it, native FFmpeg's truth: every frame's framemd5, and for frame 3 the framemd5 and PNG of
# the picture through several view filter chains (what an enhanced still must match).
# Needs native ffmpeg; the outputs are committed and the tests never run this.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/view-filters
clip="$out/dark-interlaced.mp4"
mkdir -p "$out"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=256x192:r=50:d=0.48" \
  -vf "eq=brightness=-0.42:contrast=0.22:saturation=0.6,noise=alls=4:allf=t,interlace=scan=tff:lowpass=0,setfield=tff" \
  -c:v libx264 -preset medium -crf 24 -pix_fmt yuv420p -flags +ildct+ilme -x264-params tff=1 \
  -g 12 -bf 0 -an -map_metadata -1 -fflags +bitexact "$clip"
frame=3
chains=(
  "lutyuv=y='clip((val-0)*255/(60-0),0,255)':u=val:v=val,eq=gamma=1.3:saturation=1.6"
  "field=type=top,scale=w=iw:h=ih*2:flags=neighbor"
  "field=type=bottom,scale=w=iw:h=ih*2:flags=neighbor"
  "lutyuv=y='clip((val-10)*255/(90-10),0,255)':u=val:v=val,eq=gamma=1.4:saturation=1.5,unsharp=5:5:1,negate"
)
md5s=$(ffmpeg -v error -i "$clip" -map 0:v:0 -f framemd5 - | grep -v '^#' | awk -F', *' '{print "\"" $6 "\""}' | paste -sd, -)
json="{\"ffmpeg\": \"$(ffmpeg -version | head -1)\", \"file\": \"dark-interlaced.mp4\", \"fieldOrder\": \"tt\", \"frameMd5s\": [$md5s], \"frame\": $frame, \"chains\": ["
for i in "${!chains[@]}"; do
  chain="${chains[$i]}"
  md5=$(ffmpeg -v error -i "$clip" -map 0:v:0 -vf "select=eq(n\\,$frame),$chain" -frames:v 1 \
    -f framemd5 - | grep -v '^#' | awk -F', *' '{print $6}')
  ffmpeg -v error -y -i "$clip" -map 0:v:0 -vf "select=eq(n\\,$frame),$chain" -frames:v 1 \
    "$out/dark-chain-$i.png"
  [ "$i" -gt 0 ] && json+=", "
  escaped=${chain//\\/\\\\}
  json+="{\"chain\": \"${escaped//\"/\\\"}\", \"md5\": \"$md5\", \"png\": \"dark-chain-$i.png\"}"
done
ffmpeg -v error -y -i "$clip" -map 0:v:0 -vf "select=eq(n\\,$frame)" -frames:v 1 "$out/dark-frame.png"
echo "$json]}" > "$out/dark-interlaced.truth.json"
# A clip 54 lines high (4:2:0): its chroma has 27 lines, so FFmpeg's field filter would give
# a picture of another height and Framewise refuses to show one field of it (view-filters e2e).
ffmpeg -v error -y -f lavfi -i "testsrc2=s=96x54:r=25:d=0.2" -pix_fmt yuv420p -c:v libx264 \
  -preset veryfast -bitexact -fflags +bitexact "$out/odd-height-54.mp4"
