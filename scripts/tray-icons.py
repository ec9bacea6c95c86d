#!/usr/bin/env python3
"""Draws the tray icons (icons/tray/*.png): one per phone state, each also with a badge.

    python3 scripts/tray-icons.py [OUT_DIR]      (default: icons/tray next to this script's repo)

Only the standard library (zlib, struct): the shapes are signed distance fields, shaded with
one pixel of anti-aliasing, so the output is the same on every machine and the PNGs in the
repository can be checked against a fresh run (tests/tray.rs does).

States, as src-tauri/desktop/tray/model.rs names them:
  registered      green disc, white handset
  offline         grey disc, white handset, a slash through it
  in-call         blue disc, white handset with two sound arcs
  do-not-disturb  indigo disc, white crescent moon (the phone's "sleep" mode)
and "-badge" variants of each with a red dot at the top right: missed calls or new voicemail.
"""

import math
import os
import struct
import sys
import zlib

SIZE = 32
# Supersampling per axis: smooth edges without an image library.
SAMPLES = 4

COLOURS = {
    "registered": (46, 160, 67),
    "offline": (125, 133, 144),
    "in-call": (31, 111, 235),
    "do-not-disturb": (94, 76, 197),
}
WHITE = (255, 255, 255)
BADGE = (218, 54, 51)


def disc(x, y, cx, cy, r):
    return math.hypot(x - cx, y - cy) - r


def capsule(x, y, ax, ay, bx, by, r):
    """Distance to a line segment from (ax, ay) to (bx, by) with round ends of radius r."""
    px, py, dx, dy = x - ax, y - ay, bx - ax, by - ay
    t = max(0.0, min(1.0, (px * dx + py * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - dx * t, py - dy * t) - r


def arc(x, y, cx, cy, radius, width, start, end):
    """A stroke along a circle from angle start to end (radians, y down), with round ends."""
    angle = math.atan2(y - cy, x - cx)
    if start <= angle <= end:
        return abs(math.hypot(x - cx, y - cy) - radius) - width / 2
    ends = [(cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in (start, end)]
    return min(math.hypot(x - ex, y - ey) for ex, ey in ends) - width / 2


def handset(x, y):
    """A telephone handset: a thick arc with a round earpiece and mouthpiece at its ends."""
    c, r = (19.0, 13.0), 9.0
    a0, a1 = math.radians(100), math.radians(200)
    body = arc(x, y, c[0], c[1], r, 3.6, a0, a1)
    ends = [(c[0] + r * math.cos(a), c[1] + r * math.sin(a)) for a in (a0, a1)]
    pieces = [capsule(x, y, ex, ey, ex + 3.2 * math.cos(a + 1.9), ey + 3.2 * math.sin(a + 1.9), 2.4)
              for (ex, ey), a in zip(ends, (a0 - math.pi / 2.6, a1 + math.pi))]
    return min(body, *pieces)


def sound(x, y):
    c = (14.0, 18.0)
    return min(arc(x, y, c[0], c[1], r, 1.6, math.radians(-80), math.radians(-10)) for r in (9.5, 13.0))


def moon(x, y):
    return max(disc(x, y, 16, 16, 8.5), -disc(x, y, 20.5, 12.5, 7.0))


def slash(x, y):
    return capsule(x, y, 8, 8, 24, 24, 1.6)


GLYPHS = {
    "registered": lambda x, y: handset(x, y),
    "offline": lambda x, y: min(handset(x, y), slash(x, y)),
    "in-call": lambda x, y: min(handset(x, y), sound(x, y)),
    "do-not-disturb": moon,
}


def shade(state, badge, x, y):
    """The colour (r, g, b, a) at one sample point, painted back to front."""
    layers = [
        (disc(x, y, 16, 16, 15), COLOURS[state]),
        (GLYPHS[state](x, y), WHITE),
    ]
    if badge:
        # A white ring around the dot keeps it apart from the disc.
        layers += [(disc(x, y, 25.5, 6.5, 6.5), WHITE), (disc(x, y, 25.5, 6.5, 5.0), BADGE)]
    for distance, colour in reversed(layers):
        if distance <= 0:
            return colour + (255,)
    return (0, 0, 0, 0)


def render(state, badge):
    rows = []
    n = SAMPLES * SAMPLES
    for py in range(SIZE):
        row = bytearray([0])  # PNG filter type 0 for each row
        for px in range(SIZE):
            acc = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    r, g, b, a = shade(state, badge, px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    acc[0] += r * a
                    acc[1] += g * a
                    acc[2] += b * a
                    acc[3] += a
            alpha = acc[3] / n
            colour = [round(c / acc[3]) if acc[3] else 0 for c in acc[:3]]
            row += bytes(colour + [round(alpha)])
        rows.append(bytes(row))
    return png(b"".join(rows))


def png(raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "icons", "tray")
    os.makedirs(out, exist_ok=True)
    for state in COLOURS:
        for badge in (False, True):
            name = f"{state}{'-badge' if badge else ''}.png"
            with open(os.path.join(out, name), "wb") as f:
                f.write(render(state, badge))
            print(os.path.join(out, name))


if __name__ == "__main__":
    main()
