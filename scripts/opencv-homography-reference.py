#!/usr/bin/env python3
"""Writes OpenCV's findHomography(image, world, 0) for a few point sets, so the unit tests can
check that Framewise fits the same matrix a stranger gets from stock OpenCV.

Run with Debian's python3-opencv:  /usr/bin/python3 scripts/opencv-homography-reference.py
Writes src/core/measure/testdata/opencv-homographies.json (committed; CI has no OpenCV)."""
import json
import random

import cv2
import numpy as np

# A camera looking down a road: the truth maps ground metres to pixels.
TRUTH_WORLD_TO_IMAGE = np.array([[42.0, -18.0, 610.0], [3.0, 9.5, 520.0], [0.0004, -0.021, 1.0]])


def to_image(wx, wy):
    v = TRUTH_WORLD_TO_IMAGE @ np.array([wx, wy, 1.0])
    return v[0] / v[2], v[1] / v[2]


def case(name, world, pixel_noise, seed):
    rng = random.Random(seed)
    points = []
    for wx, wy in world:
        ix, iy = to_image(wx, wy)
        points.append({
            "image": [ix + rng.gauss(0, pixel_noise), iy + rng.gauss(0, pixel_noise)],
            "world": [wx, wy],
        })
    src = np.array([p["image"] for p in points], dtype=np.float64)
    dst = np.array([p["world"] for p in points], dtype=np.float64)
    h, _ = cv2.findHomography(src, dst, 0)
    return {"name": name, "points": points, "opencv": h.flatten().tolist()}


cases = [
    case("four corners of a 4.5 m x 12 m rectangle, exact", [(0, 0), (4.5, 0), (4.5, 12), (0, 12)], 0.0, 1),
    case("six points, 0.5 px noise", [(0, 0), (4.5, 0), (4.5, 12), (0, 12), (2.2, 6), (8, 3)], 0.5, 2),
    case("nine points on a grid, 1 px noise", [(x, y) for x in (0, 3, 6) for y in (0, 5, 10)], 1.0, 3),
]
out = {"opencv": cv2.__version__, "cases": cases}
with open("src/core/measure/testdata/opencv-homographies.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", len(cases), "cases with OpenCV", cv2.__version__)
