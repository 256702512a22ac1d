"""Share images (1200×630 PNG, the size social cards use) drawn with Pillow.

One per achievement (its page's `og:image`) and one for the achievements page
(the latest year's totals). Only what the page itself shows is drawn: the figure,
the title, the date line and, for a workout, its map's line — never a place name.
Pillow's own font (`ImageFont.load_default(size)`) keeps images the same on every
machine, so a rebuild writes the same bytes.
"""

from __future__ import annotations

import io
from functools import cache

from .maps import map_line

SIZE = (1200, 630)
BACKGROUND = (15, 32, 48)
INK = (240, 244, 248)
MUTED = (160, 178, 196)
ACCENT = (96, 200, 255)
LABELS = {"record": "Personal record", "goal": "Goal reached", "workout": "Workout"}


@cache
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _fit(draw, text: str, size: int, width: int):
    """The largest font up to `size` that fits `text` in `width` pixels, and the text."""
    while size > 18:
        font = _font(size)
        if draw.textlength(text, font=font) <= width:
            return font, text
        size -= 4
    font = _font(size)
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return font, text + "…"


def card(
    site_title: str,
    label: str,
    headline: str,
    title: str,
    detail: str,
    track: tuple[tuple[tuple[float, float], ...], ...] = (),
) -> bytes:
    """A share image as PNG bytes."""
    from PIL import Image, ImageDraw

    # The page keeps figures and units together with no-break spaces; the font has none.
    site_title, label, headline, title, detail = (
        text.replace("\u00a0", " ") for text in (site_title, label, headline, title, detail)
    )

    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    text_width = 1040
    line = map_line(track, limit=400, width=440, height=440) if track else None
    if line is not None:
        text_width = 620
        for points in line.lines:
            pairs = [tuple(int(v) for v in p.split(",")) for p in points.split()]
            draw.line([(x + 700, y + 95) for x, y in pairs], fill=ACCENT, width=7, joint="curve")
        for x, y in (
            (line.start[0] + 700, line.start[1] + 95),
            (line.end[0] + 700, line.end[1] + 95),
        ):
            draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=INK, outline=ACCENT, width=4)
    draw.rectangle((0, 0, 16, SIZE[1]), fill=ACCENT)
    font, text = _fit(draw, site_title, 34, text_width)
    draw.text((80, 60), text, font=font, fill=MUTED)
    draw.text((80, 150), label.upper(), font=_font(30), fill=ACCENT)
    font, text = _fit(draw, headline, 120, text_width)
    draw.text((76, 200), text, font=font, fill=INK)
    font, text = _fit(draw, title, 54, text_width)
    draw.text((80, 370), text, font=font, fill=INK)
    font, text = _fit(draw, detail, 36, text_width)
    draw.text((80, 450), text, font=font, fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
