#!/usr/bin/env python3
"""OpenCV's findHomography(img, world, 0) for the point sets the court report's "How to verify"
is tested with (src/core/report/court-report-measurements.test.ts), so a unit test can check that
the matrix the report prints is the one a stranger gets from stock OpenCV with the report's own
snippet. The points are written as the snippet writes them (Python reads the same doubles).

Run with Debian's python3-opencv:  /usr/bin/python3 scripts/opencv-verify-reference.py
Writes src/core/report/testdata/opencv-verify.json (committed; CI has no OpenCV)."""
import json

import cv2
import numpy as np

with open("tests/fixtures/measure/road-25fps.truth.json") as f:
    truth = json.load(f)

G = np.array(truth["groundToImage"], dtype=np.float64).reshape(3, 3)


def to_image(wx, wy):
    v = G @ np.array([wx, wy, 1.0])
    return [v[0] / v[2], v[1] / v[2]]


# 1. The rendered road clip's four reference points, exact (no refinement: 4 points).
road = [{"image": p["image"], "world": p["world"]} for p in truth["referencePoints"]]

# 2. Seven points over the road, clicked a little off (fixed offsets, up to 0.8 px): the
#    refinement step runs.
OFFSETS = [(0.3, -0.2), (-0.5, 0.4), (0.8, 0.1), (-0.2, -0.7), (0.6, 0.5), (-0.4, 0.2), (0.1, -0.6)]
WORLD = [(0, 0), (4.5, 0), (4.5, 12), (0, 12), (2.25, 6), (1.0, 3.5), (3.8, 9.0)]
noisy = []
for (wx, wy), (dx, dy) in zip(WORLD, OFFSETS):
    ix, iy = to_image(wx, wy)
    noisy.append({"image": [round(ix + dx, 3), round(iy + dy, 3)], "world": [wx, wy]})


def case(name, points):
    img = np.array([p["image"] for p in points], np.float64)
    world = np.array([p["world"] for p in points], np.float64)
    H, _ = cv2.findHomography(img, world, 0)
    return {"name": name, "points": points, "opencv": (H / H[2, 2]).flatten().tolist()}


out = {
    "opencv": cv2.__version__,
    "cases": [
        case("the road clip's four reference points", road),
        case("seven points, clicked up to 0.8 px off", noisy),
    ],
}
with open("src/core/report/testdata/opencv-verify.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", len(out["cases"]), "cases with OpenCV", cv2.__version__)
