"""fonts.css: each @font-face's unicode-range matches what its file holds, and Latin faces stay Latin."""

import re
import unicodedata

from fontTools.ttLib import TTFont

from akhbar.settings.base import PACKAGE_DIR

STATIC = PACKAGE_DIR / "static" / "akhbar"
FACE = re.compile(r"@font-face\s*{(?P<body>[^}]*)}")


def faces() -> list[tuple[str, set[int]]]:
    """(font file name, code points of its unicode-range) for every @font-face in fonts.css."""
    out = []
    for match in FACE.finditer((STATIC / "css" / "fonts.css").read_text()):
        body = match.group("body")
        source = re.search(r"url\(\.\./fonts/([^)]+)\)", body).group(1)
        points: set[int] = set()
        for item in re.search(r"unicode-range:\s*([^;]+);", body).group(1).split(","):
            first, _, last = item.strip().removeprefix("U+").partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
        out.append((source, points))
    return out


def test_latin_faces_are_fetched_only_for_latin_letters():
    latin = [(name, points) for name, points in faces() if "-latin-" in name]
    assert len(latin) == 3
    for name, points in latin:
        others = {chr(p) for p in points if not unicodedata.category(chr(p)).startswith("L")}
        assert not others, f"{name} would be fetched for digits, spaces or punctuation: {sorted(others)}"


def test_every_character_a_face_is_fetched_for_is_in_its_file():
    for name, points in faces():
        cmap = set(TTFont(STATIC / "fonts" / name).getBestCmap())
        if "-latin-" in name:
            assert points <= cmap, f"{name} lacks {sorted(hex(p) for p in points - cmap)}"
        else:
            basic_arabic = set(range(0x0621, 0x063B)) | set(range(0x0641, 0x064B))
            assert basic_arabic <= points & cmap, name


def test_arabic_files_hold_no_digits_so_latin_ranges_must_not_claim_them():
    for name, _ in faces():
        if "-arabic-4" in name or "-arabic-7" in name:
            cmap = set(TTFont(STATIC / "fonts" / name).getBestCmap())
            assert not cmap & set(range(ord("0"), ord("9") + 1)), name
