#!/usr/bin/env bash
# Makes the sample footage that ships with the app: a short synthetic CCTV-like clip (grainy
# grey lot, a red vehicle that reverses, two blue officers, a burned-in DVR clock and the
# encoder's frame number). H.264 with B-frames, so frame order != decode order.
# Needs native ffmpeg (Debian: apt-get install ffmpeg fonts-dejavu-core). Output is committed;
# run this only to change the clip, then run scripts/make-oracle.mjs on it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/sample/framewise-sample.mp4
font=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf
# The vehicle moves right for 2 s, stops, then reverses (x decreases) with an officer beside it.
vehicle_x="if(lt(t,2),120+60*t,if(lt(t,3),240,240-70*(t-3)))"
ffmpeg -hide_banner -y \
  -f lavfi -i "color=c=0x5c5c5c:s=640x360:r=25:d=8" \
  -f lavfi -i "color=c=0xc83c3c:s=150x70:r=25:d=8" \
  -f lavfi -i "color=c=0x3c64c8:s=22x56:r=25:d=8" \
  -filter_complex "
    [0]drawbox=x=0:y=250:w=640:h=4:c=0xdddddd@0.6:t=fill,
       drawbox=x=0:y=110:w=640:h=3:c=0xdddddd@0.5:t=fill,
       noise=alls=10:allf=t[lot];
    [2]split[o1][o2];
    [lot][1]overlay=x='${vehicle_x}':y=150[v1];
    [v1][o1]overlay=x='${vehicle_x}+40':y=92[v2];
    [v2][o2]overlay=x=470:y=200[v3];
    [v3]drawtext=fontfile=${font}:text='CAM 03  %{pts\\:gmtime\\:1757664060\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}':x=10:y=10:fontsize=18:fontcolor=white:box=1:boxcolor=black@0.5,
        drawtext=fontfile=${font}:text='%{frame_num}':start_number=0:x=w-tw-10:y=h-th-10:fontsize=16:fontcolor=white:box=1:boxcolor=black@0.5,
        format=yuv420p[out]" \
  -map "[out]" -c:v libx264 -preset medium -crf 30 -g 50 -bf 2 -x264-params "b-pyramid=none" \
  -movflags +faststart -metadata title="Framewise sample footage (synthetic)" "$out"
echo "wrote $out ($(stat -c %s "$out") bytes)"
