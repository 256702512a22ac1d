"""The dashboard's app icons, drawn with Pillow (the same bytes on every build)."""

from __future__ import annotations

import io
import math
from functools import lru_cache

SIZES = (192, 512)
BACKGROUND = (29, 91, 216)  # the theme's accent
FOREGROUND = (255, 255, 255)


@lru_cache(maxsize=4)
def icon_png(size: int) -> bytes:
    """A snowflake on the accent colour, with room to spare for maskable icon shapes."""
    from PIL import Image, ImageDraw

    scale = 4  # drawn large, then scaled down: smooth edges without antialiasing options
    big = size * scale
    image = Image.new("RGB", (big, big), BACKGROUND)
    draw = ImageDraw.Draw(image)
    centre, arm, width = big / 2, big * 0.28, max(2, round(big * 0.045))
    for k in range(6):
        angle = math.pi / 3 * k
        tip = (centre + arm * math.cos(angle), centre + arm * math.sin(angle))
        draw.line([(centre, centre), tip], fill=FOREGROUND, width=width)
        for side in (-1, 1):  # the little branches two thirds of the way out
            base = (centre + arm * 0.6 * math.cos(angle), centre + arm * 0.6 * math.sin(angle))
            branch = angle + side * math.pi / 4
            end = (base[0] + arm * 0.3 * math.cos(branch), base[1] + arm * 0.3 * math.sin(branch))
            draw.line([base, end], fill=FOREGROUND, width=width)
    image = image.resize((size, size), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
