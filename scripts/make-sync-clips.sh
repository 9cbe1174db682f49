#!/usr/bin/env bash
# Footage with a known truth for synchronising videos (src/core/sync): ONE scene filmed by
# three "cameras" that start at different scene times, run at different frame rates, and one
# of whose clocks runs fast. Each camera renders the scene as a function of scene time s at its
# own frame instants (a perfect global shutter), and its sound as the same function of s at its
# own sample instants, so the truth is exact rather than measured.
#
# The scene (14 s): a noisy grey background (static noise, seeded); a white 24 px square whose
# top-left corner is at x = 20 s - 20, y = 70 + 30 sin(2 pi s / 5) (pixels); the scene
# millisecond round(1000 s) printed large (drawtext) and as a 14-bit bar code along the bottom
# (bit i a white 16 px box at x = 22 + 20 (13 - i), y = 154, on a black strip), which the truth
# script reads back from the decoded frames; the camera's letter and frame number. Sound: low
# noise (-50 dBFS) and 5 bangs at irregular scene times (no two gaps alike, so
# cross-correlation has one clear peak), each 30 ms of a 1 kHz tone plus noise decaying with
# a 10 ms time constant, peak about -2 dBFS.
#
# Camera X's frame k (and sound at its own time t) shows scene time s = S0 + K t:
#   A: 25 fps, 300 frames (12 s), S0 = 0,    K = 1        the reference (rate 1, offset 0)
#   B: 30 fps, 300 frames (10 s), S0 = 1.37, K = 1        rate 1, offset +1.37
#   C: 24 fps, 240 frames (10 s), S0 = 0.6,  K = 1/1.001  its clock runs 0.1 % fast: it counts
#      1.001 s while 1 s of scene passes, so t_case = t_C / 1.001 + 0.6 (rate 0.999000999)
# The first and last bangs C hears (3.6805 s, 8.8005 s) fall where a frame of A and a frame of
# C start within 0.26 ms of each other (A frames 92 and 220, C frames 74 and 197), so anchors
# pairing those frames are exact to well under a millisecond and can show the 0.1 % drift over
# their 5.12 s; anchors between arbitrary frames are only good to half a frame at each end.
#
# Writes tests/fixtures/sync/{A,B,C}.mp4, each clip's sound as Framewise decodes it
# (*.mp4.s16le), and sync.truth.json (scripts/sync-clips-truth.mjs, which also checks every
# frame's pts and bar code and every bang's onset against the truth). Needs native ffmpeg with
# libx264, drawtext and the DejaVu Sans Mono Bold font. Deterministic: the same script gives
# the same truth. The outputs are committed; the tests never run this.
set -euo pipefail
cd "$(dirname "$0")/.."

out=tests/fixtures/sync
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf
bangs="3.6805 5.03 6.47 8.8005 10.90"
# name fps frames S0 K
cameras=("A 25 300 0 1" "B 30 300 1.37 1" "C 24 240 0.6 1/1.001")

filters=$(ffmpeg -hide_banner -filters 2>/dev/null)
grep -q ' drawtext ' <<<"$filters" || {
  echo "This ffmpeg has no drawtext filter (needs --enable-libfreetype)." >&2
  exit 1
}
[ -f "$font" ] || {
  echo "Font not found: $font (Debian: apt-get install fonts-dejavu-core)." >&2
  exit 1
}

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for camera in "${cameras[@]}"; do
  read -r name fps frames s0 k <<<"$camera"
  dur=$(awk "BEGIN { print $frames / $fps }")
  S="($s0+t*$k)" # scene time at the frame's or sample's own time t

  bits=""
  for i in $(seq 0 13); do
    x=$((22 + (13 - i) * 20))
    bits+=",drawbox=x=$x:y=154:w=16:h=16:color=white:t=fill"
    bits+=":enable='mod(floor(round($S*1000)/pow(2\,$i))\,2)'"
  done
  video="color=c=0x808080:s=320x180:r=$fps,noise=alls=10:allf=u:all_seed=12345[bg];"
  video+="color=c=white:s=24x24:r=$fps[sq];"
  video+="[bg][sq]overlay=x='20*$S-20':y='70+30*sin(2*PI*$S/5)':eval=frame,"
  video+="drawbox=x=18:y=150:w=284:h=24:color=black:t=fill$bits,"
  video+="drawtext=fontfile=$font:fontsize=28:fontcolor=white:box=1:boxcolor=black@0.6:x=8:y=8"
  video+=":text='%{eif\:round($S*1000)\:d\:5} ms',"
  video+="drawtext=fontfile=$font:fontsize=16:fontcolor=yellow:x=w-tw-8:y=14:text='$name #%{frame_num}'[v]"

  sound="st(1\,$S);0.003*(2*random(2)-1)"
  for b in $bangs; do
    sound+="+if(between(ld(1)\,$b\,$b+0.03)\,0.8*exp(-(ld(1)-$b)/0.01)"
    sound+="*(0.5*sin(2*PI*1000*ld(1))+0.5*(2*random(3)-1))\,0)"
  done
  audio="aevalsrc=exprs='$sound':s=48000:c=mono:d=$dur[a]"

  clip="$out/$name.mp4"
  encode=(ffmpeg -hide_banner -v error -y -filter_complex "$video;$audio"
    -map '[v]' -map '[a]' -frames:v "$frames"
    -c:v libx264 -preset medium -crf 28 -g 25 -bf 0 -pix_fmt yuv420p
    -c:a aac -b:a 64k -ac 1 -ar 48000 -map_metadata -1 -fflags +bitexact "$clip")
  "${encode[@]}"
  # The sound as Framewise decodes it (src/media/audio-track.ts audioDecodeArgs, 16 kHz).
  pcm=(ffmpeg -hide_banner -v error -y -i "$clip" -map 0:1 -vn
    -af aresample=16000:async=1:first_pts=0 -ac 1 -f s16le "$clip.s16le")
  "${pcm[@]}"
  printf '%s ' "${encode[@]@Q}" >"$work/$name.encode"
  printf '%s ' "${pcm[@]@Q}" >"$work/$name.pcm"
done

node scripts/sync-clips-truth.mjs "$out" "$work" "$bangs" "${cameras[@]}"
ls -l "$out"
