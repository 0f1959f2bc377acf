"""Digits: Latin (0-9) or Arabic-Indic (٠-٩), per site. Total on any string."""

from __future__ import annotations

from .normalize import ARABIC_INDIC_DIGITS, PERSIAN_DIGITS, fold_digits

__all__ = ["DIGIT_STYLES", "localize_digits", "to_arabic_indic", "to_latin"]

DIGIT_STYLES = ("latin", "arabic")

_TO_ARABIC_INDIC = str.maketrans(
    {
        **{str(i): d for i, d in enumerate(ARABIC_INDIC_DIGITS)},
        **dict(zip(PERSIAN_DIGITS, ARABIC_INDIC_DIGITS, strict=True)),
    }
)


def to_arabic_indic(text: str) -> str:
    """Latin and Persian digits -> Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩); everything else unchanged."""
    return text.translate(_TO_ARABIC_INDIC)


def to_latin(text: str) -> str:
    """Arabic-Indic and Persian digits -> Latin digits; everything else unchanged."""
    return fold_digits(text)


def localize_digits(text: str, digits: str) -> str:
    """Write the digits of ``text`` in the site's style: ``"latin"`` or ``"arabic"`` (Arabic-Indic).

    Raises ``ValueError`` for any other style name."""
    if digits == "latin":
        return to_latin(text)
    if digits == "arabic":
        return to_arabic_indic(text)
    raise ValueError(f"unknown digit style {digits!r}; expected one of {DIGIT_STYLES}")
