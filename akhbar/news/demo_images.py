"""Lead images for the demo network, drawn by the program (no downloaded photos)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

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
