"""Lead images for the demo network, drawn by the program (no downloaded photos)."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTES = {
    "sport": ("#0b6e4f", "#08a045", "#f4d35e"),
    "economy": ("#1d3557", "#457b9d", "#e9c46a"),
    "culture": ("#6a2c70", "#b83b5e", "#f08a5d"),
    "technology": ("#0f4c75", "#3282b8", "#bbe1fa"),
    "politic": ("#3d0c11", "#9d0208", "#e5e5e5"),
    "society": ("#7b2d26", "#d77a61", "#f1dabf"),
    "localNews": ("#264653", "#2a9d8f", "#e9c46a"),
    "internationalNews": ("#22223b", "#4a4e69", "#c9ada7"),
    "diverse": ("#5f0f40", "#9a031e", "#fb8b24"),
}


def draw_lead_image(seed: str, category: str, size: tuple[int, int] = (1200, 675)) -> bytes:
    """An abstract, deterministic composition in the section's colours, as JPEG bytes."""
    rng = random.Random(seed)
    dark, mid, light = PALETTES.get(category, PALETTES["diverse"])
    width, height = size
    image = Image.new("RGB", size, dark)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 4):
        t = y / height
        draw.rectangle([0, y, width, y + 4], fill=_mix(dark, mid, t * 0.8))
    for _ in range(rng.randint(5, 9)):
        r = rng.randint(height // 8, height // 2)
        x, y = rng.randint(-r, width), rng.randint(-r, height)
        colour = _mix(mid, light, rng.random())
        draw.ellipse([x - r, y - r, x + r, y + r], outline=colour, width=rng.randint(3, 14))
    for _ in range(rng.randint(2, 4)):
        x = rng.randint(0, width)
        draw.polygon(
            [(x, 0), (x + rng.randint(80, 300), 0), (x - rng.randint(100, 400), height), (x - 500, height)],
            fill=_mix(dark, light, rng.random() * 0.35),
        )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def _mix(a: str, b: str, t: float) -> tuple[int, int, int]:
    ca = tuple(int(a[i : i + 2], 16) for i in (1, 3, 5))
    cb = tuple(int(b[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(round(x + (y - x) * t) for x, y in zip(ca, cb, strict=True))


FONTS_DIR = Path(__file__).resolve().parents[1] / "static" / "akhbar" / "fonts"
WORDMARK_FONT = FONTS_DIR / "noto-kufi-arabic-arabic-700-normal.woff2"
TAGLINE_FONT = FONTS_DIR / "noto-naskh-arabic-arabic-400-normal.woff2"
MOTIFS = ("arch", "sun", "waves")


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)


def _draw_emblem(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], accent: str, motif: str) -> None:
    """A rounded square in the accent colour with a white geometric motif (no borrowed artwork)."""
    x0, y0, x1, y1 = box
    size = x1 - x0
    draw.rounded_rectangle(box, radius=size // 5, fill=accent)
    cx, cy, u = (x0 + x1) / 2, (y0 + y1) / 2, size / 10
    white = "#ffffff"
    if motif == "arch":  # a horseshoe arch, as over a medina gate
        draw.pieslice([cx - 3 * u, cy - 3.4 * u, cx + 3 * u, cy + 2.6 * u], 180, 360, fill=white)
        draw.rectangle([cx - 3 * u, cy - 0.5 * u, cx + 3 * u, cy + 3.4 * u], fill=white)
        draw.pieslice([cx - 1.7 * u, cy - 1.9 * u, cx + 1.7 * u, cy + 1.5 * u], 180, 360, fill=accent)
        draw.rectangle([cx - 1.7 * u, cy - 0.3 * u, cx + 1.7 * u, cy + 3.4 * u], fill=accent)
    elif motif == "sun":  # a rising sun over the sea
        draw.pieslice([cx - 2.6 * u, cy - 1.6 * u, cx + 2.6 * u, cy + 3.6 * u], 180, 360, fill=white)
        for i in range(7):
            angle = math.pi * (i + 1) / 8
            r0, r1 = 3.2 * u, 4.0 * u
            p0 = (cx - r0 * math.cos(angle), cy + u - r0 * math.sin(angle))
            p1 = (cx - r1 * math.cos(angle), cy + u - r1 * math.sin(angle))
            draw.line([p0, p1], fill=white, width=max(2, round(u * 0.55)))
        draw.rectangle([cx - 3.6 * u, cy + 1.6 * u, cx + 3.6 * u, cy + 2.2 * u], fill=white)
    else:  # three waves, for a coastal city
        for row in range(3):
            y = cy - 2 * u + row * 2 * u
            points = [
                (cx - 3.6 * u + k * 0.2 * u, y + 0.7 * u * math.sin(k * 0.2 * math.pi)) for k in range(37)
            ]
            draw.line(points, fill=white, width=max(2, round(u * 0.8)), joint="curve")


def draw_logo(name: str, accent: str, motif: str, height: int = 200) -> bytes:
    """A wide PNG logo: the emblem on the right (where Arabic reading starts), the name beside it."""
    font = _font(WORDMARK_FONT, round(height * 0.5))
    left, top, right, bottom = font.getbbox(name, direction="rtl", language="ar")
    gap = height // 5
    width = height + gap + (right - left) + height // 10
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    _draw_emblem(draw, (width - height, 0, width - 1, height - 1), accent, motif)
    text_y = (height - (bottom - top)) / 2 - top
    draw.text(
        (width - height - gap - right, text_y), name, font=font, fill=accent, direction="rtl", language="ar"
    )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def draw_social_card(name: str, tagline: str, accent: str, motif: str, size=(1200, 630)) -> bytes:
    """The site's default share image: its emblem, name and tagline on the accent colour."""
    width, height = size
    image = Image.new("RGB", size, accent)
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 6):
        draw.rectangle([0, y, width, y + 6], fill=_mix(accent, "#000000", 0.35 * y / height))
    emblem = 200
    draw.rounded_rectangle(
        [(width - emblem) // 2 - 8, 90 - 8, (width + emblem) // 2 + 8, 90 + emblem + 8],
        radius=48,
        fill="#ffffff",
    )
    _draw_emblem(draw, ((width - emblem) // 2, 90, (width + emblem) // 2, 90 + emblem), accent, motif)
    for text, font, y in (
        (name, _font(WORDMARK_FONT, 84), 330),
        (tagline, _font(TAGLINE_FONT, 40), 470),
    ):
        if not text:
            continue
        left, _top, right, _bottom = font.getbbox(text, direction="rtl", language="ar")
        draw.text(
            ((width - (right - left)) / 2 - left, y),
            text,
            font=font,
            fill="#ffffff",
            direction="rtl",
            language="ar",
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()
